import Foundation
import GenCharts
import GenData
import GenSite
import Testing

/// Series colours: a group keeps one colour on every chart and page, colours fixed in
/// gen.yml are never given to another group, "Other" is grey, a single measure is ink,
/// and a chart with more groups than free colours is warned about (docs/charts.md).
@Suite struct PaletteTests {
  /// US leads the week of 5 Jan (US 50, China 30, Europe 20), China the week of 12 Jan
  /// (China 50, Europe 40, US 10).
  static let regions = """
    week,region,tokens
    2026-01-05,US,50
    2026-01-05,China,30
    2026-01-05,Europe,20
    2026-01-12,China,50
    2026-01-12,Europe,40
    2026-01-12,US,10
    """

  func model(_ yaml: String) throws -> ChartModel {
    let regions = try TestData.dataset("r", Self.regions, time: "week", value: "tokens")
    return try TestData.chart(TestData.chartSpec(yaml), QueryEngine(datasets: ["r": regions]))
  }

  @Test func aGroupKeepsItsColourAcrossCharts() throws {
    var palette = Palette(fixed: ["China": .palette(2)])
    // The week of 5 Jan, top 2: US, China, and Europe in Other.
    var a = try model("type: area\ndata: r\nby: region\nper: week\ntop: 2\nto: 2026-01-11")
    // The week of 12 Jan, China highlighted.
    var b = try model("type: line\ndata: r\nby: region\nper: week\nfrom: 2026-01-12\nhighlight: [China]")
    #expect(a.series.map(\.name) == ["US", "China", "Other"])
    #expect(a.series.map(\.isOther) == [false, false, true])
    #expect(b.series.map(\.name) == ["China", "Europe", "US"])
    palette.assign(Palette.panels(of: a) + Palette.panels(of: b))
    palette.paint(&a)
    palette.paint(&b)
    #expect(a.series.map(\.color) == [.palette(1), .palette(2), .other])
    #expect(b.series.map(\.color) == [.palette(2), .palette(3), .palette(1)])
    #expect(b.series.filter(\.muted).map(\.name) == ["Europe", "US"])
  }

  @Test func singleMeasureSeriesIsInk() throws {
    var m = try model("type: line\ndata: r\nper: week\nmeasure: sum")
    #expect(m.series.count == 1)
    var palette = Palette()
    palette.assign(Palette.panels(of: m))
    palette.paint(&m)
    #expect(m.series[0].color == .ink)
  }

  @Test func fixedColoursAreNeverGivenToAnotherGroup() {
    var palette = Palette(fixed: ["United": .palette(1), "Delta": .palette(3)])
    let carriers = ["American", "JetBlue", "ExpressJet", "Endeavor", "Southwest", "Envoy"]
    palette.assign([carriers, ["United", "Delta"] + carriers.prefix(3)])
    for carrier in carriers {
      #expect(![SeriesColor.palette(1), .palette(3)].contains(palette.color(of: carrier)), "\(carrier)")
    }
    // Five colours were free for six groups: only the panel of all six has a clash.
    let colours = Set(carriers.compactMap { palette.color(of: $0) })
    #expect(colours.count == 5)
  }

  @Test func groupsOfOneChartNeverShareAColourWhileColoursAreFree() {
    // Seven groups fill the palette; H comes later next to A, then alone.
    var palette = Palette()
    let first = ["A", "B", "C", "D", "E", "F", "G"]
    palette.assign([first, ["H", "A"], ["H"], ["I", "H", "B"]])
    #expect(Set(first.compactMap { palette.color(of: $0) }).count == 7)
    #expect(palette.color(of: "H") != palette.color(of: "A"))
    #expect(Set(["I", "H", "B"].compactMap { palette.color(of: $0) }).count == 3)
  }
}

