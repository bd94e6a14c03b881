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

  @Test func aLineOfCountsLeavesOutAPartialLastPeriodAndNamesWhatItCounts() throws {
    // Daily visits: the week of 12 Jan has two days, a drop that is not in the data.
    let rows = (5...13).map { "2026-01-\(String(format: "%02d", $0)),Firefox,10" }.joined(separator: "\n")
    let site = try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        visits: { file: visits.csv, time: day }
      -- visits.csv --
      day,browser,visits
      \(rows)
      -- content/index.md --
      ```chart
      type: line
      id: counted
      data: visits
      measure: count
      per: week
      ```
      """)
    defer { site.remove() }
    let files = try site.output()
    // One complete week of 7 rows; the partial week of 12 Jan is left out and named.
    #expect(
      files["counted.csv"]
        == "period_start,period,group,value,partial\n2026-01-05,week of 5 Jan 2026,visits,7,false\n")
    #expect(
      files["index.html"]?.contains(
        "Left out, as the data covers only part of it: week of 12 Jan 2026 (a partial week&#39;s total would look like a drop)."
      )
        == true)
    // Asked for, it is drawn (dashed).
    try site.write(
      "content/index.md",
      "```chart\ntype: line\nid: counted\ndata: visits\nmeasure: count\nper: week\npartial: include\n```\n")
    #expect(
      try site.output()["counted.csv"]?.hasSuffix("2026-01-12,week of 12 Jan 2026,visits,2,true\n") == true)
  }

  @Test func aLongSeriesIsDrawnWithAsManyPointsAsPixelsAndALongTableIsCut() throws {
    // 20,000 days: the line keeps at most four points per unit of width (M4), and the
    // table under the chart shows 500 + 500 rows and says where the rest is.
    let start = Day(iso: "2020-01-01")!
    let rows = (0..<20_000).map { "\(start.advanced(by: $0)),\($0 % 7 + 1)" }.joined(separator: "\n")
    let site = try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        d: { file: d.csv, time: day, value: v }
      -- d.csv --
      day,v
      \(rows)
      -- content/index.md --
      ```chart
      type: line
      id: long
      data: d
      per: day
      measure: sum
      ```
      """)
    defer { site.remove() }
    let files = try site.output()
    let page = try #require(files["index.html"])
    #expect(page.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 1000)
    #expect(page.contains("<th scope=\"row\">1 Jan 2020</th>") || page.contains(">1 Jan 2020<"))
    #expect(page.contains("19,000 rows in the middle are not shown here; the data (CSV) holds every row."))
    #expect(files["long.csv"]?.split(separator: "\n").count == 20_001)
    let svg = try #require(files["long.svg"])
    let path = try #require(svg.split(separator: "<path class=\"line").dropFirst().first)
    let points = path.prefix { $0 != ">" }.filter { $0 == "L" }.count + 1
    #expect(points > 500 && points <= 4 * 640, "\(points) points")
    // The band still reaches the lowest and highest values (1 and 7 every week).
    #expect(svg.contains(">7<") || svg.contains(">6<"))
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
        "gen.yml:2:20: warning: 'Chrome', 'Firefox' have the same colour, so a chart showing them together draws them alike (give each group its own colour)",
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
