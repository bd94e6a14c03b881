import GenCore

/// One value per period: what a metric aggregates and a single-series chart draws.
public struct PeriodSeries: Sendable {
  /// The periods.
  public var grid: PeriodGrid
  /// The value of each period; nil where it is missing (no data, empty universe).
  public var values: [Double?]
  /// The numerator of each period (for shares; the top-N sum for `top_share`).
  public var numerators: [Double]
  /// The universe of each period.
  public var universes: [Double]
  /// Whether the data covers each period only partly.
  public var partial: [Bool]
  /// Whether each period is inside the query's `from`–`to` range.
  public var inRange: [Bool]
  /// What was measured.
  public var measure: Measure
  /// The measure column's name, or `rows`.
  public var measureName: String
  /// For measures over groups (`top_share`, `hhi`, `rank`): the groups, and each
  /// period's sum per group (period-major).
  public var groupNames: [String] = []
  public var groupSums: [Double] = []
  /// For `rank`: the group ranked.
  public var rankedGroup: String?

  /// The group with the largest sum over `periods` (ties: the first in the data), if any.
  public func leadingGroup(over periods: [Int]) -> String? {
    let g = groupNames.count
    guard g > 0, groupSums.count >= (periods.max() ?? 0) * g + g else { return nil }
    let totals = (0..<g).map { k in periods.reduce(0.0) { $0 + groupSums[$1 * g + k] } }
    guard
      let best = totals.indices.max(by: { totals[$0] < totals[$1] || totals[$0] == totals[$1] && $0 > $1 }),
      totals[best] > 0
    else { return nil }
    return groupNames[best]
  }
}

extension QueryEngine {
  /// The per-period values of a query, before partial periods are dropped and before
  /// any rolling mean or aggregation.
  public func series(_ q: DataQuery, into diagnostics: inout Diagnostics) -> PeriodSeries? {
    guard let resolved = resolve(q, into: &diagnostics) else { return nil }
    let grouped = [.topShare, .hhi, .rank].contains(q.measure)
    let (acc, den) = accumulate(resolved, grouped: grouped)
    let n = resolved.grid.count
    var values = [Double?](repeating: nil, count: n)
    var numerators = acc.num
    var universes = den?.uni ?? acc.uni
    let g = acc.groups
    for p in 0..<n {
      guard acc.present[p] > 0, den.map({ $0.present[p] > 0 }) ?? true else { continue }
      switch q.measure {
      case .share:
        if universes[p] > 0 { values[p] = acc.num[p] / universes[p] }
      case .mean, .ratio:
        // Missing where nothing is divided by (no row with a value), as a mean of nothing.
        if universes[p] != 0 { values[p] = acc.num[p] / universes[p] }
      case .sum, .count:
        values[p] = acc.num[p]
      case .topShare:
        let sums = (0..<g).map { acc.groupSums[p * g + $0] }.sorted(by: >)
        let top = sums.prefix(q.top ?? 1).reduce(0, +)
        numerators[p] = top
        // The universe is the period's rows matching `within` (or the denominator), as
        // for `share`: rows without a group, or outside `where`, still belong to it.
        if universes[p] > 0 { values[p] = top / universes[p] }
      case .hhi:
        let sums = (0..<g).map { acc.groupSums[p * g + $0] }
        // Shares of the universe, as for `share` and `top_share` (docs/metrics.md).
        let total = universes[p]
        if total > 0 { values[p] = sums.reduce(0) { $0 + ($1 / total * 100) * ($1 / total * 100) } }
      case .rank:
        guard let target = resolved.rankTarget else { continue }
        let sums = acc.groupSums[(p * g)..<(p * g + g)]
        values[p] = Ranking.rank(of: acc.groupSums[p * g + target], among: sums).map(Double.init)
      }
    }
    if q.measure == .count { universes = acc.uni }
    var series = PeriodSeries(
      grid: resolved.grid, values: values, numerators: numerators, universes: universes,
      partial: resolved.partial, inRange: resolved.inRange, measure: q.measure,
      measureName: resolved.measureName)
    if grouped, let dictionary = resolved.groups?.dictionary {
      series.groupNames = dictionary
      series.groupSums = acc.groupSums
      series.rankedGroup = resolved.rankTarget.map { dictionary[$0] }
    }
    return series
  }
}
