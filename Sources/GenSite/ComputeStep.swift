import GenCharts
import GenCore
import GenData

/// The site with every number it shows computed.
struct ComputedSite: Sendable {
  var model: SiteModel
  /// What `{{ … }}` can refer to, per page (same order as `model.pages`).
  var scopes: [ExpressionScope]
  /// Rendered `chart` and `table` blocks per page, by the line of their opening fence.
  var blocks: [[Int: String]]
  /// Chart files (`.svg`, `.csv`) by output path.
  var chartFiles: [String: [UInt8]]
  /// Every metric, for `gen metrics`.
  var reports: [MetricReport]
  /// Charts drawn.
  var chartCount: Int
}

/// Step 3: metrics (site-wide once, then each page's), chart and table data; charts
/// coloured in page order and drawn.
enum ComputeStep {
  struct Outcome {
    var site: ComputedSite
    var diagnostics: Diagnostics
  }

  static func run(_ model: SiteModel) -> Outcome {
    var diagnostics = Diagnostics()
    let engine = model.engine
    let config = model.loaded.config

    // Site metrics, once.
    var siteScope = ExpressionScope(metrics: [:], failed: [], params: [:])
    var reports: [MetricReport] = []
    let siteResults = parallelMap(config.metrics) { MetricEvaluator.evaluate($0, engine: engine) }
    for (spec, result) in zip(config.metrics, siteResults) {
      switch result {
      case .success(let value):
        siteScope.metrics[spec.name] = value
        reports.append(MetricReport(page: "gen.yml", pageURL: "", value: value))
      case .failure(let problems):
        siteScope.failed.insert(spec.name)
        diagnostics.append(contentsOf: problems.all)
      }
    }

    // Each page's metrics and blocks, in parallel.
    struct Planned: Sendable {
      var scope: ExpressionScope
      var plans: [Int: BlockPlan]
      var reports: [MetricReport]
      var diagnostics: [Diagnostic]
    }
    let chartCSS = StandaloneCSS.resolve(
      model.loaded.templates.assets.first { $0.path == "chart.css" }
        .map { String(decoding: $0.bytes, as: UTF8.self) } ?? "")
    let renderer = BlockRenderer(engine: engine, pages: model.pages, chartCSS: chartCSS)
    let scope0 = siteScope
    var planned = parallelMap(Array(model.pages.indices)) { index -> Planned in
      let page = model.pages[index]
      var scope = scope0
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
          problems += errors.all
        }
      }
      let (plans, blockProblems) = renderer.plan(page: page, scope: scope)
      return Planned(scope: scope, plans: plans, reports: pageReports, diagnostics: problems + blockProblems)
    }

    // Colours in page order: a group keeps its colour on every chart of the site.
    var fixed: [String: Int] = [:]
    var groupsBySlot: [Int: [String]] = [:]
    for (group, name) in config.colors.sorted(by: { $0.key < $1.key }) {
      if let slot = Palette.names[name.lowercased()] {
        fixed[group] = slot
        groupsBySlot[slot, default: []].append(group)
      } else {
        diagnostics.error(
          "unknown colour '\(name)' for '\(group)'", at: config.colorLocations[group],
          hint: Suggestion.hintOrList(for: name.lowercased(), in: Array(Palette.names.keys), noun: "colour"))
      }
    }
    for (_, groups) in groupsBySlot.sorted(by: { $0.key < $1.key }) where groups.count > 1 {
      diagnostics.warning(
        "\(groups.map { "'\($0)'" }.joined(separator: ", ")) have the same colour, "
          + "so a chart showing them together draws all but one in other colours",
        at: config.colorLocations[groups[1]], hint: "give each group its own colour")
    }
    var palette = Palette(fixed: fixed)
    for i in planned.indices {
      for line in planned[i].plans.keys.sorted() {
        if case .chart(var chart, let id) = planned[i].plans[line] {
          palette.paint(&chart)
          diagnostics.append(contentsOf: chart.unusedSpecWarnings())
          planned[i].plans[line] = .chart(chart, id: id)
        }
      }
    }

    // Draw, in parallel.
    let finalPalette = palette
    let finalPlans = planned
    let drawn = parallelMap(Array(model.pages.indices)) { index in
      renderer.draw(
        page: model.pages[index], plans: finalPlans[index].plans, scope: finalPlans[index].scope,
        palette: finalPalette)
    }
    var chartFiles: [String: [UInt8]] = [:]
    // Pages from data share one source: a problem of the source itself (the same message
    // at the same place on every page) is reported once, naming the first page it shows on.
    var reported = Set<Diagnostic>()
    for (page, (p, d)) in zip(model.pages, zip(planned, drawn)) {
      for problem in p.diagnostics + d.problems where reported.insert(problem).inserted {
        var named = problem
        if !page.params.isEmpty { named.message += " (on page \(page.urlPath))" }
        diagnostics.append(named)
      }
      reports += p.reports
      chartFiles.merge(d.files) { a, _ in a }
    }
    return Outcome(
      site: ComputedSite(
        model: model, scopes: planned.map(\.scope), blocks: drawn.map(\.html), chartFiles: chartFiles,
        reports: reports,
        chartCount: drawn.reduce(0) { $0 + $1.charts }),
      diagnostics: diagnostics)
  }
}
