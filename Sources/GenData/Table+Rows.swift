import GenCore

extension Table {
  /// The table with only the given rows (ascending indices), in their order. Text
  /// columns are re-encoded so that their dictionaries hold only values still present,
  /// in order of first appearance.
  public func keeping(rows: [Int]) -> Table {
    Table(name: name, path: path, columns: columns.map { $0.keeping(rows: rows) }, rowCount: rows.count)
  }
}

extension Column {
  /// The column with only the given rows.
  func keeping(rows: [Int]) -> Column {
    switch storage {
    case .date(let v): return Column(name: name, storage: .date(rows.map { v[$0] }))
    case .integer(let v): return Column(name: name, storage: .integer(rows.map { v[$0] }))
    case .decimal(let v): return Column(name: name, storage: .decimal(rows.map { v[$0] }))
    case .text(let codes, let dictionary):
      var remap = [UInt32](repeating: Missing.code, count: dictionary.count)
      var kept: [String] = []
      let newCodes = rows.map { r -> UInt32 in
        let c = codes[r]
        guard c != Missing.code else { return c }
        if remap[Int(c)] == Missing.code {
          remap[Int(c)] = UInt32(kept.count)
          kept.append(dictionary[Int(c)])
        }
        return remap[Int(c)]
      }
      return Column(name: name, storage: .text(codes: newCodes, dictionary: kept))
    }
  }
}
