import GenCore
import GenData

/// A group table's numbers: the groups of its `by` column over its range, and the
/// lowest or highest value of each `min:`/`max:` column per group.
public struct TableData: Sendable {
  /// The groups with their sums and shares per period.
  public var groups: GroupSeries
  /// For each `min:`/`max:` column (by its index in the spec's columns): the value per group.
  public var extremes: [Int: [String: Double]]

  /// Computes a group table's numbers; nil after reporting what prevents it.
  public static func build(_ spec: TableSpec, engine: QueryEngine, into diagnostics: inout Diagnostics)
    -> TableData?
  {
    guard let query = spec.query,
      let groups = engine.groupSeries(query, top: query.top ?? 10, fillRemainder: false, into: &diagnostics)
    else { return nil }
    let usesShares = spec.columns.contains { [.share, .change, .sparkline].contains($0) }
    if usesShares, let problem = groups.impossibleShare {
      diagnostics.error(
        "table: " + problem, at: spec.location,
        hint: "shares need values of 0 or more and a universe that holds the groups; use only 'sum'")
      return nil
    }
    var extremes: [Int: [String: Double]] = [:]
    let mark = diagnostics.count
    for (k, column) in spec.columns.enumerated() {
      guard case .extreme(let name, let lowest, _, let location) = column else { continue }
      if let values = engine.extremes(of: name, query, lowest: lowest, location: location, into: &diagnostics)
      {
        extremes[k] = values
      }
    }
    if diagnostics.hasErrors(since: mark) { return nil }
    return TableData(groups: groups, extremes: extremes)
  }
}
