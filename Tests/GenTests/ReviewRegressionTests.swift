import Foundation
import GenCore
import GenData
import GenSite
import GenYAML
import Testing

@testable import GenCharts

/// Regressions found in code review: each test fails on the behaviour it fixed.
@Suite struct ReviewRegressionTests {
  let engine: QueryEngine
  init() throws { engine = try MetricFixtures.engine() }

  /// A site of one page, for tests that add their own files.
  static let homeOnly = """
    -- gen.yml --
    title: T
    -- content/index.md --
    ---
    title: Home
    ---
    Hello.
    """

  // MARK: - Source text

  @Test func crlfMarkdownKeepsItsFrontMatter() throws {
    let site = try TestSite(Self.homeOnly)
    defer { site.remove() }
    try site.write(
      "content/page.md",
      "---\r\ntitle: Windows page\r\nsummary: Saved on Windows\r\n---\r\n\r\n# Head\r\n\r\nBody text.\r\n")
    let out = try site.output()
    let page = try #require(out["page/index.html"])
    #expect(page.contains("<title>Windows page"))
    #expect(!page.contains("title: Windows page"), "front matter leaked into the body")
    #expect(page.contains("Body text."))
  }

  @Test func sourceTextNormalizesLineEndings() {
    #expect(SourceText.normalized("\u{FEFF}a\r\nb\rc\n") == "a\nb\nc\n")
    #expect(SourceText.normalized("plain\n") == "plain\n")
    #expect(SourceText.normalized("a\r\r\nb") == "a\n\nb")
  }

  // MARK: - Query keys

  @Test func atWithoutPerIsAnError() throws {
    let errors = try TestData.metricError("data: weekly\nmeasure: sum\nat: 2026-01-12", engine)
    #expect(errors.first?.message == "'at' picks one period, so it needs 'per' to say which kind")
  }

  @Test func barChartAtNamesOnePeriod() throws {
    let spec = try TestData.chartSpec(
      "type: bar\ndata: weekly\nby: model\nmeasure: sum\nper: week\nat: 2026-01-12")
    let model = try TestData.chart(spec, engine)
    // Week of 12 Jan only: a/x 120, b/y 80, d/w 50.
    let values = Dictionary(uniqueKeysWithValues: model.series.map { ($0.name, $0.values.first ?? nil) })
    #expect(values["a/x"] == 120)
    #expect(values["b/y"] == 80)
    #expect(values["c/z"] == nil)
  }

  @Test func emptyListsAreRejected() throws {
    let problems = try TestData.problems("data: weekly\nwhere: { model: [] }", as: "metric")
    #expect(
      problems.sorted.map(\.message) == ["filter on 'model' lists no values, so it would match nothing"])

    #expect(try TestData.problems("data: weekly\nwhere: { model: { not: [] } }", as: "metric").hasErrors)

