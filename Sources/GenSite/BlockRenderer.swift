import GenCharts
import GenCore
import GenData
import GenMarkdown
import GenYAML

/// A `chart` or `table` block of a page, read and computed.
enum BlockPlan: Sendable {
  case chart(ChartModel, id: String)
  case table(TableSpec)
  /// A block whose spec or data had errors (reported); rendered as nothing.
  case failed
}

/// The fenced `chart` and `table` blocks of the site: read and computed per page (in
/// parallel), coloured in page order (so a group keeps its colour site-wide), then drawn.
struct BlockRenderer: Sendable {
  let engine: QueryEngine
  let pages: [Page]
  let chartCSS: String

  /// Reads and computes the blocks of a page, keyed by the line of their opening fence.
  func plan(page: Page, scope: ExpressionScope = ExpressionScope(metrics: [:], failed: [], params: [:]))
    -> ([Int: BlockPlan], [Diagnostic])
  {
    var plans: [Int: BlockPlan] = [:]
    var problems: [Diagnostic] = []
    var usedIDs = Set<String>()
    var chartNumber = 0
    for block in MarkdownRenderer.fencedBlocks(page.body, lineOffset: page.bodyLineOffset) {
      guard block.info == "chart" || block.info == "table" else { continue }
      let node: YAMLNode?
      do {
        node = try YAMLParser.parse(
          block.content, path: page.source, lineOffset: block.fenceLine, columnOffset: block.column - 1)
      } catch {
        problems.append(error)
        plans[block.fenceLine] = .failed
        continue
      }
      guard let node = node?.substituting(params: page.params) else {
        problems.append(
          .error(
            "empty \(block.info) block",
            at: SourceLocation(path: page.source, line: block.fenceLine, column: block.column),
            hint: "a \(block.info) block needs at least 'data:'"))
        plans[block.fenceLine] = .failed
        continue
      }
      if block.info == "table" {
        let (parsed, diagnostics) = TableSpec.parse(node)
        problems += diagnostics.all
        guard var spec = parsed else {
          plans[block.fenceLine] = .failed
          continue
        }
        // Table texts quote metrics as chart texts do.
        spec.title = expand(spec.title, at: spec.location, scope: scope, &problems)
        spec.source = expand(spec.source, at: spec.location, scope: scope, &problems)
        spec.columns = spec.columns.map { column in
          guard case .extreme(let name, let lowest, let title, let location) = column else { return column }
          return .extreme(
            column: name, lowest: lowest, title: expand(title, at: location, scope: scope, &problems),
            location: location)
        }
        plans[block.fenceLine] = .table(spec)
        continue
      }
      chartNumber += 1
      let (parsed, diagnostics) = ChartSpec.parse(node)
      problems += diagnostics.all
      guard var spec = parsed, !diagnostics.hasErrors else {
        plans[block.fenceLine] = .failed
        continue
      }
      // Chart texts may quote metrics too: "{{ share_peak }} at its peak". The id comes
      // from the title as written, so that it does not change with the data.
      let writtenTitle = spec.title
      spec.title = expand(spec.title, at: spec.query.location(of: "title"), scope: scope, &problems)
      spec.subtitle = expand(spec.subtitle, at: spec.query.location(of: "subtitle"), scope: scope, &problems)
      spec.note = expand(spec.note, at: spec.query.location(of: "note"), scope: scope, &problems)
      spec.source = expand(spec.source, at: spec.query.location(of: "source"), scope: scope, &problems)
      switch ChartData.build(spec, engine: engine) {
      case .success(let model):
        let base = spec.id ?? writtenTitle.map { Slug.make($0, fallback: "chart") } ?? "chart-\(chartNumber)"
        let id = Slug.unique(String(base.prefix(60)), in: &usedIDs)
        plans[block.fenceLine] = .chart(model, id: id)
      case .failure(let diagnostics):
        problems += diagnostics.all
        plans[block.fenceLine] = .failed
      }
    }
    return (plans, problems)
  }

  /// A chart text with each `{{ expression }}` replaced by the plain text of its value
  /// (`{{ name }}`, `{{ name.period }}`, checked claims), reported like prose expressions.
  func expand(
    _ text: String?, at location: SourceLocation, scope: ExpressionScope, _ problems: inout [Diagnostic]
  ) -> String? {
    guard let text else { return nil }
    return BraceExpressions.replacing(in: text) { expression in
      switch InlineExpression.render(expression, scope: scope, location: location) {
      case .success(let html): return HTMLText.strip(html)
      case .failure(let diagnostic):
        problems.append(diagnostic)
        return nil
      }
    }
  }

  /// Draws the planned blocks of a page: HTML by fence line, and the chart files
  /// (`.svg`, `.csv`) to write beside the page.
  func draw(page: Page, plans: [Int: BlockPlan], scope: ExpressionScope, palette: Palette)
    -> (html: [Int: String], files: [String: [UInt8]], problems: [Diagnostic], charts: Int)
  {
    var html: [Int: String] = [:]
    var files: [String: [UInt8]] = [:]
    var problems: [Diagnostic] = []
    var charts = 0
    let folder = SitePath.directory(of: page.outputPath)
    for (line, plan) in plans.sorted(by: { $0.key < $1.key }) {
      switch plan {
      case .failed:
        html[line] = ""
      case .chart(let model, let id):
        charts += 1
        let figure = ChartFigure.make(model, id: id, files: ("\(id).svg", "\(id).csv"), chartCSS: chartCSS)
        html[line] = figure.html
        files[SitePath.join(folder, "\(id).svg")] = Array(figure.svg.utf8)
        files[SitePath.join(folder, "\(id).csv")] = Array(figure.csv.utf8)
      case .table(let spec):
        if spec.query == nil {
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
          html[line] = TableRenderer.metricTable(rows, title: spec.title)
          continue
        }
        let result = TableRenderer.groupTable(
          spec, engine: engine, palette: { palette.existingSlot($0) ?? -1 },
          link: { value in dataPageURL(for: value, column: spec.query?.by, from: page) })
        switch result {
        case .success(let table): html[line] = table
        case .failure(let diagnostics):
          problems += diagnostics.all
          html[line] = ""
        }
      }
    }
    return (html, files, problems, charts)
  }

  /// The page generated from data for a value of a column, relative to `page`.
  func dataPageURL(for value: String, column: String?, from page: Page) -> String? {
    guard let column else { return nil }
    guard
      let target = pages.first(where: {
        ContentLoader.dataColumn(of: $0.contentPath) == column && $0.params[column] == value
      })
    else { return nil }
    return SitePath.href(from: page.outputPath, to: target.outputPath)
  }
}

extension Palette {
  /// The slot a group already has, without assigning one.
  func existingSlot(_ group: String) -> Int? { slotIfAssigned(group) }
}
