import Foundation
import GenCore
import GenSite
import Testing

/// A problem is reported once: not again where what it broke is used, and not once per
/// page generated from the same file.
@Suite struct FollowOnErrorTests {
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

  @Test func aDatasetThatFailsToLoadIsReportedOnce() throws {
    let found = try errors(
      """
      -- gen.yml --
      title: Errors
      datasets:
        visits: { file: content/data/visits.csv, time: week, value: visits }
      -- content/data/visits.csv --
      week,browser,visits
      2026-01-05,Firefox
      -- content/a.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox } }
      ---
      Firefox had {{ ff }}.

      ```chart
      type: bar
      data: visits
      by: browser
      ```
      """)
    // Not followed by "unknown dataset 'visits'" for the metric and the chart.
    #expect(
      found == [
        "content/data/visits.csv:2:1: error: row has 2 fields but the header has 3 (quote values that contain the delimiter, or fix the row)"
      ])
  }

  @Test func aContentFileOnAPageOutputIsReportedOnce() throws {
    let site = try TestSite(
      "-- gen.yml --\ntitle: T\n-- content/about.md --\nAbout.\n-- content/about/index.html --\n<p>x</p>")
    defer { site.remove() }
    #expect(site.errors().count == 1, "\(site.errors())")
  }

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

  @Test func aMistakeInAPageFromDataIsReportedOnceNotPerPage() throws {
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
}
