import GenCore
import GenData

/// Where everything of a chart on a time axis goes: the value axis and its margin, the
/// legend or the room for direct labels, rows of annotation labels above the plot, and
/// the scales from days and values to coordinates. Pure: the marks are drawn from it.
struct TimeChartLayout {
  let model: ChartModel
  /// Prefix of the ids inside this drawing.
  let id: String
  let width: Double
  let height: Double
  /// Whether the chart is drawn as stacked columns (one period cannot make an area).
  let isColumn: Bool
  /// Whether it is drawn as stacked areas.
  let isArea: Bool
  let axis: ChartFrame.ValueAxis
  let plotLeft: Double
  let plotRight: Double
  let plotTop: Double
  let bottom: Double
  /// Whether the series are named in a legend rather than at their ends.
  let useLegend: Bool
  /// The legend's marks (empty without a legend).
  let legend: String
  /// Annotations in the range, each with its row of labels, x and which side its label sits.
  let annotations: [(annotation: Annotation, row: Int, x: Double, anchorEnd: Bool)]
  /// The top of the annotation rows.
  let annotationTop: Double
  /// Days to x.
  private let scale: (Day) -> Double

  var count: Int { model.days.count }
  var firstDay: Day { model.days.first ?? Day(index: 0) }
  var lastDay: Day { model.days.last ?? firstDay }
  /// The width of one period's column.
  var step: Double { (plotRight - plotLeft) / Double(max(count, 1)) }
  /// The id of the hatching pattern.
  var hatchID: String { "\(id)-hatch" }

  init(model m: ChartModel, id: String, width: Double, height: Double) {
    self.model = m
    self.id = id
    self.width = width
    self.height = height
    let n = m.days.count
    isColumn = m.spec.type == .column || (m.spec.type == .area && n == 1)
    isArea = m.spec.type == .area && n > 1
    // Stacked columns: positive values stack up from 0, negative ones down.
    let stacks = isColumn && !m.stacked100
    let stackedMax =
      stacks ? (0..<n).map { i in m.series.reduce(0) { $0 + max(0, $1.values[i] ?? 0) } }.max() : nil
    let stackedMin =
      stacks ? (0..<n).map { i in m.series.reduce(0) { $0 + min(0, $1.values[i] ?? 0) } }.min() : nil
    axis = ChartFrame.valueAxis(m, stackedMax: stackedMax, stackedMin: stackedMin)
    let left = (axis.labels.map { TextMetrics.width($0, size: ChartFrame.tickFont) }.max() ?? 20) + 8
    // Direct labels at the series' ends, or a legend when they do not fit.
    let labelWidth = (m.series.map { TextMetrics.width($0.name, size: ChartFrame.font) }.max() ?? 0) + 10
    useLegend = m.series.count > 1 && labelWidth > width * 0.32
    var top = 8.0
    if useLegend {
      let (svg, h) = ChartFrame.legend(m.series, x: left, y: top, width: width - left)
      legend = svg
      top += h + 6
    } else {
      legend = ""
    }
    let right = useLegend || m.series.count == 1 && !isArea ? 12.0 : labelWidth + 6
    plotLeft = left
    plotRight = width - right
    annotationTop = top
    scale = Self.xScale(m, isColumn: isColumn, plotLeft: left, plotRight: width - right)
    (annotations, top) = Self.placeAnnotations(m, top: top, width: width, x: scale)
    bottom = height - 24
    plotTop = top + 4
  }

  /// The x of a day: period centres for columns, proportional to time otherwise.
  static func xScale(_ m: ChartModel, isColumn: Bool, plotLeft: Double, plotRight: Double) -> (Day) -> Double
  {
    let n = m.days.count
    let firstDay = m.days.first ?? Day(index: 0)
    let lastDay = m.days.last ?? firstDay
    let span = Double(max(1, lastDay.index - firstDay.index))
    let step = (plotRight - plotLeft) / Double(max(n, 1))
    return { day in
      if isColumn {
        let f = n > 1 ? Double(day.index - firstDay.index) / span * Double(n - 1) : 0
        return plotLeft + step * (f + 0.5)
      }
      if n == 1 { return (plotLeft + plotRight) / 2 }
      return plotLeft + (plotRight - plotLeft) * Double(day.index - firstDay.index) / span
    }
  }

  /// Annotation labels in rows above the plot, each in the first row where it does not
  /// overlap another; returns the placements and the top of the plot below the rows.
  static func placeAnnotations(_ m: ChartModel, top: Double, width: Double, x: (Day) -> Double) -> (
    [(annotation: Annotation, row: Int, x: Double, anchorEnd: Bool)], Double
  ) {
    let firstDay = m.days.first ?? Day(index: 0)
    let lastDay = m.days.last ?? firstDay
    var rows: [[(Double, Double)]] = []
    var placed: [(annotation: Annotation, row: Int, x: Double, anchorEnd: Bool)] = []
    for a in m.spec.annotations.filter({ $0.at >= firstDay && $0.at <= lastDay }).sorted(by: { $0.at < $1.at }
    ) {
      let ax = x(a.at)
      let w = TextMetrics.width(a.label, size: 11)
      let anchorEnd = ax + 4 + w > width - 2
      let extent = anchorEnd ? (ax - 4 - w, ax) : (ax, ax + 4 + w)
      var row = 0
      while row < rows.count, rows[row].contains(where: { $0.0 < extent.1 + 6 && extent.0 < $0.1 + 6 }) {
        row += 1
      }
      if row == rows.count { rows.append([]) }
      rows[row].append(extent)
      placed.append((a, row, ax, anchorEnd))
    }
    return (placed, top + Double(rows.count) * 15 + (rows.isEmpty ? 0 : 4))
  }

  /// The x of a day.
  func x(_ day: Day) -> Double { scale(day) }

  /// The x of period `i`.
  func xi(_ i: Int) -> Double { x(model.days[i]) }

  /// The y of a value (ranks run downwards).
  func y(_ v: Double) -> Double {
    let f = (v - axis.low) / max(axis.high - axis.low, 1e-12)
    return axis.reversed ? plotTop + (bottom - plotTop) * f : bottom - (bottom - plotTop) * f
  }
}
