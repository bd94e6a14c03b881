import Foundation
import GenCharts
import GenCore
import GenData
import GenSite
import GenTemplates
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Axis ticks: steps of 1, 2 or 5 times a power of ten, domains that end on a tick, date labels that fit.
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

  @Test func overflowingSumsStillDraw() {
    // Sums that overflow still draw: no ticks rather than a trap.
    #expect(Ticks.niceZeroBased(max: .infinity).ticks == [0, 1])
    #expect(Ticks.values(0, .infinity, count: 5).isEmpty)
    #expect(Ticks.nice(min: -.infinity, max: 1).ticks == [0, 1])
  }
}

/// Text on charts: label widths from Helvetica's metrics, labels spread apart, long text wrapped.
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

  @Test func longTextWrapsToTheWidth() {
    let lines = TextMetrics.wrap(String(repeating: "word ", count: 40), width: 200, size: 12)
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { TextMetrics.width($0, size: 12) <= 200 })
    #expect(lines.joined(separator: " ") == String(repeating: "word ", count: 40).trimmingCharacters(in: " "))
  }
}

/// Series colours: a group keeps its colour on every chart, "Other" is grey, a single measure is ink.
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
    palette.paint(&a)
    palette.paint(&b)
    #expect(a.series.map(\.color) == [.palette(1), .palette(2), .other])
    #expect(b.series.first { $0.name == "China" }?.color == .palette(2))
    #expect(b.series.first { $0.name == "US" }?.color == .palette(1))
    #expect(b.series.filter(\.muted).map(\.name) == ["Europe", "US"])
  }

  @Test func singleMeasureSeriesIsInk() throws {
    var m = try model("type: line\ndata: r\nper: week\nmeasure: sum")
    #expect(m.series.count == 1)
    var palette = Palette()
    palette.paint(&m)
    #expect(m.series[0].color == .ink)
  }
}

/// Chart models from their specs: which groups a chart shows and the value of each point.
@Suite struct ChartDataTests {
  let engine: QueryEngine
  init() throws { engine = try MetricFixtures.engine() }

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

  @Test func rankChartsAndRankMetricsAgreeOnTies() throws {
    let spec = try TestData.chartSpec("type: line\ndata: ties\nby: model\nmeasure: rank\nper: week")
    let model = try TestData.chart(spec, engine)
    let first = Dictionary(uniqueKeysWithValues: model.series.map { ($0.name, $0.values.first ?? nil) })
    #expect(first["x"] == 1)
    #expect(first["y"] == 1)
    #expect(first["z"] == 3)
    #expect(Ranking.rank(of: 0, among: [1, 2]) == nil)
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
}

/// A chart's description (its `<desc>`) tells its key finding in plain words, from the numbers.
@Suite struct ChartDescriptionTests {
  /// Daily rows from Monday 5 Jan to Monday 26 Jan 2026, so the week of 26 Jan is partial.
  /// Each Monday holds its week's 10 tokens: Steady 5, 5, 5, 9; Mover 1, 2, 3, 0; Rest the others.
  static func engine() throws -> QueryEngine {
    var lines = ["day,g,v"]
    let weeks: [(Int, Int)] = [(5, 1), (5, 2), (5, 3), (9, 0)]
    var day = TestData.day("2026-01-05")
    for k in 0..<22 {
      if k % 7 == 0 {
        let (steady, mover) = weeks[k / 7]
        lines += ["\(day),Steady,\(steady)", "\(day),Mover,\(mover)", "\(day),Rest,\(10 - steady - mover)"]
      } else {
        lines.append("\(day),Rest,0")
      }
      day = day.advanced(by: 1)
    }
    let d = try TestData.dataset("d", lines.joined(separator: "\n"), time: "day", value: "v")
    return QueryEngine(datasets: ["d": d])
  }

