import GenCharts
import GenCore
import GenData
import GenMarkdown

/// The site with every number it shows computed.
struct ComputedSite: Sendable {
  var model: SiteModel
  /// Each page's values (same order as `model.pages`).
  var pages: [ComputedPage]
  /// Chart colours, assigned in page order.
  var palette: Palette
  /// Every metric, for `gen metrics`.
  var reports: [MetricReport]
  /// Charts computed.
  var chartCount: Int
}

/// What compute gives one page's document.
struct ComputedPage: Sendable {
  /// What `{{ … }}` can refer to on the page.
  var scope: ExpressionScope
  /// The HTML of each inline expression (nil where it failed, reported).
  var expressions: [String?]
  /// Each fenced block with its data.
  var blocks: [ComputedBlock]
}

/// A fenced block with its data.
enum ComputedBlock: Sendable {
  case chart(ChartModel, id: String)
  /// A table: a group table's numbers, or nil for a table of metrics.
  case table(TableSpec, TableData?)
  /// A block whose spec or data had errors (reported); rendered as nothing.
  case failed
}

/// Step 3: metrics (site-wide once, then each page's), the values of inline expressions,
/// chart and table data; charts coloured in page order.
enum ComputeStep {
  static func run(_ model: SiteModel, into diagnostics: inout Diagnostics) -> ComputedSite {
    let engine = model.engine
    // Site metrics, once.
    var siteScope = ExpressionScope(metrics: [:], params: [:], page: "")
    var reports: [MetricReport] = []
    let siteValues = parallelMap(model.loaded.config.metrics, reportingInto: &diagnostics) { spec, problems in
      MetricEvaluator.evaluate(spec, engine: engine, into: &problems)
    }
    for (spec, value) in zip(model.loaded.config.metrics, siteValues) {
      if let value {
        siteScope.metrics[spec.name] = value
        reports.append(MetricReport(page: "gen.yml", pageURL: "", value: value))
      } else {
        diagnostics.markFailed(.metric(spec.name, page: ""))
      }
    }
    // Each page's metrics, expressions and blocks, in parallel.
    let base = diagnostics
    let siteScopeFinal = siteScope
    let computed = parallelMap(Array(model.pages.indices)) {
      index -> (ComputedPage, [MetricReport], Diagnostics) in
      var problems = base.forTask()
      let (page, pageReports) = computePage(
        model.pages[index], model.documents[index], siteScope: siteScopeFinal, engine: engine, &problems)
      return (page, pageReports, problems)
    }
    reportOnce(zip(model.pages, computed.map(\.2)), into: &diagnostics)
    var pages = computed.map(\.0)
    for page in computed { reports += page.1 }
    let chartCount = paint(&pages, fixed: model.fixedColors, &diagnostics)
    return ComputedSite(
      model: model, pages: pages, palette: chartCount.palette, reports: reports, chartCount: chartCount.charts
    )
  }

  /// Colours for the whole site, from every chart in page order: a group keeps its colour
  /// on every chart and page; a chart whose groups outnumber the free colours is warned about.
  static func paint(
    _ pages: inout [ComputedPage], fixed: [String: SeriesColor], _ diagnostics: inout Diagnostics
  )
    -> (palette: Palette, charts: Int)
  {
    let charts = pages.indices.flatMap { i in
      pages[i].blocks.indices.compactMap { k -> (Int, Int, ChartModel)? in
        guard case .chart(let chart, _) = pages[i].blocks[k] else { return nil }
        return (i, k, chart)
      }
    }
    var palette = Palette(fixed: fixed)
    palette.assign(charts.flatMap { Palette.panels(of: $0.2) })
    for (i, k, var chart) in charts {
      guard case .chart(_, let id) = pages[i].blocks[k] else { continue }
      palette.paint(&chart)
      diagnostics.append(contentsOf: chart.unusedSpecWarnings())
      // Groups fixed alike under `colors:` are warned about once, by the validate step.
      for clash in palette.clashes(in: chart) where clash.groups.contains(where: { fixed[$0] == nil }) {
        let groups = clash.groups.map { "'\($0)'" }
        diagnostics.warning(
          "chart '\(id)' draws \(EnglishList.joined(groups)) in the same colour (\(Palette.name(of: clash.color))): "
            + "the chart has more groups than free colours",
          at: chart.spec.location,
          hint: "show fewer groups with 'top:', or fix their colours under 'colors:' in gen.yml")
      }
      pages[i].blocks[k] = .chart(chart, id: id)
    }
    return (palette, charts.count)
  }

  /// One page: its metrics, then its expressions and blocks, which may quote them.
  static func computePage(
    _ page: Page, _ document: PageDocument, siteScope: ExpressionScope, engine: QueryEngine,
    _ diagnostics: inout Diagnostics
  ) -> (ComputedPage, [MetricReport]) {
    var scope = siteScope
    scope.params = page.params
    scope.page = page.source
    var reports: [MetricReport] = []
    for spec in page.metrics {
      if let value = MetricEvaluator.evaluate(spec, engine: engine, into: &diagnostics) {
        scope.metrics[spec.name] = value
        reports.append(MetricReport(page: page.source, pageURL: page.urlPath, value: value))
      } else {
        diagnostics.markFailed(.metric(spec.name, page: page.source))
      }
    }
    ConditionalText.check(document.markdown, into: &diagnostics)
    let expressions = document.markdown.expressions.map { expression in
      ConditionalText.marker(
        expression.source, scope: scope, location: expression.location, into: &diagnostics)
        ?? InlineExpression.render(
          expression.source, scope: scope, location: expression.location, into: &diagnostics)
    }
    let texts = ChartTexts(scope: scope)
    let blocks = document.blocks.map { block -> ComputedBlock in
      switch block {
      case .failed: return .failed
      case .table(let spec):
        let expanded = texts.expanding(spec, &diagnostics)
        guard expanded.query != nil else { return .table(expanded, nil) }
        return TableData.build(expanded, engine: engine, into: &diagnostics).map { .table(expanded, $0) }
          ?? .failed
      case .chart(let spec, let id):
        return ChartData.build(texts.expanding(spec, &diagnostics), engine: engine, into: &diagnostics)
          .map { .chart($0, id: id) } ?? .failed
      }
    }
    return (ComputedPage(scope: scope, expressions: expressions, blocks: blocks), reports)
  }

  /// Adds each page's problems once: pages from data share one source, so a problem of
  /// the source itself (the same message at the same place on every page) is reported
  /// once, naming the first page it shows on.
  static func reportOnce(_ problems: some Sequence<(Page, Diagnostics)>, into diagnostics: inout Diagnostics)
  {
    var reported = Set<Diagnostic>()
    for (page, sink) in problems {
      for problem in sink.all where reported.insert(problem).inserted {
        var named = problem
        if !page.params.isEmpty { named.message += " (on page \(page.urlPath))" }
        diagnostics.append(named)
      }
      for name in sink.failed { diagnostics.markFailed(name) }
    }
  }
}
