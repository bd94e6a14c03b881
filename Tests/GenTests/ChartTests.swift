import Foundation
import GenCore
import GenData
import GenSite
import GenYAML
import Testing

@testable import GenCharts

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct TickTests {
  @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    // The same steps as d3-array's tickIncrement / ticks.
    #expect(Ticks.step(0, 1, count: 5) == 0.2)
    #expect(Ticks.step(0, 10, count: 10) == 1)
    #expect(Ticks.step(0, 100, count: 5) == 20)
    #expect(Ticks.step(0, 13.9e12, count: 5) == 2e12)
    #expect(Ticks.step(0, 7, count: 5) == 1)  // 1.4 is below √2: d3 also steps by 1
    #expect(Ticks.step(0, 0.034, count: 4) == 0.01)
    #expect(Ticks.values(0, 1, count: 5) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(Ticks.values(0, 14, count: 5) == [0, 2, 4, 6, 8, 10, 12, 14])
  }

  @Test func niceDomainsEndOnATick() {
    let (top, ticks) = Ticks.niceZeroBased(max: 13.46e12)
    #expect(top == 14e12)
    #expect(ticks.last == 14e12)
    #expect(ticks.first == 0)
    let (top2, _) = Ticks.niceZeroBased(max: 27.3)
    #expect(top2 == 30)
  }

  @Test func monthTicksPickAnIntervalWhoseLabelsFit() {
    let start = Day(iso: "2025-02-10")!
    let end = Day(iso: "2026-05-04")!
    let span = Double(end.index - start.index)
    func x(width: Double) -> (Day) -> Double { { Double($0.index - start.index) / span * width } }
    let wide = Ticks.months(from: start, to: end, x: x(width: 560), fontSize: 11.5)
    #expect(wide.map(\.label) == ["Mar 2025", "May", "Jul", "Sep", "Nov", "Jan 2026", "Mar", "May"])
    let narrow = Ticks.months(from: start, to: end, x: x(width: 280), fontSize: 11.5)
    #expect(narrow.map(\.label) == ["Apr 2025", "Jul", "Oct", "Jan 2026", "Apr"])
    // Labels never overlap.
    for ticks in [wide, narrow] {
      for (a, b) in zip(ticks, ticks.dropFirst()) {
        let gap = x(width: 280)(b.day) - x(width: 280)(a.day)
        #expect(gap > 0)
      }
    }
    // A range shorter than two months is labelled at period starts.
    let days = (0..<4).map { Day(iso: "2026-01-05")!.advanced(by: 7 * $0) }
    let short = Ticks.periods(days, x: { Double($0.index - days[0].index) * 10 }, fontSize: 11.5)
    #expect(short.first?.label == "5 Jan 2026")
  }
}

@Suite struct LabelTests {
  @Test func labelsAreSpreadApartInOrder() {
    let placed = LabelPlacement.spread([100, 102, 104, 300], gap: 15, low: 0, high: 320)
    #expect(placed == [100, 115, 130, 300])
    // Pushed back up from the bottom edge.
    let bottom = LabelPlacement.spread([310, 312, 318], gap: 15, low: 0, high: 320)
    #expect(bottom == [290, 305, 320])
    // Unsorted input keeps each label's identity.
    let mixed = LabelPlacement.spread([50, 10, 52], gap: 15, low: 0, high: 320)
    #expect(mixed == [50, 10, 65])
  }

  @Test func textWidthsFollowHelvetica() {
    // "Chinese" at 12 px: C 722 + h 556 + i 222 + n 556 + e 556 + s 500 + e 556 = 3668 → 44.016 px.
    #expect(abs(TextMetrics.width("Chinese", size: 12) - 44.016) < 1e-9)
    #expect(TextMetrics.width("WWW", size: 10) > TextMetrics.width("iii", size: 10) * 3)
    #expect(TextMetrics.width("中国", size: 10) == 20)
  }
}

@Suite struct PaletteTests {
  func model(_ groups: [String], highlight: [String] = [], type: ChartType = .line) throws -> ChartModel {
    var diagnostics = Diagnostics()
    let node = try #require(
      YAMLParser.parse("type: \(type.rawValue)\ndata: d\nby: g\nper: week", path: "t.md", into: &diagnostics))
    var spec = try #require(ChartSpec.parse(node, into: &diagnostics))
    spec.highlight = highlight
    return ChartModel(
      spec: spec, unit: .week, days: [], labels: [], partial: [],
      series: groups.map { ChartSeries(name: $0, values: [], isOther: $0 == "Other") }, format: .percent,
      digits: nil, stacked100: false, measureName: "v")
  }

  @Test func aGroupKeepsItsColourAcrossCharts() throws {
    var palette = Palette(fixed: ["China": .palette(2)])
    var a = try model(["US", "China", "Other"])
    var b = try model(["China", "Europe", "US"], highlight: ["China"])
    palette.paint(&a)
    palette.paint(&b)
    #expect(a.series.map(\.color) == [.palette(1), .palette(2), .other])
    #expect(b.series.first { $0.name == "China" }?.color == .palette(2))
    #expect(b.series.first { $0.name == "US" }?.color == .palette(1))
    #expect(b.series.filter(\.muted).map(\.name) == ["Europe", "US"])
  }

  @Test func singleMeasureSeriesIsInk() throws {
    var diagnostics = Diagnostics()
    let node = try #require(
      YAMLParser.parse("type: line\ndata: d\nper: week\nmeasure: sum", path: "t.md", into: &diagnostics))
    let spec = try #require(ChartSpec.parse(node, into: &diagnostics))
    var m = ChartModel(
      spec: spec, unit: .week, days: [], labels: [], partial: [],
      series: [ChartSeries(name: "v", values: [], isOther: false)], format: .si, digits: nil,
      stacked100: false,
      measureName: "v")
    var palette = Palette()
    palette.paint(&m)
    #expect(m.series[0].color == .ink)
  }
}

