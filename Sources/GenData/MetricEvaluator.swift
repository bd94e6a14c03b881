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

  /// Evaluates one metric.
  public static func evaluate(_ spec: MetricSpec, engine: QueryEngine) -> Result<MetricValue, Diagnostics> {
    if spec.isBroken { return .failure(Diagnostics()) }  // its errors are reported already
    let q = spec.query
    let series: PeriodSeries
    switch engine.series(q) {
    case .success(let s): series = s
    case .failure(let d): return .failure(d)
    }
    let grid = series.grid
    let n = grid.count
    if let problem = impossibleShare(series, q) {
      return .failure(
        Diagnostics([
          .error("metric '\(spec.name)': " + problem.0, at: q.location(of: "data"), hint: problem.1)
        ]))
    }
    var values = series.values
    let exclude = q.partial == .exclude
    if exclude { for p in 0..<n where series.partial[p] { values[p] = nil } }
    if let k = q.rolling, k > 1 {
      let base = values
      values = (0..<n).map { p in
        guard p + 1 >= k else { return nil }
        let window = base[(p + 1 - k)...p]
        guard window.allSatisfy({ $0 != nil }) else { return nil }
        return window.reduce(0) { $0 + $1! } / Double(k)
      }
    }
    let coverage = engine.datasets[q.data]?.coverage
    let span =
      coverage.flatMap { c in c.first.flatMap { f in c.last.map { "\(f.longLabel) – \($0.longLabel)" } } }
      ?? ""

    var basis = MetricBasis(
      dataset: q.data, measure: measureText(q, series.measureName), filters: q.filters.map(\.summary),
      within: q.within.map(\.summary),
      denominator: q.denominator.map { d in
        "\(d.value ?? engine.datasets[d.data]?.valueColumn ?? "rows") of '\(d.data)'"
          + (d.filters.isEmpty ? "" : " where " + d.filters.map(\.summary).joined(separator: ", "))
      }, unit: q.per?.rawValue, aggregation: nil, periods: [], excludedPartial: [], includedPartial: [])

    let baseFormat = q.measure.defaultFormat
    func fail(_ message: String, _ key: String, hint: String? = nil) -> Result<MetricValue, Diagnostics> {
      .failure(
        Diagnostics([.error("metric '\(spec.name)': \(message)", at: q.location(of: key), hint: hint)]))
    }
    let shown = (0..<n).filter { series.inRange[$0] }
    func result(_ value: Double, format: ValueFormat, period: Int?) -> Result<MetricValue, Diagnostics> {
      if spec.format == .date, period == nil {
        return fail(
          "'format: date' shows the period a value belongs to, and this value has none", "format",
          hint: "use it with 'at:', 'per:' and 'agg: max', 'min', 'first' or 'last', or another format")
      }
      var metric = MetricValue(
        name: spec.name, value: value, format: spec.format ?? format,
        digits: spec.digits ?? (q.measure == .hhi && format == .number ? 0 : nil), unit: q.per,
        period: period.map { grid.label($0) }, periodStart: period.map { grid.starts[$0] }, basis: basis,
        location: spec.location, label: spec.label)
      if q.per != nil {
        metric.series = shown.map { values[$0] }
        metric.seriesPartial = shown.map { series.partial[$0] }
      }
      return .success(metric)
    }
    func missingReason(_ p: Int) -> String {
      if series.partial[p] && exclude {
        return "\(grid.label(p)) is only partly covered by the data (\(span))"
      }
      if series.values[p] == nil {
        return q.measure == .share || q.measure == .topShare
          ? "no rows in the universe in \(grid.label(p))" : "no data in \(grid.label(p))"
      }
      return "not enough periods before \(grid.label(p)) for a rolling mean of \(q.rolling ?? 1)"
    }

    // One period: `at`, or a range that is one period.
    let candidates = (0..<n).filter { series.inRange[$0] }
    if let at = q.at {
      let p = grid.period(of: at.index)
      guard p >= 0 else {
        return fail("\(at) is outside the data of '\(q.data)' (\(span))", "at")
      }
      basis.periods = [grid.label(p)]
      if series.partial[p] { (exclude ? nil : basis.includedPartial.append(grid.label(p))) }
      guard let v = values[p] else {
        return fail(
          missingReason(p), "at",
          hint: series.partial[p] && exclude ? "add 'partial: include' to use it anyway" : nil)
      }
      return result(v, format: baseFormat, period: p)
    }
    basis.excludedPartial = exclude ? candidates.filter { series.partial[$0] }.map { grid.label($0) } : []
    basis.includedPartial = exclude ? [] : candidates.filter { series.partial[$0] }.map { grid.label($0) }
    let used = candidates.filter { values[$0] != nil }
    basis.periods = used.map { grid.label($0) }
    guard let agg = spec.agg else {
      guard candidates.count == 1 else {
        return fail(
          "the range holds \(candidates.count) \(q.per?.plural ?? "periods"); say which value is wanted",
          "data",
          hint: "add 'agg:' (mean, pooled, max, min, first, last, change, ratio, sum) or 'at: DATE'")
      }
      let p = candidates[0]
      guard let v = values[p] else {
        return fail(
          missingReason(p), q.from != nil ? "from" : "data",
          hint: series.partial[p] && exclude ? "add 'partial: include' to use it anyway" : nil)
      }
      return result(v, format: baseFormat, period: q.per == nil ? nil : p)
    }
    guard let firstUsed = used.first, let lastUsed = used.last else {
      let reason =
        candidates.isEmpty
        ? "no \(q.per?.rawValue ?? "period") of the data falls in the range" : missingReason(candidates[0])
      return fail(reason, q.from != nil ? "from" : "agg")
    }
    let vals = used.map { values[$0]! }
    let unitWord = q.per.map { "\(adjective($0)) " } ?? ""
    switch agg {
    case .mean:
      basis.aggregation = "mean of \(used.count) \(unitWord)values"
      return result(vals.reduce(0, +) / Double(vals.count), format: baseFormat, period: nil)
    case .pooled:
      guard q.measure == .share || q.measure == .topShare else {
        return fail(
          "'pooled' combines shares; measure '\(q.measure.rawValue)' is not a share", "agg",
          hint: "use 'sum' or 'mean'")
      }
      let num = used.reduce(0) { $0 + series.numerators[$1] }
      let uni = used.reduce(0) { $0 + series.universes[$1] }
      guard uni > 0 else { return fail("the universe is empty over the range", "agg") }
      basis.aggregation = "pooled over \(used.count) \(unitWord)periods (Σ numerator / Σ universe)"
      return result(num / uni, format: baseFormat, period: nil)
    case .max, .min:
      var best = firstUsed
      for p in used where agg == .max ? values[p]! > values[best]! : values[p]! < values[best]! { best = p }
      basis.aggregation = "\(agg.rawValue) of \(used.count) \(unitWord)values"
      return result(values[best]!, format: baseFormat, period: best)
    case .first:
      basis.aggregation = "first of \(used.count) \(unitWord)values"
      return result(values[firstUsed]!, format: baseFormat, period: firstUsed)
    case .last:
      basis.aggregation = "last of \(used.count) \(unitWord)values"
      return result(values[lastUsed]!, format: baseFormat, period: lastUsed)
    case .change:
      basis.aggregation = "change from \(grid.label(firstUsed)) to \(grid.label(lastUsed))"
      return result(
        values[lastUsed]! - values[firstUsed]!, format: baseFormat == .percent ? .pp : baseFormat,
        period: lastUsed)
    case .ratio:
      guard values[firstUsed]! != 0 else {
        return fail("the first value is 0, so the ratio is undefined", "agg")
      }
      basis.aggregation = "ratio of \(grid.label(lastUsed)) to \(grid.label(firstUsed))"
      return result(values[lastUsed]! / values[firstUsed]!, format: .ratio, period: lastUsed)
    case .sum:
      basis.aggregation = "sum of \(used.count) \(unitWord)values"
      return result(vals.reduce(0, +), format: baseFormat, period: nil)
    }
  }

  static func measureText(_ q: DataQuery, _ column: String) -> String {
    switch q.measure {
    case .share: return "share of \(column)"
    case .sum: return "sum of \(column)"
    case .count: return "count of rows"
    case .topShare: return "share of \(column) held by the top \(q.top ?? 0) \(q.by ?? "group")s"
    case .hhi: return "HHI of \(column) by \(q.by ?? "group")"
    case .rank: return "rank by \(column) among \(q.by ?? "group")s"
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
