import GenCharts
import GenCore
import GenData

/// Draws a page's computed blocks: each chart as a figure (with its `.svg` and `.csv`
/// written beside the page), each table as HTML.
enum BlockDrawing {
  /// What a page's blocks became.
  struct Drawn: Sendable {
    /// The HTML of each block, in document order.
    var html: [String]
    /// Chart files by output path.
    var files: [String: [UInt8]]
    /// The ids the figures give their elements.
    var ids: Set<String>
  }

  static func draw(page index: Int, site: ComputedSite, chartCSS: String, into diagnostics: inout Diagnostics)
    -> Drawn
  {
    let page = site.model.pages[index]
    let computed = site.pages[index]
    var drawn = Drawn(html: [], files: [:], ids: [])
    let folder = SitePath.directory(of: page.outputPath)
    for block in computed.blocks {
      switch block {
      case .failed:
        drawn.html.append("")
      case .chart(let model, let id):
        let drawing = ChartDrawing(model, id: id, chartCSS: chartCSS)
        let figure = FigureContext(drawing, svgURL: "\(id).svg", csvURL: "\(id).csv")
        drawn.html.append(site.model.loaded.templates.render("figure", figure))
        drawn.ids.formUnion(drawing.elementIDs)
        drawn.files[SitePath.join(folder, "\(id).svg")] = Array(drawing.standalone.utf8)
        drawn.files[SitePath.join(folder, "\(id).csv")] = Array(drawing.csv.utf8)
      case .table(let spec, let data):
        drawn.html.append(table(spec, data, page: page, site: site, scope: computed.scope, &diagnostics))
      }
    }
    return drawn
  }

  static func table(
    _ spec: TableSpec, _ data: TableData?, page: Page, site: ComputedSite, scope: ExpressionScope,
    _ diagnostics: inout Diagnostics
  ) -> String {
    guard let data else {
      var rows: [(String, MetricValue)] = []
      for (name, location) in zip(spec.metrics, spec.metricLocations) {
        if let value = scope.metrics[name] {
          rows.append((name, value))
        } else if !scope.hasFailed(name, in: diagnostics) {
          diagnostics.error(
            "unknown metric '\(name)'", at: location,
            hint: Suggestion.hintOrList(for: name, in: Array(scope.metrics.keys), noun: "metric"))
        }
      }
      return render(TableRenderer.metricTable(rows, title: spec.title), site)
    }
    let palette = site.palette
    let layout = TableRenderer.groupTable(
      spec, data: data, palette: { palette.color(of: $0) ?? .ink },
      link: { value in dataPageURL(for: value, column: spec.query?.by, from: page, pages: site.model.pages) })
    return render(layout, site)
  }

  /// A table through the theme's `partials/table.mustache`.
  static func render(_ table: TableLayout, _ site: ComputedSite) -> String {
    site.model.loaded.templates.render("table", TableContext(table))
  }

  /// The page generated from data for a value of a column, relative to `page`.
  static func dataPageURL(for value: String, column: String?, from page: Page, pages: [Page]) -> String? {
    guard let column,
      let target = pages.first(where: { $0.dataColumn == column && $0.params[column] == value })
    else { return nil }
    return SitePath.href(from: page.outputPath, to: target.outputPath)
  }
}
