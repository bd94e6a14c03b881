import GenCore
import GenData

/// A chart as it goes into a page and beside it: the HTML figure (inline SVG at a
/// wide and a narrow width, caption, data table), the standalone `.svg` and the `.csv`
/// of the plotted numbers.
public struct ChartFigure: Sendable {
  /// The `<figure>` HTML.
  public var html: String
  /// The standalone SVG document.
  public var svg: String
  /// The plotted numbers.
  public var csv: String
  /// The generated description sentence.
  public var description: String

  /// Widths of the two inline renderings (CSS picks one by the screen's width).
  static let wideWidth = 640.0
  static let narrowWidth = 360.0

  /// Draws a chart.
  ///
  /// - Parameters:
  ///   - model: the chart's data with colours assigned.
  ///   - id: the chart's id (file name of its `.svg` and `.csv`), unique on its page.
  ///   - files: the relative URLs of the `.svg` and `.csv` written beside the page.
  ///   - chartCSS: the stylesheet embedded in the standalone SVG (the theme's `chart.css`,
  ///     resolved by `StandaloneCSS.resolve` once per build).
  public static func make(
    _ model: ChartModel, id: String, files: (svg: String, csv: String), chartCSS: String
  )
    -> ChartFigure
  {
    let description = ChartDescription.sentence(model)
    let title = model.spec.title ?? ""
    var html = "<figure class=\"chart chart-\(model.spec.type.rawValue)\" id=\"figure-\(id)\">\n"
    if !title.isEmpty || model.spec.subtitle != nil {
      html += "<figcaption>"
      if !title.isEmpty { html += "<p class=\"chart-title\">\(Escape.text(title))</p>" }
      if let subtitle = model.spec.subtitle {
        html += "<p class=\"chart-subtitle\">\(Escape.text(subtitle))</p>"
      }
      html += "</figcaption>\n"
    }
    var wide: (String, Double)?
    if model.facets.isEmpty {
      let drawn = drawing(model, id: "\(id)-wide", width: wideWidth)
      wide = drawn
      html +=
        "<div class=\"chart-wide\">\(inlineSVG(model, id: "\(id)-wide", drawn: drawn, width: wideWidth, description: description))</div>\n"
      html +=
        "<div class=\"chart-narrow\">\(inlineSVG(model, id: "\(id)-narrow", width: narrowWidth, description: description))</div>\n"
    } else {
      html +=
        "<div class=\"facets\" role=\"group\" aria-label=\"\(Escape.attribute(title.isEmpty ? "Small multiples" : title))\">\n"
      for (k, facet) in model.facets.enumerated() {
        html += "<div class=\"facet\"><p class=\"facet-title\">\(Escape.text(facet.title))</p>"
        html += inlineSVG(
          facet.model, id: "\(id)-f\(k + 1)", width: 300, description: ChartDescription.sentence(facet.model))
        html += "</div>\n"
      }
      html += "</div>\n"
    }
    html += "<div class=\"chart-foot\">"
    var notes: [String] = []
    if let note = model.spec.note { notes.append(Escape.text(note)) }
    if let partial = partialNote(model) { notes.append(partial) }
    if !notes.isEmpty { html += "<p class=\"chart-note\">\(notes.joined(separator: " "))</p>" }
    if let source = model.spec.source {
      html += "<p class=\"chart-source\">Source: \(Escape.text(source))</p>"
    }
    html += "<p class=\"chart-links\"><a href=\"\(Escape.attribute(files.svg))\">SVG</a>"
    html += "<a href=\"\(Escape.attribute(files.csv))\">Data (CSV)</a></p>"
    html += "</div>\n"
    html += "<details><summary>Data table</summary>\n\(DataTable.html(model))</details>\n"
    html += "</figure>\n"
    return ChartFigure(
      html: html, svg: standalone(model, id: id, wide: wide, description: description, chartCSS: chartCSS),
      csv: ChartCSV.make(model), description: description)
  }

  /// The `id`s a chart's figure gives its elements (the figure, and each inline drawing's
  /// title, description and hatching), so that a page's headings can avoid them.
  public static func elementIDs(_ model: ChartModel, id: String) -> Set<String> {
    var ids: Set<String> = ["figure-\(id)"]
    func drawing(_ drawn: ChartModel, _ drawingID: String) {
      ids.formUnion(["\(drawingID)-title", "\(drawingID)-desc"])
      if TimeChart.draws(drawn.spec.type), drawn.partial.contains(true) { ids.insert("\(drawingID)-hatch") }
    }
    if model.facets.isEmpty {
      drawing(model, "\(id)-wide")
      drawing(model, "\(id)-narrow")
    } else {
      for (k, facet) in model.facets.enumerated() { drawing(facet.model, "\(id)-f\(k + 1)") }
    }
    return ids
  }

  /// The chart drawn at one width as an inline `<svg>`.
  static func inlineSVG(_ model: ChartModel, id: String, width: Double, description: String) -> String {
    inlineSVG(
      model, id: id, drawn: drawing(model, id: id, width: width), width: width, description: description)
  }

