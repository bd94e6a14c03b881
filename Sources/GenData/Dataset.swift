import GenCore

/// A loaded dataset: its declaration, its rollup (the rows its uses need), and where it
/// sits in time.
public struct Dataset: Sendable {
  /// The declaration.
  public var spec: DatasetSpec
  /// The data, reduced.
  public var rollup: Rollup
  /// Days of the rollup's rows (missing = `Missing.date`), when the dataset has a time column.
  public var days: [Int32]?
  /// Which days the data covers, judged by its granularity.
  public var coverage: Coverage?

  /// The dataset's name.
  public var name: String { spec.name }
  /// The rollup's table: the time column, key columns and derived columns.
  public var table: Table { rollup.table }
  /// Every column a query may name: the source's and the derived ones.
  public var columnNames: [String] { rollup.columnNames }

  /// Creates a dataset and works out its coverage from the time column.
  public init(spec: DatasetSpec, rollup: Rollup) {
    self.spec = spec
    self.rollup = rollup
    if let time = spec.time, let column = rollup.table.column(time), case .date(let values) = column.storage {
      days = values
      let distinct = Dataset.sortedDistinct(values)
      coverage = Coverage(sortedDistinct: distinct, granularity: Granularity.detect(distinct))
    }
  }

  /// A dataset from a table read whole, keeping every column (its numbers summed too):
  /// for tests and for tables built in memory.
  public init(spec: DatasetSpec, table: Table) {
    let numeric = table.columns.filter { $0.type == .integer || $0.type == .decimal }.map(\.name)
    let plan = RollupPlan(keys: Set(table.columnNames), measures: Set(numeric), extremes: Set(numeric))
    var ignored = Diagnostics()
    let rollup =
      TableRollup.reduce(
        table, spec: spec, plan: plan.sourceColumns(of: spec), stats: DatasetStats(source: spec.file),
        into: &ignored)
      ?? Rollup(
        table: Table(name: spec.name, path: spec.file, columns: [], rowCount: 0), counts: [], measures: [:],
        extremes: [:], sourceColumns: table.columns.map { ($0.name, $0.type) },
        stats: DatasetStats(source: spec.file))
    self.init(spec: spec, rollup: rollup)
  }

  /// The distinct days of a time column, sorted, without missing values. Days span a
  /// few thousand values at most, so a bitmap over their range does in one pass what a
  /// hash set would do with an allocation per distinct value and a sort.
  static func sortedDistinct(_ values: [Int32]) -> [Int32] {
    var low = Int32.max
    var high = Int32.min
    for v in values where v != Missing.date {
      low = min(low, v)
      high = max(high, v)
    }
    guard low <= high else { return [] }
    let span = Int(high) - Int(low) + 1
    guard span <= 50_000_000 else {
      return Array(Set(values.filter { $0 != Missing.date })).sorted()
    }
    var seen = [Bool](repeating: false, count: span)
    for v in values where v != Missing.date { seen[Int(v) - Int(low)] = true }
    return seen.indices.filter { seen[$0] }.map { Int32(Int(low) + $0) }
  }

  /// The default measure column: `value:` of the declaration.
  public var valueColumn: String? { spec.value }

  /// Text codes for any column: a text column's own codes, or codes built from the
  /// text form of other types (in order of first appearance).
  public func codes(of column: String) -> (codes: [UInt32], dictionary: [String])? {
    table.column(column).map(Dataset.textCodes(of:))
  }

  /// The weight of each rollup row for a measure column: its sum (0 where missing), or
  /// the number of source rows without a column.
  public func weights(of measure: String?) -> [Double] { rollup.weights(of: measure) }
}

extension Dataset {
  /// Reports a column a query names that the dataset's rollup does not hold: a typo
  /// (with the nearest names), or a column of the source the reduction left out.
  func reportMissingColumn(_ name: String, at location: SourceLocation?, into diagnostics: inout Diagnostics)
  {
    if rollup.sourceType(of: name) != nil {
      // The planner keeps every column a page, metric or template names; one it missed
      // is gen's fault, not the author's.
      diagnostics.error(
        "column '\(name)' of dataset '\(self.name)' was left out when its data was reduced", at: location,
        hint: "gen did not see this use of '\(name)' when planning which columns to keep; "
          + "this is a bug in gen, please report it with the page or template that names '\(name)'")
    } else {
      diagnostics.error(
        "dataset '\(self.name)' has no column '\(name)'", at: location,
        hint: Suggestion.hintOrList(for: name, in: columnNames, noun: "column"))
    }
  }
}
