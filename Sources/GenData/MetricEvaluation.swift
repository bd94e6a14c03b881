import GenCore

/// The evaluation of one metric from its per-period series: partial periods left out
/// (unless included), the rolling mean, then one period or an aggregation, with the
/// basis that says what the value rests on.
struct MetricEvaluation {
  /// The key of a metric a problem is about: a data key or one of the metric's own.
  enum Key {
    case query(DataQuery.Key)
    case metric(MetricSpec.Key)
  }

  /// Why the metric has no value: the message, the spec key it is about, and a hint.
  struct Problem {
    var message: String
    var key: Key
    var hint: String?
  }

  /// Where a key of the metric is written.
  func location(of key: Key) -> SourceLocation {
    switch key {
    case .query(let k): return q.location(of: k)
    case .metric(let k): return spec.location(of: k)
    }
  }

  let spec: MetricSpec
  let series: PeriodSeries
  /// The values used: partial periods removed unless included, rolling mean applied.
  let values: [Double?]
  var basis: MetricBasis
  private(set) var problem: Problem?
  private let span: String

  var q: DataQuery { spec.query }
  var grid: PeriodGrid { series.grid }
  var exclude: Bool { q.partial == .exclude }
  var baseFormat: ValueFormat { q.measure.defaultFormat }

  init(spec: MetricSpec, series: PeriodSeries, engine: QueryEngine) {
    self.spec = spec
    self.series = series
    let q = spec.query
    var values = series.values
    if q.partial == .exclude { for p in values.indices where series.partial[p] { values[p] = nil } }
    if let k = q.rolling, k > 1 { values = Self.rollingMean(values, k) }
    self.values = values
    let coverage = engine.datasets[q.data]?.coverage
    span =
      coverage.flatMap { c in c.first.flatMap { f in c.last.map { "\(f.longLabel) – \($0.longLabel)" } } }
      ?? ""
    basis = MetricBasis(
      dataset: q.data, measure: MetricEvaluator.measureText(q, series.measureName),
      filters: q.filters.map(\.summary), within: q.within.map(\.summary),
      denominator: q.denominator.map { d in
        "\(d.value ?? engine.datasets[d.data]?.valueColumn ?? "rows") of '\(d.data)'"
          + (d.filters.isEmpty ? "" : " where " + d.filters.map(\.summary).joined(separator: ", "))
      }, unit: q.per?.rawValue, aggregation: nil, periods: [], excludedPartial: [], includedPartial: [])
  }

  /// The mean of each window of `k` periods ending at a period; nil where one is missing.
  static func rollingMean(_ base: [Double?], _ k: Int) -> [Double?] {
    base.indices.map { p in
      guard p + 1 >= k else { return nil }
      let window = base[(p + 1 - k)...p]
      guard window.allSatisfy({ $0 != nil }) else { return nil }
      return window.reduce(0) { $0 + $1! } / Double(k)
    }
  }

  /// The metric's value; nil with ``problem`` set when it has none.
  mutating func value() -> MetricValue? {
    let candidates = (0..<grid.count).filter { series.inRange[$0] }
    if let at = q.at { return valueAt(at) }
    basis.excludedPartial = exclude ? candidates.filter { series.partial[$0] }.map { grid.label($0) } : []
    basis.includedPartial = exclude ? [] : candidates.filter { series.partial[$0] }.map { grid.label($0) }
    let used = candidates.filter { values[$0] != nil }
    basis.periods = used.map { grid.label($0) }
    guard let agg = spec.agg else { return singleValue(candidates) }
    guard !used.isEmpty else {
      let reason =
        candidates.isEmpty
        ? "no \(q.per?.rawValue ?? "period") of the data falls in the range" : missingReason(candidates[0])
      return fail(reason, q.from != nil ? .query(.from) : .metric(.agg))
    }
    return aggregate(agg, used)
  }

  /// `at:`: the one period holding that day.
  private mutating func valueAt(_ at: Day) -> MetricValue? {
    let p = grid.period(of: at.index)
    guard p >= 0 else { return fail("\(at) is outside the data of '\(q.data)' (\(span))", .query(.at)) }
    basis.periods = [grid.label(p)]
    if series.partial[p], !exclude { basis.includedPartial.append(grid.label(p)) }
    guard let v = values[p] else {
      return fail(
        missingReason(p), .query(.at),
        hint: series.partial[p] && exclude ? "add 'partial: include' to use it anyway" : nil)
    }
    return result(v, format: baseFormat, period: p)
  }

  /// No `agg`: the range must be one period.
  private mutating func singleValue(_ candidates: [Int]) -> MetricValue? {
    guard candidates.count == 1 else {
      return fail(
        "the range holds \(candidates.count) \(q.per?.plural ?? "periods"); say which value is wanted",
        .query(.data),
        hint: "add 'agg:' (mean, pooled, max, min, first, last, change, ratio, sum) or 'at: DATE'")
    }
    let p = candidates[0]
    guard let v = values[p] else {
      return fail(
        missingReason(p), q.from != nil ? .query(.from) : .query(.data),
        hint: series.partial[p] && exclude ? "add 'partial: include' to use it anyway" : nil)
    }
    return result(v, format: baseFormat, period: q.per == nil ? nil : p)
  }

