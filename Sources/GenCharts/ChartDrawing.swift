import GenCore
import GenData

/// A chart drawn: inline SVGs at a wide and a narrow width (or one per facet), the
/// standalone `.svg`, the `.csv` of the plotted numbers, and what the figure around it
/// shows (caption, notes, source, data tables). GenCharts writes no page HTML: the
/// figure is the theme's `partials/figure.mustache`, which a site can override.
public struct ChartDrawing: Sendable {
  /// One panel of small multiples.
  public struct Facet: Sendable {
    public var title: String
    public var svg: String
  }

  /// The chart's id on its page (the file name of its `.svg` and `.csv`).
  public var id: String
  public var type: ChartType
  public var title: String?
  public var subtitle: String?
  /// The inline `<svg>` for wide screens, and for narrow ones (nil with facets).
  public var wide: String?
  public var narrow: String?
  /// Small multiples, each an inline `<svg>`.
  public var facets: [Facet]
  /// The chart's note and the note on partial periods, as one text.
  public var notes: String?
  public var source: String?
  /// The standalone SVG document.
  public var standalone: String
  /// The plotted numbers.
  public var csv: String
  /// The generated description sentence (the `<desc>`).
  public var description: String
  /// The plotted numbers as tables (one per facet).
  public var dataTables: [DataTable]
  /// The `id`s the drawings give their elements, so that a page's headings can avoid them.
  public var elementIDs: Set<String>

  /// Widths of the two inline renderings (CSS picks one by the screen's width).
  static let wideWidth = 640.0
  static let narrowWidth = 360.0

  /// Draws a chart.
  ///
  /// - Parameters:
  ///   - model: the chart's data with colours assigned.
  ///   - id: the chart's id, unique on its page.
  ///   - chartCSS: the stylesheet embedded in the standalone SVG (the theme's `chart.css`
  ///     with custom properties resolved, worked out once per build).
  public init(_ model: ChartModel, id: String, chartCSS: String) {
    self.id = id
    type = model.spec.type
    title = model.spec.title.flatMap { $0.isEmpty ? nil : $0 }
    subtitle = model.spec.subtitle
    description = ChartDescription.sentence(model)
    var ids: Set<String> = ["figure-\(id)"]
    var wideDrawing: (String, Double)?
    facets = []
    if model.facets.isEmpty {
      let drawn = Self.drawing(model, id: "\(id)-wide", width: Self.wideWidth)
      wideDrawing = drawn
      wide = Self.inlineSVG(
        model, id: "\(id)-wide", drawn: drawn, width: Self.wideWidth, description: description)
      narrow = Self.inlineSVG(
        model, id: "\(id)-narrow", drawn: Self.drawing(model, id: "\(id)-narrow", width: Self.narrowWidth),
        width: Self.narrowWidth, description: description)
      ids.formUnion(Self.ids(model, "\(id)-wide") + Self.ids(model, "\(id)-narrow"))
    } else {
      for (k, facet) in model.facets.enumerated() {
        let facetID = "\(id)-f\(k + 1)"
        let svg = Self.inlineSVG(
          facet.model, id: facetID, drawn: Self.drawing(facet.model, id: facetID, width: 300), width: 300,
          description: ChartDescription.sentence(facet.model))
        facets.append(Facet(title: facet.title, svg: svg))
        ids.formUnion(Self.ids(facet.model, facetID))
      }
    }
    let noteParts = [model.spec.note, Self.partialNote(model)].compactMap { $0 }
    notes = noteParts.isEmpty ? nil : noteParts.joined(separator: " ")
    source = model.spec.source
    standalone = StandaloneSVG.document(
      model, id: id, wide: wideDrawing, description: description, chartCSS: chartCSS)
    csv = ChartCSV.make(model)
    dataTables = DataTable.tables(model)
    elementIDs = ids
  }

  /// The ids one inline drawing gives its elements: title, description, hatching.
  static func ids(_ model: ChartModel, _ drawingID: String) -> [String] {
    let hatched = TimeChart.draws(model.spec.type) && model.partial.contains(true)
    return ["\(drawingID)-title", "\(drawingID)-desc"] + (hatched ? ["\(drawingID)-hatch"] : [])
  }

  /// An inline `<svg>` around marks already drawn at `width`.
  static func inlineSVG(
    _ model: ChartModel, id: String, drawn: (String, Double), width: Double, description: String
  ) -> String {
    let (body, height) = drawn
    let title = model.spec.title ?? model.series.map(\.name).joined(separator: ", ")
    return
      "<svg class=\"\(SVGClass.chart.rawValue)\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" "
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
    let leftOut = model.leftOutPartial + model.facets.flatMap(\.model.leftOutPartial)
    if !leftOut.isEmpty {
      let unit = model.unit?.rawValue ?? "period"
      let distinct = EnglishList.distinct(leftOut)
      return
        "Left out, as the data covers only part of it: \(EnglishList.joined(distinct, limit: EnglishList.noteLimit)) "
        + "(a partial \(unit)'s total would look like a drop)."
    }
    guard (model.partial + model.facets.flatMap(\.model.partial)).contains(true) else { return nil }
    let unit = model.unit?.rawValue ?? "period"
    return model.spec.type == .line || model.spec.type == .sparkline
      ? "Dashed: partial \(unit) (the data covers only part of it)."
      : "Hatched: partial \(unit) (the data covers only part of it)."
  }
}
