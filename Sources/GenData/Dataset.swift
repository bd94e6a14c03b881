import GenCore

/// A loaded dataset: its table, its declaration, and where it sits in time.
public struct Dataset: Sendable {
  /// The declaration.
  public var spec: DatasetSpec
  /// The data.
  public var table: Table
  /// Days of the time column (missing = `Missing.date`), when the dataset has one.
  public var days: [Int32]?
  /// Which days the data covers, judged by its granularity.
  public var coverage: Coverage?

  /// The dataset's name.
  public var name: String { spec.name }

  /// Creates a dataset and works out its coverage from the time column.
  public init(spec: DatasetSpec, table: Table) {
    self.spec = spec
    self.table = table
    if let time = spec.time, let column = table.column(time), case .date(let values) = column.storage {
      days = values
      let distinct = Dataset.sortedDistinct(values)
      coverage = Coverage(sortedDistinct: distinct, granularity: Granularity.detect(distinct))
    }
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
}
