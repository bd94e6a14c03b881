import GenCore
import GenData

/// Two periods side by side, one line per group, labelled at both ends.
struct SlopeChart {
  let model: ChartModel
  let id: String
  let width: Double
  let height: Double

  func render() -> String {
    let m = model
    let font = ChartFrame.font
    let leftLabels = m.series.map { "\($0.name) \(m.formatted($0.values[0]))" }
    let rightLabels = m.series.map { "\(m.formatted($0.values[1])) \($0.name)" }
    let lw = min(width * 0.38, (leftLabels.map { TextMetrics.width($0, size: font) }.max() ?? 0) + 10)
    let rw = min(width * 0.38, (rightLabels.map { TextMetrics.width($0, size: font) }.max() ?? 0) + 10)
    let xa = lw
    let xb = width - rw
    let top = 30.0
    let bottom = height - 10
    let values = m.series.flatMap { $0.values.compactMap { $0 } }
    let high =
      m.format == .percent ? max(values.max() ?? 1, 1e-12) : Ticks.niceZeroBased(max: values.max() ?? 1).top
    func y(_ v: Double) -> Double { bottom - (bottom - top) * v / high }
    var body = ""
    body += SVG.text(m.labels[0], x: xa, y: 14, anchor: "middle", .tickLabel)
    body += SVG.text(m.labels[1], x: xb, y: 14, anchor: "middle", .tickLabel)
    body += SVG.line(xa, top - 6, xa, bottom, .axis)
    body += SVG.line(xb, top - 6, xb, bottom, .axis)
    let ya = LabelPlacement.spread(
      m.series.map { y($0.values[0] ?? 0) }, gap: ChartFrame.labelGap, low: top, high: bottom)
    let yb = LabelPlacement.spread(
      m.series.map { y($0.values[1] ?? 0) }, gap: ChartFrame.labelGap, low: top, high: bottom)
    for (k, s) in m.series.enumerated() {
      guard let a = s.values[0], let b = s.values[1] else { continue }
      let dot = SVGClass.attribute([], color: s.color, muted: s.muted)
      body += SVG.path(
        [(xa, y(a)), (xb, y(b))], cls: SVGClass.attribute([.line], color: s.color, muted: s.muted))
      body += SVG.circle(cx: xa, cy: y(a), r: 3, cls: dot)
      body += SVG.circle(cx: xb, cy: y(b), r: 3, cls: dot)
      let textClass = SVGClass.attribute([.label], color: s.color, text: true, muted: s.muted)
      body += SVG.text(leftLabels[k], x: xa - 7, y: ya[k] + 4, anchor: "end", cls: textClass)
      body += SVG.text(rightLabels[k], x: xb + 7, y: yb[k] + 4, cls: textClass)
    }
    return body
  }
}
