/// How gen ranks groups, shared by the `rank` metric and rank charts so that both
/// give the same number for the same data.
public enum Ranking {
  /// The standard competition rank of `value` among `values` (1 = largest; groups with
  /// equal values share a rank, and the next rank skips: 1, 2, 2, 4). Nil for a group
  /// with nothing in the period (a value of 0 or less), which is not ranked.
  public static func rank(of value: Double, among values: some Sequence<Double>) -> Int? {
    guard value > 0 else { return nil }
    return 1 + values.reduce(0) { $0 + ($1 > value ? 1 : 0) }
  }

  /// The rank of every value at once (the same rule as `rank(of:among:)`), in
  /// O(n log n): one sort instead of one scan per value.
  public static func ranks(_ values: [Double]) -> [Int?] {
    let order = values.indices.filter { values[$0] > 0 }.sorted { values[$0] > values[$1] }
    var out = [Int?](repeating: nil, count: values.count)
    for (position, index) in order.enumerated() {
      if position > 0, values[order[position - 1]] == values[index] {
        out[index] = out[order[position - 1]]
      } else {
        out[index] = position + 1
      }
    }
    return out
  }
}
