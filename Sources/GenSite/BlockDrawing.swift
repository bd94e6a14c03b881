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
    var problems: [Diagnostic]
  }

  static func draw(page index: Int, site: ComputedSite, chartCSS: String) -> Drawn {
    let page = site.model.pages[index]
    let computed = site.pages[index]
    var drawn = Drawn(html: [], files: [:], ids: [], problems: [])
    let folder = SitePath.directory(of: page.outputPath)
    for block in computed.blocks {
      switch block {
      case .failed:
        drawn.html.append("")
      case .chart(let model, let id):
        let figure = ChartFigure.make(model, id: id, files: ("\(id).svg", "\(id).csv"), chartCSS: chartCSS)
        drawn.html.append(figure.html)
        drawn.ids.formUnion(ChartFigure.elementIDs(model, id: id))
        drawn.files[SitePath.join(folder, "\(id).svg")] = Array(figure.svg.utf8)
        drawn.files[SitePath.join(folder, "\(id).csv")] = Array(figure.csv.utf8)
      case .table(let spec):
        drawn.html.append(table(spec, page: page, site: site, scope: computed.scope, &drawn.problems))
      }
    }
    return drawn
  }

  static func table(
    _ spec: TableSpec, page: Page, site: ComputedSite, scope: ExpressionScope, _ problems: inout [Diagnostic]
  ) -> String {
    guard spec.query != nil else {
      var rows: [(String, MetricValue)] = []
      for (name, location) in zip(spec.metrics, spec.metricLocations) {
        if let value = scope.metrics[name] {
          rows.append((name, value))
        } else if !scope.failed.contains(name) {
          problems.append(
            .error(
              "unknown metric '\(name)'", at: location,
              hint: Suggestion.hintOrList(for: name, in: Array(scope.metrics.keys), noun: "metric")))
        }
      }
      return TableRenderer.metricTable(rows, title: spec.title)
    }
    let palette = site.palette
    let result = TableRenderer.groupTable(
      spec, engine: site.model.engine, palette: { palette.slotIfAssigned($0) ?? -1 },
      link: { value in dataPageURL(for: value, column: spec.query?.by, from: page, pages: site.model.pages) })
    switch result {
    case .success(let table): return table
    case .failure(let diagnostics):
      problems += diagnostics.all
      return ""
    }
  }

  /// The page generated from data for a value of a column, relative to `page`.
  static func dataPageURL(for value: String, column: String?, from page: Page, pages: [Page]) -> String? {
    guard let column,
      let target = pages.first(where: { $0.dataColumn == column && $0.params[column] == value })
    else { return nil }
    return SitePath.href(from: page.outputPath, to: target.outputPath)
  }
}
