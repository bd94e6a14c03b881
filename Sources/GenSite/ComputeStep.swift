import GenCore
import GenData

/// The site with every number it shows computed.
struct ComputedSite: Sendable {
  var model: SiteModel
  /// What `{{ … }}` can refer to, per page (same order as `model.pages`).
  var scopes: [ExpressionScope]
  /// Rendered `chart` and `table` blocks per page, by the line of their opening fence.
  var blocks: [[Int: String]]
  /// Every metric, for `gen metrics`.
  var reports: [MetricReport]
  /// Charts drawn.
  var chartCount: Int
}

/// Step 3: metrics (site-wide once, then each page's), chart and table data.
enum ComputeStep {
  struct Outcome {
    var site: ComputedSite
    var diagnostics: Diagnostics
  }

  static func run(_ model: SiteModel) -> Outcome {
    var diagnostics = Diagnostics()
    let engine = model.engine
    var siteValues: [String: MetricValue] = [:]
    var siteFailed = Set<String>()
    var reports: [MetricReport] = []
    let siteResults = parallelMap(model.loaded.config.metrics) { MetricEvaluator.evaluate($0, engine: engine) }
    for (spec, result) in zip(model.loaded.config.metrics, siteResults) {
      switch result {
      case .success(let value):
        siteValues[spec.name] = value
        reports.append(MetricReport(page: "gen.yml", pageURL: "", value: value))
      case .failure(let problems):
        siteFailed.insert(spec.name)
        diagnostics.append(contentsOf: problems.all)
      }
    }

    struct PageOutcome: Sendable {
      var scope: ExpressionScope
      var blocks: [Int: String]
      var reports: [MetricReport]
      var diagnostics: [Diagnostic]
      var charts: Int
    }
    let siteScope = ExpressionScope(metrics: siteValues, failed: siteFailed, params: [:])
    let blockRenderer = BlockRenderer(engine: engine, config: model.loaded.config, pages: model.pages)
    let outcomes = parallelMap(Array(model.pages.indices)) { index -> PageOutcome in
      let page = model.pages[index]
      var scope = siteScope
      scope.params = page.params
      var problems: [Diagnostic] = []
      var pageReports: [MetricReport] = []
      for spec in page.metrics {
        switch MetricEvaluator.evaluate(spec, engine: engine) {
        case .success(let value):
          scope.metrics[spec.name] = value
          pageReports.append(MetricReport(page: page.source, pageURL: page.urlPath, value: value))
        case .failure(let errors):
          scope.failed.insert(spec.name)
          let suffix = page.params.isEmpty ? "" : " (on page \(page.urlPath))"
          problems += errors.all.map { d in
            var d = d
            d.message += suffix
            return d
          }
        }
      }
      let (blocks, blockProblems, charts) = blockRenderer.render(page: page, index: index, scope: scope)
      return PageOutcome(
        scope: scope, blocks: blocks, reports: pageReports, diagnostics: problems + blockProblems, charts: charts)
    }
    for outcome in outcomes {
      diagnostics.append(contentsOf: outcome.diagnostics)
      reports += outcome.reports
    }
    return Outcome(
      site: ComputedSite(
        model: model, scopes: outcomes.map(\.scope), blocks: outcomes.map(\.blocks), reports: reports,
        chartCount: outcomes.reduce(0) { $0 + $1.charts }),
      diagnostics: diagnostics)
  }
}
