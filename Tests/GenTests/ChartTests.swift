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
    // Centuries: ticks on round years, every 200 years over 2,700 years on 560 units.
    let old = Day(iso: "1000-01-01")!
    let far = old.advanced(by: 999_999)
    let centuries = Ticks.months(
      from: old, to: far, x: { Double($0.index - old.index) / Double(far.index - old.index) * 560 },
      fontSize: 11.5)
    #expect(centuries.map(\.label) == stride(from: 1000, through: 3600, by: 200).map(String.init))
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
