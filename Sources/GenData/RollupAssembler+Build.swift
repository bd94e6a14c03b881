import GenCore

extension RollupAssembler {
  /// The rollup's table (the time column as days, each key column typed), counts,
  /// measures and extremes, in row order.
  static func build(
    _ merged: RollupAccumulator, order: [Int], canonical: [Canonical], _ parts: RollupParts,
    stats: DatasetStats
  ) -> Rollup {
    var columns: [Column] = []
    if let time = parts.time {
      columns.append(
        Column(name: time, storage: .date(order.map { Int32(bitPattern: merged.key(of: $0).first!) })))
    }
    for (k, name) in parts.keys.enumerated() {
      let cells: [String?] = order.map { r in
        let key = merged.key(of: r)
        let code = key[key.startIndex + 1 + k]
        return code == Missing.code ? nil : canonical[k].texts[Int(code)]
      }
      // The texts are canonical for the type, so building cannot fail; text is the fallback.
      let column =
        (try? ColumnBuilder.build(name: name, cells: cells, declared: canonical[k].type))
        ?? (try? ColumnBuilder.build(name: name, cells: cells, declared: .text))
      if let column { columns.append(column) }
    }
    var measures: [String: RollupMeasure] = [:]
    for (m, name) in parts.measures.enumerated() {
      let present = order.map { merged.presentCount($0, measure: m) }
      let sums: ColumnStorage =
        merged.isWhole(m)
        ? .integer(
          order.map { r in
            merged.presentCount(r, measure: m) > 0 ? merged.wholeSum(r, measure: m) : Missing.integer
          })
        : .decimal(
          order.map { r in merged.presentCount(r, measure: m) > 0 ? merged.sum(r, measure: m) : .nan })
      measures[name] = RollupMeasure(sums: sums, present: present)
    }
    var extremes: [String: (minimums: [Double], maximums: [Double])] = [:]
    for (e, name) in parts.extremes.enumerated() {
      let low = order.map { r in merged.minimum(r, extreme: e).isFinite ? merged.minimum(r, extreme: e) : .nan
      }
      let high = order.map { r in
        merged.maximum(r, extreme: e).isFinite ? merged.maximum(r, extreme: e) : .nan
      }
      extremes[name] = (low, high)
    }
    var finalStats = stats
    finalStats.rollupRows = order.count
    finalStats.rowsScanned = Int(order.reduce(Int64(0)) { $0 + merged.countOf($1) })
    return Rollup(
      table: Table(name: parts.name, path: parts.path, columns: columns, rowCount: order.count),
      counts: order.map { merged.countOf($0) }, measures: measures, extremes: extremes,
      sourceColumns: parts.sourceColumns, stats: finalStats)
  }
}
