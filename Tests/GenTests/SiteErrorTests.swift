import Foundation
import GenCore
import GenSite
import Testing

/// Every content error is reported as `path:line:col: error: message (hint)`, all of
/// them in one run, and nothing is built.
@Suite struct SiteErrorTests {
  static let config = """
    -- gen.yml --
    title: Errors
    """

  func errors(_ files: String) throws -> [String] {
    let site = try TestSite(Self.config + "\n" + files)
    defer { site.remove() }
    let result = site.build()
    #expect(result.output == nil, "a build with errors produces no output")
    return result.diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
  }

  @Test func unknownFrontMatterKeyGetsASuggestion() throws {
    let found = try errors(
      """
      -- content/a.md --
      ---
      titel: A
      ---
      Text.
      """)
    #expect(found == ["content/a.md:2:1: error: unknown key 'titel' in front matter (did you mean 'title'?)"])
  }

  @Test func yamlSyntaxErrorHasItsLine() throws {
    let found = try errors(
      """
      -- content/a.md --
      ---
      title: A
      summary: [unclosed
      ---
      Text.
      """)
    #expect(found.count == 1)
    #expect(found[0].hasPrefix("content/a.md:4:"), "\(found)")
    #expect(found[0].contains("YAML syntax error"))
  }

  @Test func unclosedFrontMatter() throws {
    let found = try errors(
      """
      -- content/a.md --
      ---
      title: A
      """)
    #expect(
      found == [
        "content/a.md:1:1: error: front matter is never closed (end the YAML block with a line holding only '---')"
      ])
  }

  @Test func missingTemplateIsNamed() throws {
    let found = try errors(
      """
      -- content/a.md --
      ---
      title: A
      template: wide
      ---
      Text.
      """)
    #expect(found.count == 1)
    #expect(found[0].contains("content/a.md:3:11: error: template 'wide' does not exist"), "\(found)")
    #expect(found[0].contains("templates/wide.mustache"))
  }

  @Test func brokenTemplateAndMissingPartialNameTheirFiles() throws {
    let found = try errors(
      """
      -- templates/page.mustache --
      <article>{{#page.title}}{{page.title}}</article>
      -- templates/list.mustache --
      {{> sidebar}}{{{page.content}}}
      -- content/a.md --
      Text.
      """)
    #expect(
      found.contains { $0.hasPrefix("templates/page.mustache:") && $0.contains("template syntax error") },
      "\(found)")
    #expect(
      found.contains {
        $0.hasPrefix("templates/list.mustache:1:1: error: template includes partial 'sidebar'")
      }, "\(found)")
    // The page template exists, it only failed to parse: no second error saying it is missing.
    #expect(!found.contains { $0.contains("template 'page' does not exist") }, "\(found)")
  }

  @Test func yamlAliasBombsFailFast() throws {
    var yaml =
      "title: Errors\nx0: &a0 [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]\n"
    for i in 1...9 {
      yaml += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n"
    }
    let found = try errors("-- gen.yml --\n" + yaml + "-- content/a.md --\nText.")
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("gen.yml:1:1: error: YAML expands to more than 200000 values") == true)
  }

  @Test func unknownParametersInFrontMatterAreErrors() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: Errors
      datasets:
        visits: { file: content/data/visits.csv, time: week, value: visits }
      -- content/data/visits.csv --
      week,browser,visits
      2026-01-05,Firefox,30
      2026-01-05,Chrome,70
      -- content/browsers/[browser].md --
      ---
      data: visits
      title: "{{ params.browsr }}"
      ---
      Text.
      """)
    defer { site.remove() }
    let result = site.build()
    // Reported once (not once per generated page), and counted once.
    #expect(
      result.diagnostics.errors.map(\.description) == [
        "content/browsers/[browser].md:3:8: error: unknown parameter 'browsr' (did you mean 'browser'?)"
      ])
  }

  @Test func duplicateKeysPointAtTheSecondOne() throws {
    let found = try errors(
      """
      -- content/a.md --
      ---
      title: A
      metrics:
        m:
          data: x
          data: y
      ---
      Text.
      """)
    #expect(
      found == ["content/a.md:6:5: error: duplicate key 'data' in YAML mapping (each key may appear once)"])
  }

  @Test func problemsOfEveryStepComeInOneRun() throws {
    let found = try errors(
      """
      -- gen.yml --
      title: Errors
      base_ulr: https://example.org/
      datasets:
        visits:
          file: content/data/visits.csv
          time: week
          value: visits
      -- content/data/visits.csv --
      week,browser,visits
      2026-01-05,Firefox,30
      2026-01-05,Chrome,70
      2026-01-12,Firefox,20
      2026-01-12,Chrome,80
      -- content/a.md --
      ---
      titel: A
      metrics:
        ff:
          data: visits
          where: { browser: Firefox }
          per: week
        ff_mean:
          data: visits
          where: { browser: Firefox }
          per: week
          agg: mean
      ---
      Firefox had {{ ff_mean ~ 90% }} of visits, {{ ff_meen }} and {{ ff }}.

      ```chart
      type: line
      data: visits
      per: week
      by: brwser
      ```

      See [b](b.md).
      """)
    // Config and front matter (load), a metric and a chart (compute), a claim, an
    // unknown metric and a broken link (render): all reported together. The metric that
    // failed is not reported again where the prose uses it.
    #expect(found.count == 7, "\(found)")
    #expect(found.contains { $0.hasPrefix("gen.yml:2:1: error: unknown key 'base_ulr'") })
    #expect(found.contains { $0.hasPrefix("content/a.md:2:1: error: unknown key 'titel'") })
    #expect(found.contains { $0.contains("metric 'ff': the range holds 2 weeks") })
    #expect(found.contains { $0.contains("has no column 'brwser'") })
    #expect(found.contains { $0.contains("claim '90%' for metric 'ff_mean' does not hold") })
    #expect(found.contains { $0.contains("unknown metric 'ff_meen'") })
    #expect(found.contains { $0.contains("broken link: 'b.md' does not exist") })
  }

  @Test func brokenLinksAreErrorsWithSuggestions() throws {
    let found = try errors(
      """
      -- content/a.md --
      See [b](bee.md), [c](c.md#nowhere) and [file](data/missing.csv).
      -- content/c.md --
      ## Somewhere
      """)
    #expect(found.count == 3, "\(found)")
    #expect(found[0].hasPrefix("content/a.md:1:9: error: broken link: 'bee.md' does not exist"), "\(found)")
    #expect(
      found.contains {
        $0.hasPrefix("content/a.md:1:22: error: broken link: no heading '#nowhere' in c/index.html")
      }, "\(found)")
    #expect(found.contains { $0.contains("'data/missing.csv' does not exist") })
  }

  @Test func unknownConfigKey() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: X
      base_ulr: https://example.org/
      -- content/a.md --
      Text.
      """)
    defer { site.remove() }
    #expect(
      site.errors() == ["gen.yml:2:1: error: unknown key 'base_ulr' in gen.yml (did you mean 'base_url'?)"])
  }

  @Test func baseURLNeedsAHost() throws {
    for bad in ["https://", "https://example.org/?a=1", "example.org"] {
      let problems = try TestData.problems("title: T\nbase_url: \"\(bad)\"\n", as: "config")
      #expect(problems.hasErrors, "\(bad)")
    }
    #expect(!(try TestData.problems("title: T\nbase_url: https://example.org/r\n", as: "config").hasErrors))
  }

  @Test func unknownMetricAndFailedClaimAreReportedTogether() throws {
    let found = try errors(
      """
      -- content/data/d.csv --
      day,g,v
      2026-01-05,a,1
      2026-01-05,b,3
      -- gen.yml --
      title: X
      datasets:
        d: { file: content/data/d.csv, time: day, value: v }
      -- content/a.md --
      ---
      metrics:
        a_share: { data: d, where: { g: a } }
      ---
      A has {{ a_shar }} and {{ a_share ~ 30% }}.
      """)
    #expect(
      found == [
        "content/a.md:5:7: error: unknown metric 'a_shar' (did you mean 'a_share'?)",
        "content/a.md:5:24: error: claim '30%' for metric 'a_share' does not hold: the data gives 25.0% (25.00%) (update the figure, or state a tolerance: {{ a_share ~ 30% ± …}})",
      ])
  }

  @Test func sparklineNeedsAPerPeriodMetric() throws {
    let found = try errors(
      """
      -- content/data/d.csv --
      day,g,v
      2026-01-05,a,1
      -- gen.yml --
      title: X
      datasets:
        d: { file: content/data/d.csv, time: day, value: v }
      -- content/a.md --
      ---
      metrics:
        total: { data: d, measure: sum }
      ---
      Total {{ total.sparkline }}.
      """)
    #expect(found.count == 1)
    #expect(
      found.first?.hasPrefix("content/a.md:5:7: error: metric 'total' has no series to draw") == true,
      "\(found)")
  }

  @Test func linkToDraftIsAnError() throws {
    let found = try errors(
      """
      -- content/a.md --
      See [the draft](b.md).
      -- content/b.md --
      ---
      draft: true
      ---
      """)
    #expect(found.count == 1)
    #expect(found[0].contains("which is a draft"))
  }

  @Test func twoPagesWithOneOutputPath() throws {
    let found = try errors(
      """
      -- content/a.md --
      One.
      -- content/a/index.md --
      Two.
      """)
    #expect(found.count == 1)
    #expect(found[0].contains("would both be written to a/index.html"), "\(found)")
  }

  @Test func contentFilesMayNotOverwriteGeneratedFiles() throws {
    let site = try TestSite(TestSite.homeOnly + "\n-- content/404.html --\n<p>mine</p>")
    defer { site.remove() }
    #expect(
      site.errors() == [
        "content/404.html: error: content/404.html has the same output path as a file gen generates (the not-found page) (rename or move the file)"
      ])
  }

  @Test func unclosedExpression() throws {
    let found = try errors(
      """
      -- content/a.md --
      Value {{ oops
      """)
    #expect(
      found == [
        "content/a.md:1:7: error: '{{' without a closing '}}' (write {{ name }} on one line, or put literal braces in `code`)"
      ])
  }

  @Test func missingConfigIsFatal() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-empty-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let result = SitePipeline.run(BuildOptions(siteRoot: root))
    #expect(result.output == nil)
    #expect(result.diagnostics.errors.first?.message.hasPrefix("no gen.yml") == true)
  }

  // MARK: - One problem, one error
}