    let lookupProblems = try TestData.problems(
      "file: data/w.csv\ncolumns:\n  origin: { lookup: authors, key: [], value: origin }", as: "dataset")
    #expect(
      lookupProblems.sorted.map(\.message).contains { $0.contains("'key'") && $0.contains("empty list") })
  }

  // MARK: - Values and formats

  @Test func dateFormatShowsThePeriodOfTheValue() throws {
    let peak = try TestData.metric(
      "data: weekly\nmeasure: sum\nper: week\nagg: max\nformat: date", engine)
    #expect(peak.formatted == "week of 12 Jan 2026")
    let errors = try TestData.metricError(
      "data: weekly\nmeasure: sum\nper: week\nagg: mean\nformat: date", engine)
    #expect(errors.first?.message.contains("'format: date' shows the period") == true)
    #expect(Formatter.format(1e300, as: .date) == "–")
  }

  @Test func periodsInYear9999HaveAnEnd() throws {
    let december = try #require(Day(year: 9999, month: 12, day: 1))
    #expect(PeriodUnit.month.end(of: december).description == "9999-12-31")
    #expect(
      PeriodUnit.year.end(of: try #require(Day(year: 9999, month: 1, day: 1))).description == "9999-12-31")
    let d = try TestData.dataset("late", "day,v\n9999-12-01,1\n9999-12-15,2\n", time: "day", value: "v")
    let v = try TestData.metric(
      "data: late\nmeasure: sum\nper: month\nat: 9999-12-01\npartial: include",
      QueryEngine(datasets: ["late": d]))
    #expect(v.value == 3)
  }

  @Test func overflowingNumbersAreNotNumbers() throws {
    let errors = TestData.csvErrors("a\n1e400\n", types: ["a": .decimal])
    #expect(errors.count == 1)
    let inferred = try TestData.csv("a\n1e400\n")
    #expect(inferred.column("a")?.type == .text)
    // Sums that overflow still draw: no ticks rather than a trap.
    #expect(Ticks.niceZeroBased(max: .infinity).ticks == [0, 1])
    #expect(Ticks.values(0, .infinity, count: 5).isEmpty)
    #expect(Ticks.nice(min: -.infinity, max: 1).ticks == [0, 1])
  }

  @Test func loneHighSurrogateInJSONIsReplaced() throws {
    let t = try TestData.json(#"[{"a": "\uD83D\u0041"}, {"a": "\uD83D\uDE00"}]"#)
    #expect(t.column("a")?.texts == ["\u{FFFD}A", "😀"])
  }

  @Test func siFormatMovesToTheNextUnitOnlyWhenRoundingSaysSo() {
    #expect(Formatter.si(999.7e9, digits: 2) == "999.70B")
    #expect(Formatter.si(999.996e9, digits: 2) == "1.00T")
    #expect(Formatter.si(999.7e9, digits: 0) == "1T")
  }

  // MARK: - Metric semantics

  @Test func hhiIsOfTheUniverse() throws {
    // Week of 5 Jan, models other than d/w: 30, 50, 20 of a universe of 200 (d/w's 100
    // stays in it) → 15² + 25² + 10² = 225 + 625 + 100 = 950.
    let v = try TestData.metric(
      "data: weekly\nmeasure: hhi\nby: model\nwhere: { model: { not: d/w } }\nper: week\nat: 2026-01-05",
      engine)
    #expect(close(v.value, 950))
  }

  @Test func rankChartsAndRankMetricsAgreeOnTies() throws {
    let spec = try TestData.chartSpec("type: line\ndata: ties\nby: model\nmeasure: rank\nper: week")
    let model = try TestData.chart(spec, engine)
    let first = Dictionary(uniqueKeysWithValues: model.series.map { ($0.name, $0.values.first ?? nil) })
    #expect(first["x"] == 1)
    #expect(first["y"] == 1)
    #expect(first["z"] == 3)
    #expect(Ranking.rank(of: 0, among: [1, 2]) == nil)
  }

  @Test func sharesAddUpOnlyWhenTheyReallyDo() throws {
    // A denominator (150 in the week of 5 Jan) smaller than the itemised rows (200).
    let small = try TestData.dataset(
      "small", "week,total\n2026-01-05,150\n2026-01-12,250\n", time: "week", value: "total")
    let weekly = try TestData.dataset("weekly", MetricFixtures.weeklyCSV, time: "week", value: "tokens")
    let e = QueryEngine(datasets: ["weekly": weekly, "small": small])
    let g = try e.groupSeries(
      TestData.query("data: weekly\nby: origin\nper: week\ndenominator: { data: small }\nto: 2026-01-11"),
      fillRemainder: true
    ).get()
    // 200 itemised of 150: the excess shows (shares sum to 4/3), not hidden by forcing the last group.
    let sum = g.shares.reduce(0) { $0 + ($1[0] ?? 0) }
    #expect(close(sum, 200.0 / 150.0))
  }

  @Test func tablesPoolCompletePeriodsOnly() throws {
    // Daily rows for 5–14 Jan 2026: the week of 12 Jan is partial.
    var csv = "day,model,v\n"
    for d in 5...14 {
      csv += "2026-01-\(d < 10 ? "0" : "")\(d),a,\(d)\n2026-01-\(d < 10 ? "0" : "")\(d),b,10\n"
    }
    let t = try TestData.dataset("d", csv, time: "day", value: "v")
    let e = QueryEngine(datasets: ["d": t])
    let g = try e.groupSeries(TestData.query("data: d\nby: model\nper: week"), fillRemainder: false).get()
    // Week of 5 Jan only: a = 5+…+11 = 56, b = 70.
    #expect(g.totals == [70, 56])
    #expect(g.excludedPartial == ["week of 12 Jan 2026"])
    let included = try e.groupSeries(
      TestData.query("data: d\nby: model\nper: week\npartial: include"), fillRemainder: false
    ).get()
    #expect(included.totals == [100, 95])
    #expect(included.excludedPartial.isEmpty)
  }

  @Test func monthlyDataDatedMidMonthCoversItsMonths() {
    let dates = ["2025-01-15", "2025-02-15", "2025-03-15"].map { TestData.day($0).index }
    let coverage = Coverage(sortedDistinct: dates, granularity: .month)
    #expect(coverage.first?.description == "2025-01-01")
    #expect(coverage.covers(TestData.day("2025-01-01"), TestData.day("2025-03-31")))
  }

  @Test func facetsRankByTheMeasureNotByRows() throws {
    // b has many rows with no tokens; a has one row with many.
    var csv = "week,panel,model,tokens\n2026-01-05,a,x,1000\n"
    for _ in 0..<50 { csv += "2026-01-05,b,x,\n" }
    csv += "2026-01-05,b,x,1\n2026-01-12,a,x,1\n"
    let d = try TestData.dataset("f", csv, time: "week", value: "tokens")
    let spec = try TestData.chartSpec("type: line\ndata: f\nby: model\nmeasure: sum\nper: week\nfacet: panel")
    let model = try TestData.chart(spec, QueryEngine(datasets: ["f": d]))
    #expect(model.facets.map(\.title) == ["a", "b"])
  }

  // MARK: - Claims

  @Test func toleranceMustBeInTheClaimsUnit() {
    guard case .failure(let e) = Claim.parse("13.95T ± 1pp") else {
      Issue.record("a pp tolerance on a token count must be refused")
      return
    }
    #expect(e.message.contains("not in the unit of '13.95T'"))
    #expect((try? Claim.parse("13% ± 1T").get()) == nil)
    #expect(close(try? Claim.parse("13.95T ± 0.5T").get().tolerance, 0.5e12))
    #expect(close(try? Claim.parse("13% ± 1").get().tolerance, 0.01))
  }

  // MARK: - Files

  @Test func strayQuoteInALargeFileDoesNotShiftChunks() throws {
    var text = "id,note\n"
    var expected: [String] = []
    for i in 0..<120_000 {
      // One stray quote inside an unquoted field, then quoted fields that hold line
      // breaks: a scan that toggles on every quote is inverted from the stray quote on,
      // and cuts the file inside those fields.
      if i == 1 {
        expected.append("say \"hi \(i)")
        text += "\(i),say \"hi \(i)\n"
      } else if i % 3 == 0 {
        expected.append("line one \(i)\nline two, with padding")
        text += "\(i),\"line one \(i)\nline two, with padding\"\n"
      } else {
        expected.append("plain note number \(i) with some padding text")
        text += "\(i),plain note number \(i) with some padding text\n"
      }
    }
    #expect(text.utf8.count > 4 << 20)
    let t = try TestData.csv(text)
    #expect(t.rowCount == 120_000)
    #expect(t.column("note")?.texts == expected.map { Optional($0) })
  }

  @Test func contentFilesMayNotOverwriteGeneratedFiles() throws {
    let site = try TestSite(Self.homeOnly + "\n-- content/404.html --\n<p>mine</p>")
    defer { site.remove() }
    #expect(
      site.errors() == [
        "content/404.html: error: content/404.html has the same output path as a file gen generates (the not-found page) (rename or move the file)"
      ])
  }

  @Test func escapesDropControlCharacters() {
    #expect(Escape.text("a\u{01}b\u{7F}c\u{85}d\te") == "abcd\te")
    #expect(Escape.xml("x\u{0B}<y") == "x&lt;y")
  }
}

