import GenCore
import GenData

/// Area (100%-stacked), stacked column and line charts on a time axis: a layout, then
/// the value axis, the marks of the chart's kind, the time axis, annotations and the
/// series' labels, each drawn by its own part.
struct TimeChart {
  let layout: TimeChartLayout

  init(model: ChartModel, id: String, width: Double, height: Double) {
    layout = TimeChartLayout(model: model, id: id, width: width, height: height)
  }

  /// Whether charts of a type are drawn by this type.
  static func draws(_ type: ChartType) -> Bool { type == .area || type == .column || type == .line }

  func render() -> String {
    let partial = layout.model.partial.contains(true)
    var body = valueAxis()
    if layout.isArea {
      body += AreaMarks.draw(layout)
    } else if layout.isColumn {
      body += ColumnMarks.draw(layout)
    } else {
      body += LineMarks.draw(layout)
    }
    if layout.isArea, partial { body += AreaMarks.hatching(layout) }
    body += timeAxis() + annotations() + SeriesLabels.draw(layout)
    return (partial ? "<defs>\(ChartFrame.hatchPattern(id: layout.hatchID))</defs>" : "") + body
  }

  /// Grid lines and value labels.
  func valueAxis() -> String {
    let axis = layout.axis
    var body = ""
    for (t, label) in zip(axis.ticks, axis.labels) {
      let isBase = !axis.reversed && (t == 0 || t == axis.low && axis.low > 0)
      body += SVG.line(layout.plotLeft, layout.y(t), layout.plotRight, layout.y(t), isBase ? .axis : .grid)
      body += SVG.text(label, x: layout.plotLeft - 6, y: layout.y(t) + 4, anchor: "end", .tickLabel)
    }
    return body
  }

  /// Ticks at month, quarter or year starts, with labels that do not overlap.
  func timeAxis() -> String {
    var body = ""
    let ticks = timeTicks()
    for (i, t) in ticks.enumerated() {
      let tx = layout.x(t.day)
      body += SVG.line(tx, layout.bottom, tx, layout.bottom + 4, .axis)
      let w = TextMetrics.width(t.label, size: ChartFrame.tickFont)
      var anchor = "middle"
      var lx = tx
      if tx - w / 2 < 0 {
        anchor = "start"
        lx = max(0, tx - 2)
      } else if tx + w / 2 > layout.width, i == ticks.count - 1 {
        anchor = "end"
        lx = min(layout.width, tx + 2)
      }
      body += SVG.text(t.label, x: lx, y: layout.bottom + 17, anchor: anchor, .tickLabel)
    }
    return body
  }

  /// Ticks at month, quarter or year starts, or at period starts for short ranges.
  func timeTicks() -> [(day: Day, label: String)] {
    let model = layout.model
    if model.unit == .year { return model.days.map { ($0, "\($0.year)") } }
    let ticks = Ticks.months(
      from: layout.firstDay, to: layout.lastDay, x: layout.x, fontSize: ChartFrame.tickFont)
    if ticks.count >= 2 { return ticks }
    return Ticks.periods(model.days, x: layout.x, fontSize: ChartFrame.tickFont)
  }

  /// Each annotation: a dotted line down to the axis, and its label in its row.
  func annotations() -> String {
    var body = ""
    for (a, row, ax, anchorEnd) in layout.annotations {
      let ly = layout.annotationTop + Double(row) * 15 + 11
      body += SVG.line(ax, ly + 4, ax, layout.bottom, .annotation)
      body += SVG.circle(cx: ax, cy: ly + 4, r: 2, cls: SVGClass.annotationDot.rawValue)
      body += SVG.text(
        a.label, x: anchorEnd ? ax - 4 : ax + 4, y: ly, anchor: anchorEnd ? "end" : "start", .annotationLabel)
    }
    return body
  }
}
