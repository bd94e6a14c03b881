import GenCore

extension QueryEngine {
  /// For each group of the query's `by`: the lowest (or highest) value of a numeric
  /// column over the rows the query counts (matching `within` and `where`, in its range),
  /// such as a model's best weekly rank. Groups without a value are left out.
  public func extremes(
    of column: String, _ q: DataQuery, lowest: Bool, location: SourceLocation,
    into diagnostics: inout Diagnostics
  ) -> [String: Double]? {
    guard let r = resolve(q, into: &diagnostics) else { return nil }
    guard let source = r.dataset.rollup.extremes[column] else {
      let known = r.dataset.rollup.sourceColumns.filter { $0.type == .integer || $0.type == .decimal }.map(
        \.name)
      diagnostics.error(
        "dataset '\(r.dataset.name)' has no numeric column '\(column)'", at: location,
        hint: Suggestion.hintOrList(for: column, in: known, noun: "numeric column"))
      return nil
    }
    guard let groups = r.groups else { return [:] }
    var best = [Double?](repeating: nil, count: groups.dictionary.count)
    for row in 0..<r.dataset.rollup.counts.count {
      if let days = r.dataset.days {
        guard days[row] != Missing.date else { continue }
        let p = r.grid.period(of: days[row])
        guard p >= 0, r.inRange[p] else { continue }
      }
      guard r.within.isEmpty || r.within.matches(row), r.numerator.isEmpty || r.numerator.matches(row),
        groups.codes[row] != Missing.code
      else { continue }
      let v = lowest ? source.minimums[row] : source.maximums[row]
      guard !v.isNaN else { continue }
      let g = Int(groups.codes[row])
      if let current = best[g] {
        best[g] = lowest ? min(current, v) : max(current, v)
      } else {
        best[g] = v
      }
    }
    var out: [String: Double] = [:]
    for (g, v) in best.enumerated() { if let v { out[groups.dictionary[g]] = v } }
    return out
  }
}
