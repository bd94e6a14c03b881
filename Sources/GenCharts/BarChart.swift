import GenCore
import GenData

/// Ranked horizontal bars, largest first, with the group name on the left and the
/// value at the end of each bar.
struct BarChart {
  let model: ChartModel
  let id: String
  let width: Double

  static let rowHeight = 26.0

  var height: Double { Double(max(model.series.count, 1)) * BarChart.rowHeight + 12 }

  func render() -> String {
    let m = model
    let font = ChartFrame.font
    let nameWidth = min(
      width * 0.42, (m.series.map { TextMetrics.width($0.name, size: font) }.max() ?? 0) + 10)
    let valueLabels = m.series.map { m.formatted($0.values[0]) }
    let valueWidth = (valueLabels.map { TextMetrics.width($0, size: font) }.max() ?? 0) + 8
    let x0 = nameWidth
    let x1 = width - valueWidth
    let maxValue = max(m.series.compactMap { $0.values[0] }.max() ?? 1, 1e-12)
    var body = ""
    if m.series.isEmpty {
      return SVG.text("No data to show in this range.", x: 0, y: 22, .tickLabel)
    }
    for (i, s) in m.series.enumerated() {
      let top = 6 + Double(i) * BarChart.rowHeight
      let v = s.values[0] ?? 0
      let w = max(0, (x1 - x0) * v / maxValue)
      let name = fit(s.name, width: nameWidth - 10, size: font)
      body += SVG.text(name, x: x0 - 8, y: top + 16, anchor: "end", .label)
      body += SVG.rect(
        x: x0, y: top + 4, width: w, height: BarChart.rowHeight - 8,
        cls: SVGClass.attribute([.bar], color: s.color, muted: s.muted), title: "\(s.name): \(valueLabels[i])"
      )
      body += SVG.text(valueLabels[i], x: x0 + w + 5, y: top + 16, .valueLabel)
    }
    body += SVG.line(x0, 4, x0, height - 4, .axis)
    return body
  }

  /// Shortens a name with an ellipsis to fit a width.
  func fit(_ text: String, width: Double, size: Double) -> String {
    if TextMetrics.width(text, size: size) <= width { return text }
    var s = text
    while !s.isEmpty, TextMetrics.width(s + "…", size: size) > width { s.removeLast() }
    return s + "…"
  }
}
