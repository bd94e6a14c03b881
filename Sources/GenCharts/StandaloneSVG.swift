import GenCore
import GenData

/// A chart as a standalone `.svg` file: the wide drawing (or the facets in two columns)
/// with its title, subtitle, notes and source, and the chart stylesheet inside, so that
/// any viewer draws it as the page does.
enum StandaloneSVG {
  /// A complete SVG document with its own styles, title, subtitle and source line.
  static func document(
    _ model: ChartModel, id: String, wide: (String, Double)?, description: String, chartCSS: String
  ) -> String {
    let width = ChartDrawing.wideWidth
    var parts: [(String, Double)] = []
    if model.facets.isEmpty {
      // The wide drawing is reused: its ids are unique within this document too.
      parts = [wide ?? ChartDrawing.drawing(model, id: id, width: width)]
    }
    var head = ""
    var y = 24.0
    if let title = model.spec.title {
      for line in TextMetrics.wrap(title, width: width, size: 16, bold: true) {
        head += SVG.text(line, x: 0, y: y, .title)
        y += 20
      }
    }
    if let subtitle = model.spec.subtitle {
      for line in TextMetrics.wrap(subtitle, width: width, size: 12) {
        head += SVG.text(line, x: 0, y: y, .subtitle)
        y += 16
      }
      y += 2
    }
    y += 4
    var body = ""
    if model.facets.isEmpty {
      body = "<g transform=\"translate(0 \(SVG.n(y)))\">\(parts[0].0)</g>"
      y += parts[0].1
    } else {
      let columns = 2.0
      let panelWidth = (width - 20) / columns
      var rowHeight = 0.0
      for (k, facet) in model.facets.enumerated() {
        let (drawn, height) = ChartDrawing.drawing(facet.model, id: "\(id)-f\(k + 1)", width: panelWidth)
        let px = Double(k % 2) * (panelWidth + 20)
        if k % 2 == 0, k > 0 {
          y += rowHeight + 14
          rowHeight = 0
        }
        body += SVG.text(facet.title, x: px, y: y + 12, .label)
        body +=
          "<svg x=\"\(SVG.n(px))\" y=\"\(SVG.n(y + 18))\" width=\"\(SVG.n(panelWidth))\" height=\"\(SVG.n(height))\" viewBox=\"0 0 \(SVG.n(panelWidth)) \(SVG.n(height))\" overflow=\"visible\">\(drawn)</svg>"
        rowHeight = max(rowHeight, height + 18)
      }
      y += rowHeight
    }
    var foot = ""
    let notes = [model.spec.note, ChartDrawing.partialNote(model)].compactMap { $0 }.joined(separator: " ")
    for text in [notes.isEmpty ? nil : notes, model.spec.source.map { "Source: \($0)" }].compactMap({ $0 }) {
      for line in TextMetrics.wrap(text, width: width, size: 12) {
        y += 16
        foot += SVG.text(line, x: 0, y: y, .foot)
      }
      y += 2
    }
    y += 10
    let pad = 16.0
    let total = "\(SVG.n(-pad)) 0 \(SVG.n(width + 2 * pad)) \(SVG.n(y + pad))"
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(SVGClass.chart.rawValue)\" viewBox=\"\(total)\" width=\"\(SVG.n(width + 2 * pad))\" height=\"\(SVG.n(y + pad))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
    out += "<title id=\"\(id)-title\">\(Escape.text(model.spec.title ?? id))</title>\n"
    out += "<desc id=\"\(id)-desc\">\(Escape.text(description))</desc>\n"
    out += "<style>\n\(Escape.text(chartCSS))\n</style>\n"
    out +=
      "<rect class=\"\(SVGClass.background.rawValue)\" x=\"\(SVG.n(-pad))\" y=\"0\" width=\"\(SVG.n(width + 2 * pad))\" height=\"\(SVG.n(y + pad))\"/>\n"
    out += head + "\n" + body + "\n" + foot + "\n</svg>\n"
    return out
  }
}
