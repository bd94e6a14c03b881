import GenCore

/// A dataset reduced to what the site uses (see ``RollupPlan``): one row per day and
/// combination of key values, in a stable order (by day, then by the keys' values),
/// whatever the source and the order its rows came in. Every later step reads the
/// rollup, never the rows.
public struct Rollup: Sendable {
  /// The time column (as days) and the key columns, typed; derived columns are added to it.
  public var table: Table
  /// Rows of the source in each rollup row.
  public var counts: [Int64]
  /// The summed columns.
  public var measures: [String: RollupMeasure]
  /// The lowest and highest value of each extreme column per row (NaN where none).
  public var extremes: [String: (minimums: [Double], maximums: [Double])]
  /// Every column of the source with its type, in source order: for messages about
  /// columns the rollup does not hold.
  public var sourceColumns: [(name: String, type: ColumnType)]
  /// Where the rows came from and what reading them took.
  public var stats: DatasetStats

  /// The names of the source's columns.
  public var sourceColumnNames: [String] { sourceColumns.map(\.name) }

  /// The weight of each row for a measure column: its sum (0 where missing), or the
  /// number of source rows without a column.
  public func weights(of measure: String?) -> [Double] {
    if let measure, let sums = measures[measure] {
      return (0..<counts.count).map { sums.number(at: $0) ?? 0 }
    }
    return counts.map(Double.init)
  }

  /// Every column a query may name: the source's, then the derived ones.
  public var columnNames: [String] {
    var names = sourceColumnNames
    for column in table.columnNames where !names.contains(column) { names.append(column) }
    return names
  }

  /// The type of a source column.
  public func sourceType(of column: String) -> ColumnType? {
    sourceColumns.first { $0.name == column }?.type
  }

  /// The number of rows of the source.
  public var sourceRows: Int { Int(counts.reduce(0, +)) }
}

/// The sums of one column per rollup row.
public struct RollupMeasure: Sendable {
  /// Σ of the column: `.integer` when every value was whole, else `.decimal`; missing
  /// where no row of the group had a value.
  public var sums: ColumnStorage
  /// Rows of the group with a value in the column.
  public var present: [Int64]

  /// The sum of row `i` as a number, nil when missing.
  @inline(__always)
  public func number(at i: Int) -> Double? {
    switch sums {
    case .integer(let v): return v[i] == Missing.integer ? nil : Double(v[i])
    case .decimal(let v): return v[i].isNaN ? nil : v[i]
    default: return nil
    }
  }
}

/// Where a dataset's rows came from and what reading them took, for `gen build
/// --verbose` and `gen metrics --json`.
public struct DatasetStats: Sendable, Hashable {
  /// The source, in words: `content/data/usage.csv`, `postgres table analytics.usage`.
  public var source: String
  /// Rows read from the source (after the database reduced them, for SQL sources: the
  /// rows the database scanned are not known to gen).
  public var rowsScanned: Int
  /// Rows of the rollup.
  public var rollupRows: Int
  /// Bytes read from the file, or received from the database.
  public var bytes: Int
  /// Time taken, in milliseconds.
  public var milliseconds: Double
  /// Whether the rollup came from `.gen-cache/` rather than the source.
  public var cached: Bool

  /// Stats of a source.
  public init(
    source: String, rowsScanned: Int = 0, rollupRows: Int = 0, bytes: Int = 0, milliseconds: Double = 0,
    cached: Bool = false
  ) {
    self.source = source
    self.rowsScanned = rowsScanned
    self.rollupRows = rollupRows
    self.bytes = bytes
    self.milliseconds = milliseconds
    self.cached = cached
  }
}

extension DatasetStats {
  /// Milliseconds since `start`.
  public static func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
  }
}

extension Rollup {
  /// The rollup with only the given rows (ascending indices), in their order.
  public func keeping(rows: [Int]) -> Rollup {
    var kept = self
    kept.table = table.keeping(rows: rows)
    kept.counts = rows.map { counts[$0] }
    kept.measures = measures.mapValues { measure in
      let sums: ColumnStorage
      switch measure.sums {
      case .integer(let v): sums = .integer(rows.map { v[$0] })
      case .decimal(let v): sums = .decimal(rows.map { v[$0] })
      default: sums = measure.sums
      }
      return RollupMeasure(sums: sums, present: rows.map { measure.present[$0] })
    }
    kept.extremes = extremes.mapValues { values in
      (rows.map { values.minimums[$0] }, rows.map { values.maximums[$0] })
    }
    kept.stats.rollupRows = rows.count
    return kept
  }
}

extension Rollup {
  /// Makes a numeric derived column summable: a derived value is the same for every source
  /// row of a rollup row (it is a function of the row's keys), so its sum there is the
  /// value times the row's count. Also its lowest and highest value, for tables.
  mutating func addDerivedMeasure(_ name: String) {
    guard let column = table.column(name) else { return }
    let present = (0..<counts.count).map { column.number(at: $0) == nil ? 0 : counts[$0] }
    switch column.storage {
    case .integer(let values):
      let sums = values.indices.map { i -> Int64 in
        guard values[i] != Missing.integer else { return Missing.integer }
        let (product, overflow) = values[i].multipliedReportingOverflow(by: counts[i])
        return overflow ? Missing.integer : product
      }
      measures[name] = RollupMeasure(sums: .integer(sums), present: present)
    case .decimal(let values):
      measures[name] = RollupMeasure(
        sums: .decimal(values.indices.map { values[$0] * Double(counts[$0]) }), present: present)
    default:
      return
    }
    let numbers = (0..<counts.count).map { column.number(at: $0) ?? .nan }
    extremes[name] = (numbers, numbers)
  }
}

extension Rollup {
  /// The rollup with its rows in day order (`time`, a date column), rows of one day in
  /// their order before: for a time column derived after reading.
  func sortedByDay(_ time: String) -> Rollup {
    guard case .date(let days)? = table.column(time)?.storage else { return self }
    let order = days.indices.sorted { days[$0] != days[$1] ? days[$0] < days[$1] : $0 < $1 }
    return keeping(rows: order)
  }
}
