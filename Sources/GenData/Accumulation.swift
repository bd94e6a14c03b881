import GenCore

/// The measure read from each rollup row.
enum MeasureColumn: Sendable {
  /// The number of source rows in each rollup row.
  case count([Int64])
  case integer([Int64])
  case decimal([Double])
}

/// Per-period sums of one pass over a dataset's rows.
struct Accumulation: Sendable {
  /// Σ measure over rows matching `within` and `where`, per period.
  var num: [Double]
  /// Σ measure over rows matching `within`, per period.
  var uni: [Double]
  /// Rows of the dataset in each period, before any filter.
  var present: [Int]
  /// Number of groups (0 when not grouped).
  var groups: Int
  /// Σ measure over rows matching `within` and `where`, per period and group: `[p * groups + g]`.
  var groupSums: [Double]

  init(periods: Int, groups: Int) {
    num = [Double](repeating: 0, count: periods)
    uni = num
    present = [Int](repeating: 0, count: periods)
    self.groups = groups
    groupSums = [Double](repeating: 0, count: periods * groups)
  }

  mutating func add(_ other: Accumulation) {
    for p in 0..<num.count {
      num[p] += other.num[p]
      uni[p] += other.uni[p]
      present[p] += other.present[p]
    }
    for i in 0..<groupSums.count { groupSums[i] += other.groupSums[i] }
  }

  /// One pass over the rows, split across cores for large tables.
  static func run(
    rows: Int, days: [Int32]?, grid: PeriodGrid, within: RowFilter, numerator: RowFilter,
    measure: MeasureColumn,
    groupCodes: [UInt32]?, groupCount: Int
  ) -> Accumulation {
    let parts = rows >= 1_000_000 ? 8 : 1
    let ranges = (0..<parts).map { k in (rows * k / parts)..<(rows * (k + 1) / parts) }
    let results = parallelMap(ranges) { range in
      var acc = Accumulation(periods: grid.count, groups: groupCount)
      switch measure {
      case .count(let v):
        v.withUnsafeBufferPointer { b in
          acc.loop(range, days, grid, within, numerator, groupCodes) { Double(b[$0]) }
        }
      case .integer(let v):
        v.withUnsafeBufferPointer { b in
          acc.loop(range, days, grid, within, numerator, groupCodes) {
            b[$0] == Missing.integer ? .nan : Double(b[$0])
          }
        }
      case .decimal(let v):
        v.withUnsafeBufferPointer { b in acc.loop(range, days, grid, within, numerator, groupCodes) { b[$0] }
        }
      }
      return acc
    }
    var total = results[0]
    for r in results.dropFirst() { total.add(r) }
    return total
  }

  @inline(__always)
  private mutating func loop(
    _ range: Range<Int>, _ days: [Int32]?, _ grid: PeriodGrid, _ within: RowFilter, _ numerator: RowFilter,
    _ groupCodes: [UInt32]?, _ value: (Int) -> Double
  ) {
    let groups = self.groups
    for r in range {
      let p: Int
      if let days {
        let d = days[r]
        if d == Missing.date { continue }
        p = grid.period(of: d)
        if p < 0 { continue }
      } else {
        p = 0
      }
      present[p] += 1
      if !within.isEmpty && !within.matches(r) { continue }
      let v = value(r)
      if v.isNaN { continue }
      uni[p] += v
      if !numerator.isEmpty && !numerator.matches(r) { continue }
      num[p] += v
      if let groupCodes {
        let g = groupCodes[r]
        if g != Missing.code { groupSums[p * groups + Int(g)] += v }
      }
    }
  }
}
