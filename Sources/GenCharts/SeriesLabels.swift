import GenCore

/// The names of a time chart's series: the legend, or labels at the series' ends,
/// spread apart where they would collide, with a leader line to a label that moved.
enum SeriesLabels {
  static func draw(_ layout: TimeChartLayout) -> String {
    let m = layout.model
    if layout.useLegend { return layout.legend }
    guard !(m.series.count == 1 && !layout.isArea), layout.count > 0 else { return "" }
    var desired: [Double] = []
    for (k, s) in m.series.enumerated() {
      let last = (0..<layout.count).last { s.values[$0] != nil } ?? max(layout.count - 1, 0)
      if layout.isArea || layout.isColumn {
        let below = m.series[..<k].reduce(0) { $0 + ($1.values[last] ?? 0) }
        desired.append(layout.y(below + (s.values[last] ?? 0) / 2))
      } else {
        desired.append(layout.y(s.values[last] ?? 0))
      }
    }
    let placed = LabelPlacement.spread(
      desired, gap: ChartFrame.labelGap, low: layout.plotTop + 4, high: layout.bottom - 2)
    let lx = layout.plotRight + 6
    var body = ""
    for (k, s) in m.series.enumerated() {
      if abs(placed[k] - desired[k]) > 3 {
        body +=
          "<path class=\"leader\" d=\"M\(SVG.n(layout.plotRight + 1)) \(SVG.n(desired[k])) L\(SVG.n(lx - 1)) \(SVG.n(placed[k]))\"/>"
      }
      body += SVG.text(
        s.name, x: lx + 2, y: placed[k] + 4,
        cls: SVGClass.attribute([.label], color: s.color, text: true, muted: s.muted))
    }
    return body
  }
}
