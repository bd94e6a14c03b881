import GenCore

/// Reduces a table read whole (a JSON file, a loader's JSON) to its rollup, as a CSV
/// file is reduced while it is read.
enum TableRollup {
  static func reduce(
    _ table: Table, spec: DatasetSpec, plan: RollupPlan, stats: DatasetStats,
    into diagnostics: inout Diagnostics
  ) -> Rollup? {
    let names = Set(table.columnNames)
    let time = spec.time.flatMap { table.column($0) }
    guard checkTime(spec, table, time, &diagnostics) else { return nil }
    let numeric = { (name: String) in
      table.column(name).map { $0.type == .integer || $0.type == .decimal } ?? false
    }
    let every = plan.keepsEveryColumn ? Set(table.columnNames) : []
    let keys = plan.keys.union(every).filter { names.contains($0) && $0 != spec.time }.sorted()
    let measures = plan.measures.union(every).filter(numeric).sorted()
    let extremes = plan.extremes.union(every).filter(numeric).sorted()
    var accumulator = RollupAccumulator(keys: keys.count, measures: measures.count, extremes: extremes.count)
    let keyColumns = keys.map { table.column($0)! }
    let measureColumns = measures.map { table.column($0)! }
    let extremeColumns = extremes.map { table.column($0)! }
    var key = [UInt32](repeating: 0, count: keys.count + 1)
    for r in 0..<table.rowCount {
      if case .date(let days)? = time?.storage {
        key[0] = UInt32(bitPattern: days[r])
      } else {
        key[0] = UInt32(bitPattern: Missing.date)
      }
      for (k, column) in keyColumns.enumerated() {
        if let text = column.string(at: r) {
          var bytes = Array(text.utf8)
          key[k + 1] = bytes.withUnsafeMutableBufferPointer {
            accumulator.code(key: k, UnsafePointer($0.baseAddress!), $0.count, offset: -1)
          }
        } else {
          key[k + 1] = Missing.code
        }
      }
      let row = key.withUnsafeBufferPointer { accumulator.row($0) }
      accumulator.addCount(row, 1)
      for (m, column) in measureColumns.enumerated() {
        guard let v = column.number(at: r) else { continue }
        let whole: Int64? = if case .integer(let ints) = column.storage { ints[r] } else { nil }
        accumulator.addSum(row, measure: m, whole: whole, value: v, present: 1)
      }
      for (e, column) in extremeColumns.enumerated() {
        if let v = column.number(at: r) { accumulator.addExtreme(row, extreme: e, low: v, high: v) }
      }
    }
    let parts = RollupParts(
      accumulators: [accumulator], time: spec.time, keys: keys, measures: measures, extremes: extremes,
      declaredTypes: spec.columnTypes, sourceColumns: table.columns.map { ($0.name, $0.type) },
      name: spec.name,
      path: spec.file, locate: nil)
    var finalStats = stats
    finalStats.rowsScanned = table.rowCount
    return RollupAssembler.assemble(parts, stats: finalStats, into: &diagnostics)
  }

  /// The time and value columns must be there, dated and numeric.
  static func checkTime(
    _ spec: DatasetSpec, _ table: Table, _ time: Column?, _ diagnostics: inout Diagnostics
  ) -> Bool {
    let mark = diagnostics.count
    DatasetLoader.check(spec, table, &diagnostics)
    return !diagnostics.hasErrors(since: mark)
  }
}