/// Colours through a whole build: pages from data with fixed colours (the nycflights13 case).
@Suite struct PaletteSiteTests {
  /// Flights per week by origin and carrier: each origin shows a different set of carriers.
  static let flights = """
    week,origin,carrier,flights
    2026-01-05,JFK,JetBlue,90
    2026-01-05,JFK,Delta,60
    2026-01-05,JFK,American,50
    2026-01-05,JFK,Endeavor,40
    2026-01-05,EWR,United,120
    2026-01-05,EWR,ExpressJet,80
    2026-01-05,EWR,Southwest,30
    2026-01-05,EWR,American,20
    2026-01-05,LGA,Delta,70
    2026-01-05,LGA,American,65
    2026-01-05,LGA,Envoy,50
    2026-01-05,LGA,United,40
    2026-01-05,LGA,Southwest,20
    2026-01-12,JFK,JetBlue,95
    2026-01-12,EWR,United,118
    2026-01-12,LGA,Delta,72
    """

  static func site(colors: String, top: Int = 8) throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: Flights
      colors: { \(colors) }
      datasets:
        flights: { file: flights.csv, time: week, value: flights }
      -- flights.csv --
      \(flights)
      -- content/index.md --
      ---
      title: All airports
      ---
      ```chart
      type: line
      data: flights
      per: week
      by: carrier
      top: \(top)
      ```
      -- content/origins/[origin].md --
      ---
      title: "{{ params.origin }}"
      data: flights
      ---
      ```chart
      type: line
      data: flights
      where: { origin: "{{ params.origin }}" }
      per: week
      by: carrier
      ```
      """)
  }

  /// Each group's colour on each page's chart: `<text class="label tN">Name</text>`.
  static func colours(in files: [String: String]) -> [String: [String: String]] {
    var found: [String: [String: String]] = [:]
    let label = try! Regex(#"<text class="label t(\d)"[^>]*>([^<]+)</text>"#)
    for (path, text) in files where path.hasSuffix("index.html") {
      for match in text.matches(of: label) {
        found[path, default: [:]][String(match.output[2].substring!)] = String(match.output[1].substring!)
      }
    }
    return found
  }

  @Test func aGroupHasOneColourOnEveryPageAndFixedColoursStayTheirs() throws {
    // The overview's top 6 and every airport's carriers fit in the four free colours.
    let site = try Self.site(colors: "United: blue, Delta: green, JetBlue: orange", top: 6)
    defer { site.remove() }
    let result = site.build()
    #expect(result.diagnostics.warnings.isEmpty, "\(result.diagnostics)")
    let pages = Self.colours(in: try site.output())
    #expect(
      pages.keys.sorted() == [
        "index.html", "origins/ewr/index.html", "origins/jfk/index.html", "origins/lga/index.html",
      ])
    var siteWide: [String: String] = [:]
    for (page, groups) in pages {
      for (group, colour) in groups {
        #expect(siteWide[group, default: colour] == colour, "\(group) changes colour on \(page)")
        siteWide[group] = colour
      }
      // No two groups of one chart share a colour.
      #expect(Set(groups.values).count == groups.count, "\(page): \(groups)")
    }
    #expect(siteWide["United"] == "1" && siteWide["Delta"] == "3" && siteWide["JetBlue"] == "4")
    for (group, colour) in siteWide where !["United", "Delta", "JetBlue"].contains(group) {
      #expect(!["1", "3", "4"].contains(colour), "\(group) drawn in a fixed group's colour")
    }
  }

  @Test func aChartWithMoreGroupsThanFreeColoursIsWarnedAbout() throws {
    // Eight carriers on the overview: five not fixed, and four colours left free for them.
    let site = try Self.site(colors: "United: blue, Delta: green, JetBlue: orange")
    defer { site.remove() }
    try site.write("content/origins/[origin].md", "---\ntitle: \"{{ params.origin }}\"\ndata: flights\n---\n")
    let warnings = site.build().diagnostics.warnings.map(\.description)
    #expect(warnings.count == 1, "\(warnings)")
    #expect(
      warnings.first?.hasPrefix(
        "content/index.md:5:1: warning: chart 'chart-1' draws 'American' and 'Endeavor' in the same colour")
        == true)
    #expect(warnings.first?.contains("show fewer groups with 'top:'") == true)
  }
}
