import GenCore

/// Values per group and period: what stacked, line, bar and slope charts and
/// `table` blocks draw. Groups beyond `top` are merged into "Other".
public struct GroupSeries: Sendable {
  /// The periods (only those in the query's range).
  public var grid: PeriodGrid
  /// Indices into `grid` of the periods shown, in order.
  public var periods: [Int]
  /// Whether each shown period is covered only partly.
  public var partial: [Bool]
  /// Group names, largest first; "Other" (when present) last.
  public var groups: [String]
  /// Whether each group is the merged remainder.
  public var isOther: [Bool]
  /// Σ measure per group and shown period: `sums[g][i]`.
  public var sums: [[Double]]
  /// The universe of each shown period.
  public var universes: [Double]
  /// Share of the universe per group and shown period; nil where the universe is empty.
  /// Within each period the shares of all groups (with "Other") add up to exactly 1.
  public var shares: [[Double?]]
  /// Σ over the pooled periods per group: the shown periods without partial ones,
  /// unless the query says `partial: include` or every shown period is partial.
  public var totals: [Double]
  /// Σ universe over the pooled periods.
  public var universeTotal: Double
  /// Labels of partial periods left out of `totals`.
  public var excludedPartial: [String]
  /// The measure column, or `rows`.
  public var measureName: String
  /// Whether the universe was taken from another dataset.
  public var hasDenominator: Bool

  /// The name given to the merged remainder.
  public static let otherName = "Other"

  /// A share below 0 or above 100%, or a negative universe, in a shown period: a message
  /// for an error, nil when every share can be read at face value.
  public var impossibleShare: String? {
    for i in periods.indices {
      if universes[i] < 0 || groups.indices.contains(where: { sums[$0][i] < 0 }) {
        return "\(label(i)) has negative values, so its shares cannot be read as parts of a whole"
      }
      for g in groups.indices {
        guard let v = shares[g][i], v < -1e-9 || v > 1 + 1e-9 else { continue }
        return "the share of '\(groups[g])' in \(label(i)) is \(NumberText.fixed(v * 100, digits: 1))%: "
          + (v < 0 ? "the measure has negative values" : "a group is larger than its universe")
      }
    }
    return nil
  }

  /// The label of shown period `i`.
  public func label(_ i: Int) -> String { grid.label(periods[i]) }
}

extension QueryEngine {
  /// Group sums and shares per period for charts and tables.
  ///
  /// - Parameters:
  ///   - q: the query; `by` names the groups (without it, one group holds the numerator).
  ///   - top: keep this many groups by their total over the range; the rest become "Other".
  ///   - fillRemainder: add the part of the universe outside the numerator (rows not
  ///     matching `where`, or not itemised in a denominator dataset) to "Other", so that
  ///     shares add up to 1.
  public func groupSeries(
    _ q: DataQuery, top: Int? = nil, fillRemainder: Bool = true, into diagnostics: inout Diagnostics
  ) -> GroupSeries? {
    guard let resolved = resolve(q, into: &diagnostics) else { return nil }
    let (acc, den) = accumulate(resolved, grouped: true)
    let shown = (0..<resolved.grid.count).filter { p in
      resolved.inRange[p] && acc.present[p] > 0 && (den.map { $0.present[p] > 0 } ?? true)
    }
    let names: [String]
    var rawSums: [[Double]]
    if let dictionary = resolved.groups?.dictionary {
      names = dictionary
      let g = acc.groups
      rawSums = (0..<g).map { k in shown.map { acc.groupSums[$0 * g + k] } }
    } else {
      names = [q.seriesName(measureName: resolved.measureName)]
      rawSums = [shown.map { acc.num[$0] }]
    }
    let universes = shown.map { den?.uni[$0] ?? acc.uni[$0] }
    // Totals pool complete periods only, as metrics do (a partial last week would
    // weigh less than it should); all of them when none is complete.
    let complete = shown.indices.filter { !resolved.partial[shown[$0]] }
    let poolsAll = q.partial == .include || complete.isEmpty
    let pooled = poolsAll ? Array(shown.indices) : complete
    let excludedPartial =
      poolsAll ? [] : shown.filter { resolved.partial[$0] }.map { resolved.grid.label($0) }
    func pooledSum(_ row: [Double]) -> Double { pooled.reduce(0) { $0 + row[$1] } }
    // Order groups by total, ties by name, and drop groups absent from the range.
    let totals = rawSums.map(pooledSum)
    var order = (0..<names.count).filter { totals[$0] != 0 || rawSums[$0].contains { $0 != 0 } }
    order.sort { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : names[$0] < names[$1] }
    let keep = top.map { min($0, order.count) } ?? order.count
    var groups = order.prefix(keep).map { names[$0] }
    var sums = order.prefix(keep).map { rawSums[$0] }
    var other = [Double](repeating: 0, count: shown.count)
    var hasOther = false
    for k in order.dropFirst(keep) {
      hasOther = true
      for i in 0..<shown.count { other[i] += rawSums[k][i] }
    }
    if fillRemainder {
      // The part of the universe outside the numerator belongs to "Other" too.
      for i in 0..<shown.count {
        let rest = universes[i] - (sums.reduce(0) { $0 + $1[i] } + other[i])
        if rest > universes[i] * 1e-12 {
          other[i] += rest
          hasOther = true
        }
      }
    }
    let isOther =
      hasOther ? Self.addOther(other, to: &groups, &sums) : Array(repeating: false, count: groups.count)
    let shares = Self.shares(sums, universes: universes, exactToOne: fillRemainder)
    return GroupSeries(
      grid: resolved.grid, periods: shown, partial: shown.map { resolved.partial[$0] }, groups: groups,
      isOther: isOther, sums: sums, universes: universes, shares: shares,
      totals: sums.map(pooledSum), universeTotal: pooledSum(universes), excludedPartial: excludedPartial,
      measureName: resolved.measureName,
      hasDenominator: resolved.denominator != nil)
  }
}

extension QueryEngine {
  /// Shares of each group per period; where they add up to 1 but for rounding, the last
  /// group takes 1 − Σ(others), so that each period adds up to exactly 1. A real excess (a
  /// denominator smaller than the itemised rows) is left visible rather than hidden in the
  /// last group.
  static func shares(_ sums: [[Double]], universes: [Double], exactToOne: Bool) -> [[Double?]] {
    var shares = sums.map { row in zip(row, universes).map { $1 > 0 ? $0 / $1 : nil } as [Double?] }
    guard exactToOne, let lastGroup = shares.indices.last else { return shares }
    for i in universes.indices where universes[i] > 0 {
      var partialSum = 0.0
      for g in 0..<lastGroup { partialSum += shares[g][i] ?? 0 }
      let last = shares[lastGroup][i] ?? 0
      if abs(partialSum + last - 1) < 1e-9 { shares[lastGroup][i] = 1 - partialSum }
    }
    return shares
  }
}

extension QueryEngine {
  /// Adds the merged remainder as the last group, "Other" (into a group of that name the
  /// data already has, moved last); returns which groups are "Other".
  static func addOther(_ other: [Double], to groups: inout [String], _ sums: inout [[Double]]) -> [Bool] {
    var isOther = Array(repeating: false, count: groups.count)
    if let existing = groups.firstIndex(of: GroupSeries.otherName) {
      for i in other.indices { sums[existing][i] += other[i] }
      let moved = (groups.remove(at: existing), sums.remove(at: existing))
      groups.append(moved.0)
      sums.append(moved.1)
      isOther.remove(at: existing)
    } else {
      groups.append(GroupSeries.otherName)
      sums.append(other)
    }
    isOther.append(true)
    return isOther
  }
}
