import GenCore

/// Builds a ``Rollup`` from rows that another engine has already grouped (a SQL
/// `GROUP BY` result, say): each row gives a day, the text of each key column, and
/// the row count, sums, counts of values and extremes of its group. Rows with equal keys
/// are merged, key values are typed and ordered exactly as for files, so a dataset
/// gives the same rollup whether a file or a database holds it.
public struct RollupBuilder {
  var accumulator: RollupAccumulator
  let parts: (time: String?, keys: [String], measures: [String], extremes: [String])
  var key: [UInt32]

  /// A builder for the given key, summed and extreme columns (in the order rows give them).
  public init(time: String?, keys: [String], measures: [String], extremes: [String]) {
    accumulator = RollupAccumulator(keys: keys.count, measures: measures.count, extremes: extremes.count)
    parts = (time, keys, measures, extremes)
    key = Array(repeating: 0, count: keys.count + 1)
  }

  /// One grouped row's aggregate of a summed column.
  public struct Sum {
    /// The sum as a whole number, when it is one and fits in 64 bits.
    public var whole: Int64?
    /// The sum.
    public var value: Double
    /// Rows of the group with a value.
    public var present: Int64

    /// A sum.
    public init(whole: Int64?, value: Double, present: Int64) {
      self.whole = whole
      self.value = value
      self.present = present
    }
  }

  /// Adds a grouped row. `keys` holds each key column's text (nil: missing), `sums` each
  /// summed column's aggregate (nil: no row had a value), `extremes` each extreme
  /// column's lowest and highest value (nil: none).
  public mutating func add(
    day: Day?, keys: [String?], count: Int64, sums: [Sum?], extremes: [(low: Double, high: Double)?]
  ) {
    key[0] = UInt32(bitPattern: day?.index ?? Missing.date)
    for (k, text) in keys.enumerated() {
      guard var text, !text.isEmpty else {
        key[k + 1] = Missing.code
        continue
      }
      key[k + 1] = text.withUTF8 { accumulator.code(key: k, $0.baseAddress!, $0.count, offset: -1) }
    }
    let row = key.withUnsafeBufferPointer { accumulator.row($0) }
    accumulator.addCount(row, count)
    for (m, sum) in sums.enumerated() {
      guard let sum, sum.present > 0 else { continue }
      accumulator.addSum(row, measure: m, whole: sum.whole, value: sum.value, present: sum.present)
    }
    for (e, extreme) in extremes.enumerated() {
      guard let extreme else { continue }
      accumulator.addExtreme(row, extreme: e, low: extreme.low, high: extreme.high)
    }
  }

  /// The rollup; nil after reporting key values that do not fit a declared type.
  public func rollup(
    _ spec: DatasetSpec, sourceColumns: [(name: String, type: ColumnType)], stats: DatasetStats,
    into diagnostics: inout Diagnostics
  ) -> Rollup? {
    let assembled = RollupParts(
      accumulators: [accumulator], time: parts.time, keys: parts.keys, measures: parts.measures,
      extremes: parts.extremes, declaredTypes: spec.columnTypes, sourceColumns: sourceColumns,
      name: spec.name,
      path: spec.file, locate: nil)
    return RollupAssembler.assemble(assembled, stats: stats, into: &diagnostics)
  }
}
