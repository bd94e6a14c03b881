import GenCharts
import GenCore
import GenData

/// What `{{ … }}` in prose can refer to on one page: its metrics, the site's metrics,
/// and the values of a page generated from data.
struct ExpressionScope: Sendable {
  /// Computed metrics by name.
  var metrics: [String: MetricValue]
  /// Names of metrics that failed to compute (already reported; not reported again).
  var failed: Set<String>
  /// `params.NAME` values of a page from data.
  var params: [String: String]
}

/// Inline expressions in prose: `{{ name }}`, `{{ name.period }}`, `{{ name.basis }}`,
/// `{{ params.column }}` and checked claims `{{ name ~ 13% }}`, `{{ name ~ 13% ± 1pp }}`.
enum InlineExpression {
  /// Renders an expression to HTML, or explains why it cannot be.
  static func render(_ raw: String, scope: ExpressionScope, location: SourceLocation) -> Result<
    String, Diagnostic
  > {
    let text = raw.trimmingCharacters(in: " \t")
    var claimText: String?
    var reference = text
    if let tilde = text.firstIndex(of: "~") {
      reference = text[..<tilde].trimmingCharacters(in: " \t")
      claimText = text[text.index(after: tilde)...].trimmingCharacters(in: " \t")
    }
    if reference.hasPrefix("params.") {
      let name = String(reference.dropFirst("params.".count))
      if let value = scope.params[name] { return .success(Escape.text(value)) }
      return .failure(
        .error(
          scope.params.isEmpty
            ? "'{{ \(reference) }}' works only on pages generated from data ([column].md)"
            : "unknown parameter '\(name)'",
          at: location,
          hint: scope.params.isEmpty
            ? nil : Suggestion.hintOrList(for: name, in: Array(scope.params.keys), noun: "parameter")))
    }
    var name = reference
    var attribute: String?
    if let dot = reference.firstIndex(of: ".") {
      name = String(reference[..<dot])
      attribute = String(reference[reference.index(after: dot)...])
    }
    guard MetricName.isValid(name) else {
      return .failure(
        .error(
          "'{{\(raw)}}' is not a metric reference", at: location,
          hint: "write {{ metric_name }}, {{ metric_name ~ 13% }}, or put literal braces in `code`"))
    }
    if scope.failed.contains(name) { return .success(Escape.text("{{\(raw)}}")) }
    guard let metric = scope.metrics[name] else {
      return .failure(
        .error(
          "unknown metric '\(name)'", at: location,
          hint: Suggestion.hintOrList(
            for: name, in: Array(scope.metrics.keys) + Array(scope.failed), noun: "metric")))
    }
    let title = Escape.attribute("\(metric.formatted) — \(metric.basis.summary)")
    if let attribute {
      guard claimText == nil else {
        return .failure(.error("a claim checks a metric's value, not its '\(attribute)'", at: location))
      }
      switch attribute {
      case "period":
        guard let period = metric.period else {
          return .failure(
            .error(
              "metric '\(name)' has no single period (it combines \(metric.basis.periods.count))",
              at: location,
              hint: "'.period' is for 'at:', 'agg: max|min|first|last' or one-period metrics"))
        }
        return .success("<span class=\"metric-period\">\(Escape.text(period))</span>")
      case "basis":
        return .success("<span class=\"metric-basis\">\(Escape.text(metric.basis.summary))</span>")
      case "sparkline":
        guard metric.series.count >= 2 else {
          return .failure(
            .error(
              "metric '\(name)' has no series to draw", at: location,
              hint: "'.sparkline' needs a metric with 'per' over several periods"))
        }
        let first =
          metric.series.compactMap { $0 }.first.map {
            Formatter.format($0, as: metric.format, digits: metric.digits)
          } ?? ""
        let last =
          metric.series.compactMap { $0 }.last.map {
            Formatter.format($0, as: metric.format, digits: metric.digits)
          } ?? ""
        // Named for people: the metric's label, else what it measures (not its id).
        let what =
          metric.label
          ?? ([metric.basis.measure]
          + (metric.basis.filters.isEmpty ? [] : ["where " + metric.basis.filters.joined(separator: ", ")]))
          .joined(separator: " ")
        let label =
          "\(what): \(metric.series.count) \(metric.unit?.plural ?? "periods"), from \(first) to \(last)"
        return .success(
          Sparkline.svg(
            metric.series, partial: metric.seriesPartial, color: -1, label: label, width: 72, height: 18))
      case "value":
        return .success(
          "<data class=\"metric\" value=\"\(NumberText.plain(metric.value))\" title=\"\(title)\">\(Escape.text(metric.formatted))</data>"
        )
      default:
        return .failure(
          .error(
            "unknown attribute '.\(attribute)' of metric '\(name)'", at: location,
            hint: Suggestion.hintOrList(
              for: attribute, in: ["period", "basis", "value", "sparkline"], noun: "attribute")))
      }
    }
    let value = NumberText.plain(metric.value)
    guard let claimText else {
      return .success(
        "<data class=\"metric\" value=\"\(value)\" title=\"\(title)\">\(Escape.text(metric.formatted))</data>"
      )
    }
    let claim: Claim
    switch Claim.parse(claimText) {
    case .success(let c): claim = c
    case .failure(let error): return .failure(.error(error.message, at: location))
    }
    if let problem = unitMismatch(claim, metric) {
      return .failure(.error("claim '\(claim.text)' for metric '\(name)': \(problem)", at: location))
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
      return .failure(
        .error(
          "claim '\(claim.text)' for metric '\(name)' does not hold: the data gives \(metric.formatted) (\(precise))",
          at: location,
          hint: claim.tolerance == nil
            ? "update the figure, or state a tolerance: {{ \(name) ~ \(claim.text) ± …}}"
            : "update the figure, or widen the tolerance"))
    }
    return .success(
      "<data class=\"metric claim\" value=\"\(value)\" title=\"\(title)\">\(Escape.text(claim.text))</data>")
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