@Suite struct ChartSpecTests {
  func site(_ chart: String) throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: Charts
      datasets:
        d: { file: content/data/d.csv, time: day, value: v }
      -- content/data/d.csv --
      day,g,v
      2026-01-05,a,1
      2026-01-05,b,3
      2026-01-12,a,2
      2026-01-12,b,2
      -- content/index.md --
      Intro.

      ```chart
      \(chart)
      ```
      """)
  }

  @Test func specErrorsPointIntoTheMarkdownAllAtOnce() throws {
    let s = try site("type: arae\ndata: d\nper: week\nby: gg\ntitel: X")
    defer { s.remove() }
    let errors = s.errors()
    #expect(
      errors.contains(
        "content/index.md:4:7: error: 'arae' is not a valid 'type' in chart (did you mean 'area'?)"),
      "\(errors)")
    #expect(
      errors.contains("content/index.md:8:1: error: unknown key 'titel' in chart (did you mean 'title'?)"),
      "\(errors)")
  }

  @Test func unknownColumnAndMissingData() throws {
    let s = try site("type: area\ndata: d\nper: week\nby: gg")
    defer { s.remove() }
    #expect(s.errors() == ["content/index.md:7:5: error: dataset 'd' has no column 'gg' (did you mean 'g'?)"])
    let t = try site("type: area\nper: week")
    defer { t.remove() }
    #expect(t.errors() == ["content/index.md:4:1: error: chart needs 'data'"])
  }

  @Test func everyChartOfTheFixtureSiteIsWellFormedAndAccessible() throws {
    let result = SitePipeline.run(BuildOptions(siteRoot: Fixtures.root + "/sites/charts"))
    let files = try #require(result.output?.files)
    let svgs = files.keys.filter { $0.hasSuffix(".svg") && !$0.hasPrefix("assets/") }.sorted()
    #expect(svgs.count == 9)
    for path in svgs {
      let data = Data(files[path]!)
      #expect(XMLParser(data: data).parse(), "\(path) is not well-formed")
      let svg = String(decoding: data, as: UTF8.self)
      #expect(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
      #expect(svg.contains("<style>"), "\(path) carries its own styles")
      #expect(svg.contains("<desc id="))
      #expect(!svg.contains("<script"))
    }
    let page = String(decoding: files["index.html"]!, as: UTF8.self)
    // Every inline chart: role, title and desc; two widths; a data table; links to its files.
    #expect(page.components(separatedBy: "role=\"img\" aria-labelledby=").count - 1 >= 17)
    #expect(page.contains("Share by region"))
    #expect(
      page.contains("<desc id=\"share-by-region-wide-desc\">North&#39;s share")
        || page.contains("<desc id=\"share-by-region-wide-desc\">North's share"))
    #expect(page.contains("Hatched: partial week"))
    #expect(page.contains("href=\"share-by-region.svg\"") && page.contains("href=\"share-by-region.csv\""))
    // Coordinates have at most two decimals.
    let decimals = try NSRegularExpression(pattern: "[0-9]\\.[0-9]{3,}")
    let svgText = String(decoding: files["share-by-region.svg"]!, as: UTF8.self)
    let body = svgText.components(separatedBy: "</style>").last ?? ""
    #expect(decimals.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)) == nil)
  }
}

@Suite struct ChartEdgeCaseTests {
  static let site = """
    -- gen.yml --
    title: Edges
    datasets:
      one: { file: content/data/one.csv, time: day, value: v }
      neg: { file: content/data/neg.csv, time: day, value: v }
      zero: { file: content/data/zero.csv, time: day, value: v }
    -- content/data/one.csv --
    day,g,v
    2026-01-05,a,1
    2026-01-05,b,2
    -- content/data/neg.csv --
    day,g,v
    2026-01-05,a,-5
    2026-01-12,a,3
    2026-01-19,a,-2
    2026-01-05,b,4
    2026-01-12,b,-1
    2026-01-19,b,6
    -- content/data/zero.csv --
    day,g,v
    2026-01-05,a,0
    2026-01-12,a,0
    -- content/index.md --
    ```chart
    type: area
    id: one-area
    data: one
    per: week
    by: g
    ```

    ```chart
    type: line
    id: one-line
    data: one
    per: week
    by: g
    measure: sum
    ```

    ```chart
    type: column
    id: negative
    data: neg
    per: week
    by: g
    measure: sum
    ```

    ```chart
    type: bar
    id: zero-bars
    data: zero
    by: g
    measure: sum
    ```
    """

  @Test func degenerateDataStillDrawsSomethingTruthful() throws {
    let s = try TestSite(Self.site)
    defer { s.remove() }
    let files = try s.output()
    // One period: the area becomes one stacked column, the lines dots.
    #expect(files["one-area.svg"]!.contains("<rect class=\"bar c"))
    #expect(files["one-line.svg"]!.contains("<circle class=\"c"))
    // Negative values: the axis spans both signs and 0 is the axis line.
    let negative = files["negative.svg"]!
    #expect(negative.contains(">\u{2212}6</text>") && negative.contains(">6</text>"))
    #expect(negative.contains("<line class=\"axis\""))
    // Nothing to draw: said in words.
    #expect(files["zero-bars.svg"]!.contains("No data to show in this range."))
    for (path, text) in files where path.hasSuffix(".svg") {
      #expect(!text.contains("NaN") && !text.contains("inf"), "\(path) has a non-number")
    }
  }
}
