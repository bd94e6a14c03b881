import GenCharts
import GenCore
import GenData

/// Inline expressions in prose: `{{ name }}`, `{{ name.period }}`, `{{ name.basis }}`,
/// `{{ params.column }}` and checked claims `{{ name ~ 13% }}`, `{{ name ~ 13% ± 1pp }}`.
enum InlineExpression {
  /// Renders an expression to HTML; nil after reporting why it cannot be.
  static func render(
    _ raw: String, scope: ExpressionScope, location: SourceLocation, into diagnostics: inout Diagnostics
  ) -> String? {
    let text = raw.trimmingCharacters(in: " \t")
    var claimText: String?
    var reference = text
    if let tilde = text.firstIndex(of: "~") {
      reference = text[..<tilde].trimmingCharacters(in: " \t")
      claimText = text[text.index(after: tilde)...].trimmingCharacters(in: " \t")
    }
    if reference.hasPrefix("params.") {
      return parameter(String(reference.dropFirst("params.".count)), reference, scope, location, &diagnostics)
    }
    var name = reference
    var attribute: String?
    if let dot = reference.firstIndex(of: ".") {
      name = String(reference[..<dot])
      attribute = String(reference[reference.index(after: dot)...])
    }
    guard MetricName.isValid(name) else {
      diagnostics.error(
        "'{{\(raw)}}' is not a metric reference", at: location,
        hint: "write {{ metric_name }}, {{ metric_name ~ 13% }}, or put literal braces in `code`")
      return nil
    }
    if scope.hasFailed(name, in: diagnostics) { return Escape.text("{{\(raw)}}") }
    guard let metric = scope.metrics[name] else {
      let failed = diagnostics.failed.compactMap { f -> String? in
        if case .metric(let n, let page) = f, page == scope.page || page.isEmpty { return n }
        return nil
      }
      diagnostics.error(
        "unknown metric '\(name)'", at: location,
        hint: Suggestion.hintOrList(for: name, in: Array(scope.metrics.keys) + failed, noun: "metric"))
      return nil
    }
    if let attribute {
      guard claimText == nil else {
        diagnostics.error("a claim checks a metric's value, not its '\(attribute)'", at: location)
        return nil
      }
      return self.attribute(attribute, of: metric, name: name, location, &diagnostics)
    }
    guard let claimText else { return valueHTML(metric, shown: metric.formatted, claim: false) }
    return claim(claimText, about: metric, name: name, location, &diagnostics)
  }

  /// `{{ params.NAME }}` on a page from data.
  static func parameter(
    _ name: String, _ reference: String, _ scope: ExpressionScope, _ location: SourceLocation,
    _ diagnostics: inout Diagnostics
  ) -> String? {
    if let value = scope.params[name] { return Escape.text(value) }
    diagnostics.error(
      scope.params.isEmpty
        ? "'{{ \(reference) }}' works only on pages generated from data ([column].md)"
        : "unknown parameter '\(name)'",
      at: location,
      hint: scope.params.isEmpty
        ? nil : Suggestion.hintOrList(for: name, in: Array(scope.params.keys), noun: "parameter"))
    return nil
  }

  /// A metric's value as `<data>`, with its basis as the title.
  static func valueHTML(_ metric: MetricValue, shown: String, claim: Bool) -> String {
    let title = Escape.attribute("\(metric.formatted) — \(metric.basis.summary)")
    return
      "<data class=\"metric\(claim ? " claim" : "")\" value=\"\(NumberText.plain(metric.value))\" title=\"\(title)\">\(Escape.text(shown))</data>"
  }

  /// `{{ name.period }}`, `.group`, `.basis`, `.sparkline`, `.value`.
  static func attribute(
    _ attribute: String, of metric: MetricValue, name: String, _ location: SourceLocation,
    _ diagnostics: inout Diagnostics
  ) -> String? {
    switch attribute {
    case "period":
      guard let period = metric.period else {
        diagnostics.error(
          "metric '\(name)' has no single period (it combines \(metric.basis.periods.count))", at: location,
          hint: "'.period' is for 'at:', 'agg: max|min|first|last' or one-period metrics")
        return nil
      }
      return "<span class=\"metric-period\">\(Escape.text(period))</span>"
    case "group":
      guard let group = metric.group else {
        diagnostics.error(
          "metric '\(name)' has no leading group", at: location,
          hint: "'.group' is for metrics over groups: 'measure: top_share', 'hhi' or 'rank' with 'by:'")
        return nil
      }
      return "<span class=\"metric-group\">\(Escape.text(group))</span>"
    case "basis":
      return "<span class=\"metric-basis\">\(Escape.text(metric.basis.summary))</span>"
    case "sparkline":
      return sparkline(metric, name: name, location, &diagnostics)
    case "value":
      return valueHTML(metric, shown: metric.formatted, claim: false)
    default:
      diagnostics.error(
        "unknown attribute '.\(attribute)' of metric '\(name)'", at: location,
        hint: Suggestion.hintOrList(
          for: attribute, in: ["period", "group", "basis", "value", "sparkline"], noun: "attribute"))
      return nil
    }
  }