  /// An aggregation over the periods with a value (at least one).
  private mutating func aggregate(_ agg: Aggregation, _ used: [Int]) -> MetricValue? {
    let firstUsed = used[0]
    let lastUsed = used[used.count - 1]
    let vals = used.map { values[$0]! }
    let unitWord = q.per.map { "\(MetricEvaluator.adjective($0)) " } ?? ""
    switch agg {
    case .mean:
      basis.aggregation = "mean of \(used.count) \(unitWord)values"
      return result(vals.reduce(0, +) / Double(vals.count), format: baseFormat, period: nil)
    case .pooled:
      guard [.share, .topShare, .mean, .ratio].contains(q.measure) else {
        return fail(
          "'pooled' combines shares, means and ratios; measure '\(q.measure.rawValue)' is none of them",
          .metric(.agg), hint: "use 'sum' or 'mean'")
      }
      let num = used.reduce(0) { $0 + series.numerators[$1] }
      let uni = used.reduce(0) { $0 + series.universes[$1] }
      guard uni > 0 else { return fail("the universe is empty over the range", .metric(.agg)) }
      basis.aggregation = "pooled over \(used.count) \(unitWord)periods (Σ numerator / Σ universe)"
      return result(num / uni, format: baseFormat, period: nil)
    case .max, .min:
      var best = firstUsed
      for p in used where agg == .max ? values[p]! > values[best]! : values[p]! < values[best]! { best = p }
      basis.aggregation = "\(agg.rawValue) of \(used.count) \(unitWord)values"
      return result(values[best]!, format: baseFormat, period: best)
    case .first, .last:
      let p = agg == .first ? firstUsed : lastUsed
      basis.aggregation = "\(agg.rawValue) of \(used.count) \(unitWord)values"
      return result(values[p]!, format: baseFormat, period: p)
    case .change:
      basis.aggregation = "change from \(grid.label(firstUsed)) to \(grid.label(lastUsed))"
      return result(
        values[lastUsed]! - values[firstUsed]!, format: baseFormat == .percent ? .pp : baseFormat,
        period: lastUsed)
    case .ratio:
      guard values[firstUsed]! != 0 else {
        return fail("the first value is 0, so the ratio is undefined", .metric(.agg))
      }
      basis.aggregation = "ratio of \(grid.label(lastUsed)) to \(grid.label(firstUsed))"
      return result(values[lastUsed]! / values[firstUsed]!, format: .ratio, period: lastUsed)
    case .sum:
      basis.aggregation = "sum of \(used.count) \(unitWord)values"
      return result(vals.reduce(0, +), format: baseFormat, period: nil)
    }
  }

  /// The value with its format, period and series.
  private mutating func result(_ value: Double, format: ValueFormat, period: Int?) -> MetricValue? {
    if spec.format == .date, period == nil {
      return fail(
        "'format: date' shows the period a value belongs to, and this value has none", .metric(.format),
        hint: "use it with 'at:', 'per:' and 'agg: max', 'min', 'first' or 'last', or another format")
    }
    var metric = MetricValue(
      name: spec.name, value: value, format: spec.format ?? format,
      digits: spec.digits ?? (q.measure == .hhi && format == .number ? 0 : nil), unit: q.per,
      period: period.map { grid.label($0) }, periodStart: period.map { grid.starts[$0] }, basis: basis,
      location: spec.location, label: spec.label)
    // The leading group over the periods the value stands for: its own, or all it used.
    let periods = period.map { [$0] } ?? (0..<grid.count).filter { series.inRange[$0] && values[$0] != nil }
    metric.group = series.rankedGroup ?? series.leadingGroup(over: periods)
    if q.per != nil {
      let shown = (0..<grid.count).filter { series.inRange[$0] }
      metric.series = shown.map { values[$0] }
      metric.seriesPartial = shown.map { series.partial[$0] }
    }
    return metric
  }

  /// Why period `p` has no value.
  private func missingReason(_ p: Int) -> String {
    if series.partial[p] && exclude {
      return "\(grid.label(p)) is only partly covered by the data (\(span))"
    }
    if series.values[p] == nil {
      return q.measure == .share || q.measure == .topShare
        ? "no rows in the universe in \(grid.label(p))" : "no data in \(grid.label(p))"
    }
    return "not enough periods before \(grid.label(p)) for a rolling mean of \(q.rolling ?? 1)"
  }

  private mutating func fail(_ message: String, _ key: Key, hint: String? = nil) -> MetricValue? {
    problem = Problem(message: message, key: key, hint: hint)
    return nil
  }
}