  /// An inline `<svg>` around marks already drawn at `width`.
  static func inlineSVG(
    _ model: ChartModel, id: String, drawn: (String, Double), width: Double, description: String
  ) -> String {
    let (body, height) = drawn
    let title = model.spec.title ?? model.series.map(\.name).joined(separator: ", ")
    return "<svg class=\"chart\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" "
      + "aria-labelledby=\"\(id)-title \(id)-desc\">"
      + "<title id=\"\(id)-title\">\(Escape.text(title))</title><desc id=\"\(id)-desc\">\(Escape.text(description))</desc>"
      + body + "</svg>"
  }

  /// The marks of a chart at a width, and its height.
  static func drawing(_ model: ChartModel, id: String, width: Double) -> (String, Double) {
    switch model.spec.type {
    case .bar:
      let chart = BarChart(model: model, id: id, width: width)
      return (chart.render(), chart.height)
    case .slope:
      let height = max(180, Double(model.series.count) * 17 + 50)
      return (SlopeChart(model: model, id: id, width: width, height: height).render(), height)
    case .sparkline:
      let height = width >= 500 ? 60.0 : 40
      let marks = Sparkline.marks(
        model.series.first?.values ?? [], partial: model.partial, color: model.series.first?.color ?? .ink,
        width: width, height: height)
      return (marks, height)
    default:
      let height = width >= 500 ? 320.0 : width >= 340 ? 260 : 200
      return (TimeChart(model: model, id: id, width: width, height: height).render(), height)
    }
  }

  /// The note on partial periods, when the chart has any.
  static func partialNote(_ model: ChartModel) -> String? {
    guard (model.partial + model.facets.flatMap(\.model.partial)).contains(true) else { return nil }
    let unit = model.unit?.rawValue ?? "period"
    return model.spec.type == .line || model.spec.type == .sparkline
      ? "Dashed: partial \(unit) (the data covers only part of it)."
      : "Hatched: partial \(unit) (the data covers only part of it)."
  }

  /// A complete SVG document with its own styles, title, subtitle and source line.
  static func standalone(
    _ model: ChartModel, id: String, wide: (String, Double)?, description: String, chartCSS: String
  ) -> String {
    let width = wideWidth
    var parts: [(String, Double)] = []
    if model.facets.isEmpty {
      // The wide drawing is reused: its ids are unique within this document too.
      parts = [wide ?? drawing(model, id: id, width: width)]
    }
    var head = ""
    var y = 24.0
    if let title = model.spec.title {
      for line in TextMetrics.wrap(title, width: width, size: 16, bold: true) {
        head += SVG.text(line, x: 0, y: y, cls: "title")
        y += 20
      }
    }
    if let subtitle = model.spec.subtitle {
      for line in TextMetrics.wrap(subtitle, width: width, size: 12) {
        head += SVG.text(line, x: 0, y: y, cls: "subtitle")
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
        let (drawn, height) = drawing(facet.model, id: "\(id)-f\(k + 1)", width: panelWidth)
        let px = Double(k % 2) * (panelWidth + 20)
        if k % 2 == 0, k > 0 {
          y += rowHeight + 14
          rowHeight = 0
        }
        body += SVG.text(facet.title, x: px, y: y + 12, cls: "label")
        body +=
          "<svg x=\"\(SVG.n(px))\" y=\"\(SVG.n(y + 18))\" width=\"\(SVG.n(panelWidth))\" height=\"\(SVG.n(height))\" viewBox=\"0 0 \(SVG.n(panelWidth)) \(SVG.n(height))\" overflow=\"visible\">\(drawn)</svg>"
        rowHeight = max(rowHeight, height + 18)
      }
      y += rowHeight
    }
    var foot = ""
    let notes = [model.spec.note, partialNote(model)].compactMap { $0 }.joined(separator: " ")
    for text in [notes.isEmpty ? nil : notes, model.spec.source.map { "Source: \($0)" }].compactMap({ $0 }) {
      for line in TextMetrics.wrap(text, width: width, size: 12) {
        y += 16
        foot += SVG.text(line, x: 0, y: y, cls: "foot")
      }
      y += 2
    }
    y += 10
    let pad = 16.0
    let total = "\(SVG.n(-pad)) 0 \(SVG.n(width + 2 * pad)) \(SVG.n(y + pad))"
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"\(total)\" width=\"\(SVG.n(width + 2 * pad))\" height=\"\(SVG.n(y + pad))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
    out += "<title id=\"\(id)-title\">\(Escape.text(model.spec.title ?? id))</title>\n"
    out += "<desc id=\"\(id)-desc\">\(Escape.text(description))</desc>\n"
    out += "<style>\n\(Escape.text(chartCSS))\n</style>\n"
    out +=
      "<rect class=\"background\" x=\"\(SVG.n(-pad))\" y=\"0\" width=\"\(SVG.n(width + 2 * pad))\" height=\"\(SVG.n(y + pad))\"/>\n"
    out += head + "\n" + body + "\n" + foot + "\n</svg>\n"
    return out
  }
}