/// Findings of the adversarial review.
@Suite struct AdversarialRegressionTests {
  @Test func impossibleSharesAreErrors() throws {
    let negative = try TestData.dataset(
      "n", "week,browser,visits\n2026-01-05,Firefox,-3\n2026-01-05,Chrome,4\n2026-01-12,Firefox,1\n",
      time: "week", value: "visits")
    let small = try TestData.dataset(
      "s", "week,total\n2026-01-05,2\n2026-01-12,9\n", time: "week", value: "total")
    let engine = QueryEngine(datasets: ["n": negative, "s": small])
    let below = try TestData.metricError(
      "data: n\nwhere: { browser: Firefox }\nper: week\nagg: mean", engine)
    #expect(
      below.first?.message
        == "metric 'm': the share in week of 5 Jan 2026 is −300.0%: the measure has negative values")
    let above = try TestData.metricError(
      "data: n\nwhere: { browser: Chrome }\ndenominator: { data: s }\nper: week\nat: 2026-01-05", engine)
    #expect(above.first?.message.contains("is 200.0%: the numerator is larger than its universe") == true)
  }

  @Test func periodsFinerThanTheDataAreAnError() throws {
    let engine = try MetricFixtures.engine()
    let errors = try TestData.metricError("data: weekly\nmeasure: sum\nper: day\nagg: mean", engine)
    #expect(
      errors.first?.message == "dataset 'weekly' is weekly: 'per: day' would split each of its rows' periods")
    // Weekly data per month is fine.
    _ = try TestData.metric("data: weekly\nmeasure: sum\nper: month\nagg: mean\npartial: include", engine)
  }

  @Test func headingIdsNeverRepeatLayoutOrChartIds() throws {
    let site = try TestSite.visits(
      rows: "2026-01-05,Firefox,30\n2026-01-05,Chrome,70",
      """
      -- content/a.md --
      ## Main

      ## Figure share

      ```chart
      type: bar
      id: share
      data: visits
      by: browser
      ```
      """)
    defer { site.remove() }
    let page = try #require(try site.output()["a/index.html"])
    let ids = HTMLIDs.all(in: page)
    #expect(ids.count == Set(ids).count, "repeated ids: \(ids)")
    #expect(ids.contains("main-1") && ids.contains("figure-share-1"))
  }

  @Test func outputStaysValidForOddInputs() throws {
    let site = try TestSite.visits(
      config: "title: \"T\\uFFFE\"\nbase_url: https://example.org/r/",
      rows: "2026-01-05,Firefox,30\n2026-01-05,Chrome,70",
      """
      -- content/index.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox } }
      ---
      ![Firefox at {{ ff }}](chart.png) and [a script](javascript:alert(1)), [mine](my%20page.md), [pdf](files/a%20b.pdf), [pdf2](<files/a b.pdf>).

      ##

      ## Two

      ## Three
      -- content/chart.png --
      png
      -- content/files/a b.pdf --
      pdf
      -- content/my page.md --
      Mine.
      """)
    defer { site.remove() }
    let out = try site.output()
    let index = try #require(out["index.html"])
    #expect(index.contains("alt=\"Firefox at 30.0%\""), "alt text is plain text")
    #expect(!index.contains("href=\"\""), "a removed link leaves its text, not an empty link")
    #expect(index.contains("a script"))
    #expect(index.contains("href=\"my%20page/index.html\""))
    #expect(index.contains("<a href=\"files/a%20b.pdf\">pdf</a>"), "encoded once")
    #expect(index.contains("<a href=\"files/a%20b.pdf\">pdf2</a>"))
    #expect(!index.contains("\u{FFFE}"))
    #expect(!(out["feed.xml"] ?? "").contains("\u{FFFE}"))
    // The empty heading has no entry in the table of contents.
    #expect(!index.contains("<a href=\"#section\"></a>"))
  }

  @Test func baseURLNeedsAHost() throws {
    for bad in ["https://", "https://example.org/?a=1", "example.org"] {
      let problems = try TestData.problems("title: T\nbase_url: \"\(bad)\"\n", as: "config")
      #expect(problems.hasErrors, "\(bad)")
    }
    #expect(!(try TestData.problems("title: T\nbase_url: https://example.org/r\n", as: "config").hasErrors))
  }

  @Test func chartDescriptionsTellTheStoryInPlainWords() throws {
    let spec = try TestData.chartSpec("type: line\ndata: d\nby: g\nper: week")
    let days = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"].map { TestData.day($0) }
    var m = ChartModel(
      spec: spec, unit: .week, days: days, labels: days.map { PeriodUnit.week.label($0) },
      partial: [false, false, false, true],
      series: [
        ChartSeries(name: "Steady", values: [0.5, 0.5, 0.5, 0.9], isOther: false),
        ChartSeries(name: "Mover", values: [0.1, 0.2, 0.3, 0.0], isOther: false),
      ], format: .percent, digits: nil, stacked100: false, measureName: "v")
    // The series that moved most between complete weeks; the partial last week is left out.
    #expect(
      ChartDescription.sentence(m)
        == "Mover's share rose from 10.0% in the week of 5 Jan 2026 to 30.0% in the week of 19 Jan 2026; in the week of 19 Jan 2026: Steady 50.0%."
    )
    m.spec.highlight = ["Steady"]
    #expect(ChartDescription.sentence(m).hasPrefix("Steady's share held steady from 50.0%"))
  }

  @Test func standaloneChartStylesNeedNoCustomProperties() throws {
    let css = """
      /* palette */
      :root { --c1: #0072b2; --bg-line: var(--bg, #ffffff); }
      @media (prefers-color-scheme: dark) { :root { --c1: #56b4e9; } }
      svg .c1 { fill: var(--c1); stroke: var(--c1); }
      svg .sep { stroke: var(--bg-line); }
      svg .axis { stroke-width: 1; }
      svg .line { fill: none; }
      """
    let resolved = StandaloneCSS.resolve(css)
    // In the dark block too, '.line' comes after the colour rules, so lines stay unfilled.
    let dark = try #require(resolved.range(of: "@media (prefers-color-scheme: dark)"))
    #expect(resolved[dark.upperBound...].contains("svg .line { fill: none; }"))
    #expect(!resolved.contains("var("), "\(resolved)")
    #expect(resolved.contains("svg .c1 { fill: #0072b2; stroke: #0072b2; }"))
    #expect(resolved.contains("svg .sep { stroke: #ffffff; }"))
    #expect(
      resolved.contains("@media (prefers-color-scheme: dark) {\nsvg .c1 { fill: #56b4e9; stroke: #56b4e9; }"))
    #expect(StandaloneCSS.substitute("a: var(--x);", [:]) == "a: var(--x);", "unknown names stay")
  }

  @Test func longTextWrapsToTheWidth() {
    let lines = TextMetrics.wrap(String(repeating: "word ", count: 40), width: 200, size: 12)
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { TextMetrics.width($0, size: 12) <= 200 })
    #expect(lines.joined(separator: " ") == String(repeating: "word ", count: 40).trimmingCharacters(in: " "))
  }

  @Test func chartTextsQuoteMetrics() throws {
    let files = """
      -- content/index.md --
      ---
      metrics:
        ff_peak: { data: visits, where: { browser: Firefox }, per: week, agg: max }
      ---
      ```chart
      type: line
      data: visits
      per: week
      by: browser
      title: "Firefox peaked at {{ ff_peak }}"
      note: "Peak in the {{ ff_peak.period }}; {{ ff_peek }}."
      ```
      """
    let site = try TestSite.visits(files)
    defer { site.remove() }
    #expect(
      site.errors() == [
        "content/index.md:11:7: error: unknown metric 'ff_peek' (did you mean 'ff_peak'?)"
      ])
    try site.write(
      "content/index.md",
      try String(contentsOfFile: site.root + "/content/index.md", encoding: .utf8)
        .replacingOccurrences(of: " {{ ff_peek }}.", with: ""))
    let page = try #require(try site.output()["index.html"])
    #expect(page.contains("Firefox peaked at 30.0%"))
    #expect(page.contains("Peak in the week of 5 Jan 2026;"))
    // The chart's id comes from the title as written, not from its value.
    #expect(page.contains("id=\"figure-firefox-peaked-at-ff_peak\""))
  }

  @Test func claimsAreCheckedInTheirOwnTerms() throws {
    let site = try TestSite.visits(
      rows:
        "2026-01-05,Firefox,3000\n2026-01-05,Chrome,1025\n2026-01-12,Firefox,2000\n2026-01-12,Chrome,2000",
      """
      -- content/index.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox }, per: week, at: 2026-01-05 }
        ff_change: { data: visits, where: { browser: Firefox }, per: week, agg: change }
        chrome_total: { data: visits, where: { browser: Chrome }, measure: sum }
      ---
      A {{ ff ~ 75pp }}, B {{ ff_change ~ -25% }}, C {{ chrome_total ~ 4030 }},
      D {{ ff ~ 70% ± 1pp }}.
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 4, "\(errors)")
    #expect(
      errors.contains { $0.contains("'75pp' is written in points, for a change, but the metric is a share") })
    #expect(
      errors.contains { $0.contains("'-25%' is written in percent, but the metric is a change in points") })
    #expect(errors.contains { $0.contains("the data gives 3.03K (3,025)") })
    #expect(errors.contains { $0.hasSuffix("(update the figure, or widen the tolerance)") })
  }

  @Test func chartSettingsWithoutEffectAreWarnedAbout() throws {
    let site = try TestSite.visits(
      config: "title: T\ncolors: { Firefox: blue, Chrome: blue }",
      """
      -- content/index.md --
      ```chart
      type: line
      data: visits
      per: week
      by: browser
      highlight: [firefox]
      annotations:
        - { at: 2025-06-01, label: Launch }
      ```
      """)
    defer { site.remove() }
    let result = site.build()
    #expect(!result.diagnostics.hasErrors)
    #expect(
      result.diagnostics.warnings.map(\.description) == [
        "content/index.md:6:12: warning: 'highlight' names 'firefox', not a group of this chart (did you mean 'Firefox'?)",
        "content/index.md:8:3: warning: annotation 'Launch' (2025-06-01) is outside the chart's range, 2026-01-05 to 2026-01-12, and is not drawn",
        "gen.yml:2:20: warning: 'Chrome', 'Firefox' have the same colour, so a chart showing them together draws all but one in other colours (give each group its own colour)",
      ])
  }
}

@Suite struct LineEndingTests {
  @Test func crOnlyFilesAreNamedAsSuch() {
    let errors = TestData.csvErrors("week,visits\r2026-01-05,3\r")
    #expect(errors.map(\.message) == ["dataset file ends its lines with CR only (classic Mac OS)"])
  }
}

@Suite struct TableExtremeTests {
  @Test func tablesShowTheLowestOrHighestValueOfAColumnPerGroup() throws {
    let site = try TestSite.visits(
      """
      -- content/index.md --
      ```table
      data: visits
      by: browser
      columns: [browser, sum, { min: place, title: Best place }, "max:place"]
      ```
      """)
    try site.write(
      "content/data/visits.csv",
      "week,browser,visits,place\n2026-01-05,Firefox,30,2\n2026-01-05,Chrome,70,1\n2026-01-12,Firefox,50,1\n2026-01-12,Chrome,40,2\n"
    )
    defer { site.remove() }
    let page = try #require(try site.output()["index.html"])
    #expect(
      page.contains(
        "<th scope=\"col\" class=\"num\">Best place</th><th scope=\"col\" class=\"num\">Highest place</th>"))
    #expect(
      page.contains(
        "<th scope=\"row\">Chrome</th><td class=\"num\">110</td><td class=\"num\">1</td><td class=\"num\">2</td>"
      ))
    #expect(
      page.contains(
        "<th scope=\"row\">Firefox</th><td class=\"num\">80</td><td class=\"num\">1</td><td class=\"num\">2</td>"
      ))

    try site.write(
      "content/index.md",
      "```table\ndata: visits\nby: browser\ncolumns: [browser, \"min:plase\", { max: nope }]\n```\n")
    // Every bad column, each where it is written.
    let errors = site.errors()
    #expect(errors.count == 2, "\(errors)")
    #expect(
      errors.first?.hasPrefix("content/index.md:4:20: error: dataset 'visits' has no numeric column 'plase'")
        == true, "\(errors)")
    #expect(
      errors.last?.hasPrefix("content/index.md:4:33: error: dataset 'visits' has no numeric column 'nope'")
        == true, "\(errors)")
  }
}

/// Findings of the review of the day's changes: one problem, one error.
@Suite struct FollowOnErrorTests {
  @Test func aBrokenSpecIsReportedOnceNotAgainWhereItIsUsed() throws {
    let site = try TestSite.visits(
      """
      -- content/index.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox }, per: week, agg: average }
      ---
      Firefox: {{ ff }}.
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.contains("'average'") == true)

    try site.write(
      "gen.yml",
      "title: T\ndatasets:\n  visits: { file: content/data/visits.csv, time: [week], value: visits }\n")
    try site.write(
      "content/index.md",
      "---\nmetrics:\n  ff: { data: visits, where: { browser: Firefox }, per: week, agg: mean }\n---\n{{ ff }}\n"
    )
    let datasetErrors = site.errors()
    #expect(datasetErrors.count == 1, "\(datasetErrors)")
  }

  @Test func aDatasetWhereWithAnUnknownColumnLeavesTheDatasetOut() throws {
    let site = try TestSite.visits(
      config: "title: T",
      """
      -- content/index.md --
      ---
      metrics:
        total: { data: visits, measure: sum }
      ---
      {{ total ~ 50 }}
      """)
    defer { site.remove() }
    try site.write(
      "gen.yml",
      "title: T\ndatasets:\n  visits: { file: content/data/visits.csv, time: week, value: visits, where: { browsr: Firefox } }\n"
    )
    let errors = site.errors()
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.contains("has no column 'browsr'") == true)
  }

  @Test func aMistakeInAPageFromDataIsReportedOncenotPerPage() throws {
    let site = try TestSite.visits(
      """
      -- content/browsers/[browser].md --
      ---
      data: visits
      ---
      ```chart
      type: line
      data: visits
      per: week
      where: { browser: "{{ params.browser }}" }
      source: "{{ params.zzz }}"
      ```
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.contains("unknown parameter 'zzz'") == true)
  }

  @Test func aContentFileOnAPageOutputIsReportedOnce() throws {
    let site = try TestSite(
      "-- gen.yml --\ntitle: T\n-- content/about.md --\nAbout.\n-- content/about/index.html --\n<p>x</p>")
    defer { site.remove() }
    #expect(site.errors().count == 1, "\(site.errors())")
  }

  @Test func ranksAtOnceMatchRanksOneByOne() {
    var g = HostileInputTests.Generator(state: 9)
    for _ in 0..<200 {
      let values = (0..<g.int(12)).map { _ in Double(g.int(5)) }
      let expected = values.map { Ranking.rank(of: $0, among: values) }
      #expect(Ranking.ranks(values) == expected, "\(values)")
    }
  }

  @Test func manyBadJSONRecordsGiveAFewErrors() {
    let records = (0..<5000).map { _ in "{\"x\": {\"a\": 1}}" }.joined(separator: ",\n")
    do throws(Diagnostics) {
      _ = try TestData.json("[\n" + records + "\n]")
      Issue.record("expected errors")
    } catch {
      #expect(error.all.count == 20)
      #expect(error.sorted.first?.location?.line == 2)
    }
  }
}

/// Findings of the adversarial run on the day's new features.
@Suite struct NewFeatureRegressionTests {
  @Test func chartsAndTablesRefuseImpossibleShares() throws {
    let site = try TestSite.visits(
      rows: "2026-01-05,Firefox,-100\n2026-01-05,Chrome,700\n2026-01-12,Firefox,20\n2026-01-12,Chrome,80",
      """
      -- content/index.md --
      ```chart
      type: area
      data: visits
      per: week
      by: browser
      ```

      ```table
      data: visits
      by: browser
      columns: [browser, share]
      ```

      ```table
      data: visits
      by: browser
      columns: [browser, sum]
      ```
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.allSatisfy { $0.contains("negative values") }, "\(errors)")
  }

  @Test func tableTextsQuoteMetricsAndNotesFitTheColumns() throws {
    // Daily rows: one complete week and one partial day of the next.
    let days = (5...12).map { "2026-01-\($0 < 10 ? "0" : "")\($0)" }
    let rows = days.map { "\($0),Firefox,30\n\($0),Chrome,70" }.joined(separator: "\n")
    let site = try TestSite.visits(
      rows: rows,
      """
      -- content/index.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox }, per: week, at: 2026-01-05 }
      ---
      ```table
      data: visits
      by: browser
      per: week
      columns: [browser, "max:visits"]
      title: "Firefox had {{ ff }}"
      ```
      """)
    defer { site.remove() }
    let page = try #require(try site.output()["index.html"])
    #expect(page.contains("<caption>Firefox had 30.0%</caption>"))
    #expect(!page.contains("Totals and shares leave out"), "no totals or shares in this table")
  }

  @Test func aMissingDatasetFileIsAnErrorOfItsFileLine() throws {
    let site = try TestSite(
      "-- gen.yml --\ntitle: T\ndatasets:\n  v: { file: content/data/nope.csv }\n-- content/index.md --\nHi.")
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.hasPrefix("gen.yml:3:14: error: cannot read dataset file") == true, "\(errors)")
    #expect(errors.first?.contains("(content/data/nope.csv)") == true)
  }

  @Test func jsonDuplicateKeysAreErrors() {
    do throws(Diagnostics) {
      _ = try TestData.json("[{\"visits\": 500, \"visits\": 3}]")
      Issue.record("expected an error")
    } catch {
      #expect(error.sorted.first?.message == "JSON syntax error: duplicate key 'visits' in an object")
      #expect(error.sorted.first?.location?.column == 18)
    }
  }

  @Test func aLongListOfBadCellsSaysHowManyMore() {
    let text = "a\n" + String(repeating: "x\n", count: 60)
    let errors = TestData.csvErrors(text, types: ["a": .integer])
    #expect(errors.count == 51)
    #expect(errors.contains { $0.message == "10 more problems in this file are not listed" })
  }
}
