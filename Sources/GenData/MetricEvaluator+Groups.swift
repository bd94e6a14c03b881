import GenCore

extension MetricEvaluator {
  /// Whether a metric picks one group: `by:` with `agg: max` or `min` on a share, sum,
  /// count, mean or ratio ("the airline with the highest mean delay").
  static func picksAGroup(_ spec: MetricSpec) -> Bool {
    spec.query.by != nil && [.share, .sum, .count, .mean, .ratio].contains(spec.query.measure)
      && (spec.agg == .max || spec.agg == .min)
  }

  /// The group of `by` with the highest (`agg: max`) or lowest (`min`) value over the
  /// range's periods pooled (partial periods left out unless `partial: include`): its
  /// value, and `{{ name.group }}` its name. Groups without rows in the range take no part;
  /// ties go to the group whose name sorts first.
  static func acrossGroups(_ spec: MetricSpec, engine: QueryEngine, into diagnostics: inout Diagnostics)
    -> MetricValue?
  {
    let q = spec.query
    guard let r = engine.resolve(q, into: &diagnostics), let groups = r.groups else { return nil }
    let g = groups.dictionary.count
    // The numerator per group; the divisor (mean, ratio) is grouped below, on the same rows.
    let acc = Accumulation.run(
      rows: r.dataset.rollup.counts.count, days: r.dataset.days, grid: r.grid, within: r.within,
      numerator: r.numerator, measure: r.measure, groupCodes: groups.codes, groupCount: g)
    let rows = Accumulation.run(
      rows: r.dataset.rollup.counts.count, days: r.dataset.days, grid: r.grid, within: r.within,
      numerator: r.numerator, measure: .count(r.dataset.rollup.counts), groupCodes: groups.codes,
      groupCount: g)
    var divisors: [Double]?
    if let d = r.denominator, q.measure == .mean || q.measure == .ratio {
      divisors =
        Accumulation.run(
          rows: d.dataset.rollup.counts.count, days: d.dataset.days, grid: r.grid, within: d.filter,
          numerator: .all, measure: d.measure, groupCodes: groups.codes, groupCount: g
        ).groupSums
    }
    let periods = (0..<r.grid.count).filter { r.inRange[$0] && (q.partial == .include || !r.partial[$0]) }
    func total(_ sums: [Double], _ k: Int) -> Double { periods.reduce(0) { $0 + sums[$1 * g + k] } }
    let universe = periods.reduce(0) { $0 + acc.uni[$1] }
    var best: (value: Double, group: String)?
    for k in 0..<g where total(rows.groupSums, k) > 0 {
      let num = total(acc.groupSums, k)
      let value: Double?
      switch q.measure {
      case .share: value = universe > 0 ? num / universe : nil
      case .mean, .ratio: value = divisors.map { total($0, k) }.flatMap { $0 != 0 ? num / $0 : nil }
      default: value = num
      }
      guard let value else { continue }
      let name = groups.dictionary[k]
      if let current = best {
        let better = spec.agg == .max ? value > current.value : value < current.value
        guard better || value == current.value && name < current.group else { continue }
      }
      best = (value, name)
    }
    guard let best else {
      diagnostics.error(
        "metric '\(spec.name)': no group of '\(q.by ?? "")' has a value in the range", at: q.location,
        hint: periods.isEmpty ? "the range holds no complete period; add 'partial: include'" : nil)
      return nil
    }
    let used = periods.map { r.grid.label($0) }
    var basis = MetricBasis(
      dataset: q.data, measure: measureText(q, r.measureName), filters: q.filters.map(\.summary),
      within: q.within.map(\.summary), denominator: nil, unit: q.per?.rawValue,
      aggregation:
        "\(spec.agg == .max ? "highest" : "lowest") of \(g) \(q.by ?? "group") groups: \(best.group)",
      periods: used, excludedPartial: [], includedPartial: [])
    basis.excludedPartial = (0..<r.grid.count).filter {
      r.inRange[$0] && r.partial[$0] && q.partial == .exclude
    }
    .map { r.grid.label($0) }
    var metric = MetricValue(
      name: spec.name, value: best.value, format: spec.format ?? q.measure.defaultFormat, digits: spec.digits,
      unit: q.per, period: nil, periodStart: nil, basis: basis, location: spec.location, label: spec.label)
    metric.group = best.group
    return metric
  }
}
