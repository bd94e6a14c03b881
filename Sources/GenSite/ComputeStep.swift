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
  case table(TableSpec)
  /// A block whose spec or data had errors (reported); rendered as nothing.
  case failed
}

/// Step 3: metrics (site-wide once, then each page's), the values of inline expressions,
/// chart and table data; charts coloured in page order.
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

    // Each page's metrics, expressions and blocks, in parallel.
    let siteScopeFinal = siteScope
    let computed = parallelMap(Array(model.pages.indices)) { index in
      computePage(model.pages[index], model.documents[index], siteScope: siteScopeFinal, engine: engine)
    }
    reportOnce(zip(model.pages, computed.map(\.problems)), into: &diagnostics)
    var pages = computed.map(\.page)
    for page in computed { reports += page.reports }

    // Colours in page order: a group keeps its colour on every chart of the site.
    var palette = Palette(fixed: model.fixedColors)
    var chartCount = 0
    for i in pages.indices {
      for k in pages[i].blocks.indices {
        guard case .chart(var chart, let id) = pages[i].blocks[k] else { continue }
        palette.paint(&chart)
        diagnostics.append(contentsOf: chart.unusedSpecWarnings())
        pages[i].blocks[k] = .chart(chart, id: id)
        chartCount += 1
      }
    }
    return Outcome(
      site: ComputedSite(
        model: model, pages: pages, palette: palette, reports: reports, chartCount: chartCount),
      diagnostics: diagnostics)
  }

  /// One page: its metrics, then its expressions and blocks, which may quote them.
  static func computePage(
    _ page: Page, _ document: PageDocument, siteScope: ExpressionScope, engine: QueryEngine
  ) -> (page: ComputedPage, reports: [MetricReport], problems: [Diagnostic]) {
    var scope = siteScope
    scope.params = page.params
    var problems: [Diagnostic] = []
    var reports: [MetricReport] = []
    for spec in page.metrics {
      switch MetricEvaluator.evaluate(spec, engine: engine) {
      case .success(let value):
        scope.metrics[spec.name] = value
        reports.append(MetricReport(page: page.source, pageURL: page.urlPath, value: value))
      case .failure(let errors):
        scope.failed.insert(spec.name)
        problems += errors.all
      }
    }
    let expressions = document.markdown.expressions.map { expression -> String? in
      switch InlineExpression.render(expression.source, scope: scope, location: expression.location) {
      case .success(let html): return html
      case .failure(let problem):
        problems.append(problem)
        return nil
      }
    }
    let texts = ChartTexts(scope: scope)
    let blocks = document.blocks.map { block -> ComputedBlock in
      switch block {
      case .failed: return .failed
      case .table(let spec): return .table(texts.expanding(spec, &problems))
      case .chart(let spec, let id):
        switch ChartData.build(texts.expanding(spec, &problems), engine: engine) {
        case .success(let model): return .chart(model, id: id)
        case .failure(let errors):
          problems += errors.all
          return .failed
        }
      }
    }
    return (ComputedPage(scope: scope, expressions: expressions, blocks: blocks), reports, problems)
  }

  /// Adds each page's problems once: pages from data share one source, so a problem of
  /// the source itself (the same message at the same place on every page) is reported
  /// once, naming the first page it shows on.
  static func reportOnce(
    _ problems: some Sequence<(Page, [Diagnostic])>, into diagnostics: inout Diagnostics
  ) {
    var reported = Set<Diagnostic>()
    for (page, list) in problems {
      for problem in list where reported.insert(problem).inserted {
        var named = problem
        if !page.params.isEmpty { named.message += " (on page \(page.urlPath))" }
        diagnostics.append(named)
      }
    }
  }
}

/// Chart and table texts (titles, notes, sources) that quote metrics: each
/// `{{ expression }}` is replaced by the plain text of its value, and problems are
/// reported like those of prose expressions.
struct ChartTexts {
  let scope: ExpressionScope

  func expand(_ text: String?, at location: SourceLocation, _ problems: inout [Diagnostic]) -> String? {
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

  func expanding(_ spec: ChartSpec, _ problems: inout [Diagnostic]) -> ChartSpec {
    var spec = spec
    spec.title = expand(spec.title, at: spec.query.location(of: "title"), &problems)
    spec.subtitle = expand(spec.subtitle, at: spec.query.location(of: "subtitle"), &problems)
    spec.note = expand(spec.note, at: spec.query.location(of: "note"), &problems)
    spec.source = expand(spec.source, at: spec.query.location(of: "source"), &problems)
    return spec
  }

  func expanding(_ spec: TableSpec, _ problems: inout [Diagnostic]) -> TableSpec {
    var spec = spec
    spec.title = expand(spec.title, at: spec.location, &problems)
    spec.source = expand(spec.source, at: spec.location, &problems)
    spec.columns = spec.columns.map { column in
      guard case .extreme(let name, let lowest, let title, let location) = column else { return column }
      return .extreme(
        column: name, lowest: lowest, title: expand(title, at: location, &problems), location: location)
    }
    return spec
  }
}