  @Test func chartDescriptionsTellTheStoryInPlainWords() throws {
    let engine = try Self.engine()
    let chart = "type: line\ndata: d\nby: g\nwhere: { g: [Steady, Mover] }\nper: week\n"
    let m = try TestData.chart(TestData.chartSpec(chart), engine)
    #expect(m.series.map(\.name) == ["Steady", "Mover"])
    #expect(m.series.map(\.values) == [[0.5, 0.5, 0.5, 0.9], [0.1, 0.2, 0.3, 0.0]])
    #expect(m.partial == [false, false, false, true])
    // The series that moved most between complete weeks; the partial last week is left out.
    #expect(
      ChartDrawing(m, id: "c", chartCSS: "").description
        == "Mover's share rose from 10.0% in the week of 5 Jan 2026 to 30.0% in the week of 19 Jan 2026; in the week of 19 Jan 2026: Steady 50.0%."
    )
    let highlighted = try TestData.chart(TestData.chartSpec(chart + "highlight: [Steady]"), engine)
    #expect(
      ChartDrawing(highlighted, id: "c", chartCSS: "").description.hasPrefix(
        "Steady's share held steady from 50.0%"))
  }
}

/// Chart blocks in pages: spec errors located in the Markdown, texts quoting metrics,
/// warnings for settings without effect, and every chart drawn well-formed.
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

/// Degenerate data (one period, negative values, nothing to draw) still gives a truthful chart.
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

/// The chart stylesheet and the marks name the same classes: every class a mark can
/// carry is styled by `chart.css`, and every class `chart.css` styles is one a mark carries.
@Suite struct ChartStylesheetTests {
  /// The class names in the stylesheet's selectors (`svg .grid`, `svg text.muted`).
  static func selectorClasses(_ css: String) -> Set<String> {
    var classes = Set<String>()
    var text = css
    while let open = text.range(of: "/*"),
      let close = text.range(of: "*/", range: open.upperBound..<text.endIndex)
    {
      text.removeSubrange(open.lowerBound..<close.upperBound)
    }
    // Selectors are what precedes each '{'; declarations (inside braces) hold no classes.
    var depth = 0
    var selector = ""
    for ch in text {
      if ch == "{" {
        depth += 1
        for part in selector.split(whereSeparator: { " ,>\n\t".contains($0) }) {
          let names = part.split(separator: ".")
          for name in part.hasPrefix(".") ? names[...] : names.dropFirst() { classes.insert(String(name)) }
        }
        selector = ""
      } else if ch == "}" {
        depth -= 1
        selector = ""
      } else if ch == ";" {
        selector = ""
      } else {
        selector.append(ch)
      }
    }
    return classes
  }

  @Test func marksAndStylesheetNameTheSameClasses() throws {
    let css = try String(contentsOfFile: Fixtures.repository + "/templates/assets/chart.css", encoding: .utf8)
    let styled = Self.selectorClasses(css)
    let marks = Set(
      SVGClass.allCases.filter(\.isStyled).map(\.rawValue) + SeriesColor.all.flatMap(\.classNames))
    #expect(marks.subtracting(styled).isEmpty, "classes marks carry that chart.css does not style")
    #expect(styled.subtracting(marks).isEmpty, "classes chart.css styles that no mark carries")
  }

  @Test func everyClassInDrawnChartsIsAMarkClass() throws {
    // Every chart type, with partial periods, annotations, highlight and facets.
    let golden = Fixtures.root + "/golden/charts"
    let known = Set(SVGClass.allCases.map(\.rawValue) + SeriesColor.all.flatMap(\.classNames))
    var seen = Set<String>()
    for file in try FileManager.default.contentsOfDirectory(atPath: golden) where file.hasSuffix(".svg") {
      let svg = try String(contentsOfFile: golden + "/" + file, encoding: .utf8)
      var rest = svg[...]
      while let open = rest.range(of: "class=\"") {
        let after = rest[open.upperBound...]
        guard let close = after.firstIndex(of: "\"") else { break }
        for name in after[..<close].split(separator: " ") { seen.insert(String(name)) }
        rest = after[close...]
      }
    }
    #expect(!seen.isEmpty)
    #expect(
      seen.subtracting(known).isEmpty,
      "classes in drawn charts that are no mark class: \(seen.subtracting(known))")
  }
}

/// Standalone chart files carry their styles with every custom property resolved, dark mode included.
@Suite struct StandaloneChartStyleTests {
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
}
