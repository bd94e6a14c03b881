/// The columns of a dataset that the site's metrics, charts, tables and pages from data
/// use, and so what its rollup keeps: one row per day (when the dataset has a time
/// column) and combination of `keys`, with the row count, the sum of each of `measures`
/// and the lowest and highest value of each of `extremes`. Every later step reads the
/// rollup, never the rows.
public struct RollupPlan: Sendable, Hashable {
  /// Columns to group by: those that metrics filter, group, facet, look up or derive
  /// from, and the parameters of pages from data.
  public var keys: Set<String> = []
  /// Columns to sum.
  public var measures: Set<String> = []
  /// Columns whose lowest and highest values are kept (table `min:`/`max:` columns).
  public var extremes: Set<String> = []
  /// Whether every column is kept (each as a key, numeric ones summed too): for
  /// datasets loaded without knowing their uses (tests, tools).
  public var keepsEveryColumn = false

  /// A plan that keeps every column.
  public static let everyColumn: RollupPlan = {
    var plan = RollupPlan()
    plan.keepsEveryColumn = true
    return plan
  }()

  /// An empty plan (the rollup keeps the time column and the row count).
  public init(keys: Set<String> = [], measures: Set<String> = [], extremes: Set<String> = []) {
    self.keys = keys
    self.measures = measures
    self.extremes = extremes
  }

  /// The plan for a dataset's own declaration: its value column summed, its lookup key
  /// and the columns its `where:` and derived columns read kept.
  public static func declared(by spec: DatasetSpec) -> RollupPlan {
    var plan = RollupPlan()
    if let value = spec.value { plan.measures.insert(value) }
    if let key = spec.key { plan.keys.insert(key) }
    for filter in spec.filters { plan.keys.insert(filter.column) }
    for column in spec.derived {
      switch column.rule {
      case .lookup(let rule): plan.keys.formUnion(rule.keys)
      case .part(let from, _, _): plan.keys.insert(from)
      case .date(let parts): plan.keys.formUnion(parts)
      case .expression(let expression, _): plan.keys.formUnion(expression.columns)
      }
    }
    return plan
  }

  /// Both plans' columns.
  public mutating func merge(_ other: RollupPlan) {
    keepsEveryColumn = keepsEveryColumn || other.keepsEveryColumn
    keys.formUnion(other.keys)
    measures.formUnion(other.measures)
    extremes.formUnion(other.extremes)
  }

  /// The plan with derived columns replaced by nothing (they are computed after the
  /// rollup, from the columns they read, which the declaration's plan holds), and the
  /// time column left out of the keys (it is the rollup's day).
  public func sourceColumns(of spec: DatasetSpec) -> RollupPlan {
    let derived = Set(spec.derived.map(\.name))
    var plan = self
    plan.keys.subtract(derived)
    if let time = spec.time { plan.keys.remove(time) }
    plan.measures.subtract(derived)
    plan.extremes.subtract(derived)
    return plan
  }

  /// A stable text of the plan, for cache keys.
  public var description: String {
    (keepsEveryColumn ? "all;" : "") + "keys:" + keys.sorted().joined(separator: ",") + ";sum:"
      + measures.sorted().joined(separator: ",")
      + ";ext:" + extremes.sorted().joined(separator: ",")
  }
}