  /// `{{ name.sparkline }}`: the metric's series as a small line, named by what it measures.
  static func sparkline(
    _ metric: MetricValue, name: String, _ location: SourceLocation, _ diagnostics: inout Diagnostics
  )
    -> String?
  {
    guard metric.series.count >= 2 else {
      diagnostics.error(
        "metric '\(name)' has no series to draw", at: location,
        hint: "'.sparkline' needs a metric with 'per' over several periods")
      return nil
    }
    let present = metric.series.compactMap { $0 }
    let first = present.first.map { Formatter.format($0, as: metric.format, digits: metric.digits) } ?? ""
    let last = present.last.map { Formatter.format($0, as: metric.format, digits: metric.digits) } ?? ""
    // Named for people: the metric's label, else what it measures (not its id).
    let what =
      metric.label
      ?? ([metric.basis.measure]
      + (metric.basis.filters.isEmpty ? [] : ["where " + metric.basis.filters.joined(separator: ", ")]))
      .joined(separator: " ")
    let label =
      "\(what): \(metric.series.count) \(metric.unit?.plural ?? "periods"), from \(first) to \(last)"
    return Sparkline.svg(
      metric.series, partial: metric.seriesPartial, color: .ink, label: label, width: 72, height: 18)
  }

  /// `{{ name ~ 13% }}`: the claim as written, when the data supports it.
  static func claim(
    _ claimText: String, about metric: MetricValue, name: String, _ location: SourceLocation,
    _ diagnostics: inout Diagnostics
  ) -> String? {
    let claim: Claim
    switch Claim.parse(claimText) {
    case .success(let c): claim = c
    case .failure(let error):
      diagnostics.error(error.message, at: location)
      return nil
    }
    if let problem = unitMismatch(claim, metric) {
      diagnostics.error("claim '\(claim.text)' for metric '\(name)': \(problem)", at: location)
      return nil
    }
    guard claim.holds(for: metric.value) else {
      // The value in the claim's own terms, with two more decimals: 4,025 for a claim
      // written as a plain number, 29.45% for one written in percent.
      let precise =
        claim.unit == .none
        ? Formatter.format(
          metric.value, as: .number,
          digits: claim.decimals == 0 && metric.value == metric.value.rounded() ? 0 : claim.decimals + 2)
        : Formatter.format(metric.value, as: metric.format, digits: max(claim.decimals + 2, 2))
      diagnostics.error(
        "claim '\(claim.text)' for metric '\(name)' does not hold: the data gives \(metric.formatted) (\(precise))",
        at: location,
        hint: claim.tolerance == nil
          ? "update the figure, or state a tolerance: {{ \(name) ~ \(claim.text) ± …}}"
          : "update the figure, or widen the tolerance")
      return nil
    }
    return valueHTML(metric, shown: claim.text, claim: true)
  }

  /// Why a claim's unit does not fit the metric, if it does not.
  static func unitMismatch(_ claim: Claim, _ metric: MetricValue) -> String? {
    switch (claim.unit, metric.format) {
    case (.percent, .percent), (.points, .pp), (.times, .ratio):
      return nil
    case (.points, .percent):
      return
        "'\(claim.text)' is written in points, for a change, but the metric is a share (\(metric.formatted)): write it with '%'"
    case (.percent, .pp):
      return
        "'\(claim.text)' is written in percent, but the metric is a change in points (\(metric.formatted)): write it with 'pp'"
    case (.none, .number), (.none, .ratio), (.none, .si): return nil
    case (.thousand, .si), (.million, .si), (.billion, .si), (.trillion, .si), (.quadrillion, .si): return nil
    case (.thousand, .number), (.million, .number), (.billion, .number), (.trillion, .number),
      (.quadrillion, .number):
      return nil
    default:
      return
        "the claim is written in '\(claim.unit.rawValue.isEmpty ? "plain numbers" : claim.unit.rawValue)' but the metric is \(metric.format.rawValue) (\(metric.formatted))"
    }
  }
}
