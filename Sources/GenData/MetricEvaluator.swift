import GenCore

/// Turns a metric spec into a value: per-period series, partial periods, rolling
/// mean, then one period (`at`) or an aggregation over the range (`agg`).
public enum MetricEvaluator {
  /// A share below 0 or above 100% in a period of the range, which no reader can take
  /// at face value: the message and what to do.
  public static func impossibleShare(_ series: PeriodSeries, _ q: DataQuery) -> (String, String)? {
    guard q.measure == .share || q.measure == .topShare else { return nil }
    for p in series.values.indices where series.inRange[p] {
      if series.values[p] == nil,
        // (With a denominator dataset, an empty universe is a period it does not cover.)
        series.universes[p] < 0
          || (q.denominator == nil && series.universes[p] == 0 && series.numerators[p] != 0)
      {
        return (
          "the universe of \(series.grid.label(p)) adds up to \(NumberText.plain(series.universes[p])): the measure has negative values",
          "a share needs values of 0 or more; use 'measure: sum' for net amounts"
        )
      }
      guard let v = series.values[p], v < -1e-9 || v > 1 + 1e-9 else { continue }
      let shown = Formatter.format(v, as: .percent)
      if v < 0 {
        return (
          "the share in \(series.grid.label(p)) is \(shown): the measure has negative values",
          "a share needs values of 0 or more; use 'measure: sum' for net amounts"
        )
      }
      return (
        "the share in \(series.grid.label(p)) is \(shown): the numerator is larger than its universe",
        q.denominator != nil
          ? "the denominator dataset seems incomplete for that period, or counts something else"
          : "check for negative values in the universe"
      )
    }
    return nil
  }

  /// Evaluates one metric; nil after reporting why it has no value.
  public static func evaluate(
    _ spec: MetricSpec, engine: QueryEngine, into diagnostics: inout Diagnostics
  ) -> MetricValue? {
    let q = spec.query
    if picksAGroup(spec) { return acrossGroups(spec, engine: engine, into: &diagnostics) }
    guard let series = engine.series(q, into: &diagnostics) else { return nil }
    if let problem = impossibleShare(series, q) {
      diagnostics.error("metric '\(spec.name)': " + problem.0, at: q.location(of: .data), hint: problem.1)
      return nil
    }
    var evaluation = MetricEvaluation(spec: spec, series: series, engine: engine)
    let value = evaluation.value()
    if let problem = evaluation.problem {
      diagnostics.error(
        "metric '\(spec.name)': \(problem.message)", at: evaluation.location(of: problem.key),
        hint: problem.hint)
      return nil
    }
    return value
  }

  static func measureText(_ q: DataQuery, _ column: String) -> String {
    switch q.measure {
    case .share: return "share of \(column)"
    case .sum: return "sum of \(column)"
    case .count: return "count of rows"
    case .topShare: return "share of \(column) held by the top \(q.top ?? 0) \(q.by ?? "group")s"
    case .hhi: return "HHI of \(column) by \(q.by ?? "group")"
    case .rank: return "rank by \(column) among \(q.by ?? "group")s"
    case .mean: return "mean of \(column) per row"
    case .ratio:
      return "\(column) per \(q.ratio?.denominator == "rows" ? "row" : q.ratio?.denominator ?? "row")"
    }
  }

  static func adjective(_ unit: PeriodUnit) -> String {
    switch unit {
    case .day: return "daily"
    case .week: return "weekly"
    case .month: return "monthly"
    case .quarter: return "quarterly"
    case .year: return "yearly"
    }
  }
}
