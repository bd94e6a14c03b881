import GenCore

/// What a reader hands over once it has read a source: its accumulators (one per core
/// for CSV) and what their columns are.
struct RollupParts {
  var accumulators: [RollupAccumulator]
  /// The time column, when the dataset has one (its days are the rows' first key).
  var time: String?
  /// Key, measure and extreme columns, in the accumulators' order.
  var keys: [String]
  var measures: [String]
  var extremes: [String]
  /// Types declared in `gen.yml`.
  var declaredTypes: [String: ColumnType]
  /// Every column of the source and its type.
  var sourceColumns: [(name: String, type: ColumnType)]
  var name: String
  var path: String
  /// Where a byte offset of the source is (files only), for values that do not fit a declared type.
  var locate: (([Int]) -> [SourceLocation])?
}

/// Turns readers' accumulators into one ``Rollup``: key values written the same way
/// whatever the source wrote (`007` and `7` in an integer column are one value), rows
/// with equal keys merged, and rows sorted by day, then by key values.
enum RollupAssembler {
  static func assemble(_ parts: RollupParts, stats: DatasetStats, into diagnostics: inout Diagnostics)
    -> Rollup?
  {
    let (values, remaps) = globalValues(parts)
    let mark = diagnostics.count
    let canonical = parts.keys.indices.map { k in
      canonicalize(
        values[k], column: parts.keys[k], declared: parts.declaredTypes[parts.keys[k]], parts, &diagnostics)
    }
    if diagnostics.hasErrors(since: mark) { return nil }
    // Merge every reader's rows under canonical codes.
    var merged = RollupAccumulator(
      keys: parts.keys.count, measures: parts.measures.count, extremes: parts.extremes.count)
    var key = [UInt32](repeating: 0, count: parts.keys.count + 1)
    for (a, accumulator) in parts.accumulators.enumerated() {
      for r in 0..<accumulator.rowCount {
        let source = accumulator.key(of: r)
        key[0] = source[source.startIndex]
        for k in parts.keys.indices {
          let local = source[source.startIndex + 1 + k]
          key[k + 1] = local == Missing.code ? local : canonical[k].codes[Int(remaps[a][k][Int(local)])]
        }
        let row = key.withUnsafeBufferPointer { merged.row($0) }
        merged.absorb(accumulator, row: r, into: row)
      }
    }
    let order = sortedRows(merged, canonical)
    return build(merged, order: order, canonical: canonical, parts, stats: stats)
  }

  /// Each key column's distinct values over all readers (in the order first met), and
  /// for each reader its map from local codes to them; with the first offset of each.
  static func globalValues(_ parts: RollupParts) -> ([[(text: String, offset: Int)]], [[[UInt32]]]) {
    var values: [[(text: String, offset: Int)]] = Array(repeating: [], count: parts.keys.count)
    var remaps: [[[UInt32]]] = []
    var index: [[String: UInt32]] = Array(repeating: [:], count: parts.keys.count)
    for accumulator in parts.accumulators {
      var maps: [[UInt32]] = []
      for k in parts.keys.indices {
        let strings = accumulator.dictionaries[k].strings()
        maps.append(
          strings.enumerated().map { local, s in
            let offset = accumulator.dictionaries[k].firstOffsets[local]
            if let g = index[k][s] {
              if offset >= 0, values[k][Int(g)].offset < 0 || offset < values[k][Int(g)].offset {
                values[k][Int(g)].offset = offset
              }
              return g
            }
            let g = UInt32(values[k].count)
            index[k][s] = g
            values[k].append((s, offset))
            return g
          })
      }
      remaps.append(maps)
    }
    return (values, remaps)
  }

  /// A key column's values as the table will hold them.
  struct Canonical {
    /// The column's type: declared, else the narrowest that holds every value.
    var type: ColumnType
    /// Global value → canonical code.
    var codes: [UInt32]
    /// Canonical code → its text, and its rank in the column's sort order.
    var texts: [String]
    var ranks: [Int]
  }

  /// The canonical text of each distinct value (an integer column writes `7` for `007`),
  /// its sort rank (numbers and dates by value, text by its bytes); a value that does not
  /// fit a declared type is an error at the first cell holding it.
  static func canonicalize(
    _ values: [(text: String, offset: Int)], column: String, declared: ColumnType?, _ parts: RollupParts,
    _ diagnostics: inout Diagnostics
  ) -> Canonical {
    let type =
      declared
      ?? values.reduce(nil as ColumnType?) { t, v in
        let own = TypeInference.type(of: v.text)
        return t.map { TypeInference.join($0, own) } ?? own
      } ?? .text
    var bad: [(String, Int)] = []
    var textIndex: [String: UInt32] = [:]
    var texts: [String] = []
    var sortKeys: [Double] = []
    let codes = values.map { value -> UInt32 in
      let (text, number) = canonical(value.text, as: type)
      if text == nil { bad.append((value.text, value.offset)) }
      let written = text ?? value.text
      if let code = textIndex[written] { return code }
      let code = UInt32(texts.count)
      textIndex[written] = code
      texts.append(written)
      sortKeys.append(number ?? 0)
      return code
    }
    report(bad, column: column, type: type, parts, &diagnostics)
    let order = texts.indices.sorted {
      type == .text || sortKeys[$0] == sortKeys[$1]
        ? texts[$0].utf8.lexicographicallyPrecedes(texts[$1].utf8) : sortKeys[$0] < sortKeys[$1]
    }
    var ranks = [Int](repeating: 0, count: texts.count)
    for (rank, code) in order.enumerated() { ranks[code] = rank }
    return Canonical(type: type, codes: codes, texts: texts, ranks: ranks)
  }

  /// A value's canonical text in a type, with its number for sorting; nil text when it
  /// does not fit the type.
  static func canonical(_ text: String, as type: ColumnType) -> (String?, Double?) {
    switch type {
    case .text: return (text, nil)
    case .integer:
      guard let v = Self.parse(text, FastNumber.integer) else { return (nil, nil) }
      return (String(v), Double(v))
    case .decimal:
      guard let v = Self.parse(text, FastNumber.decimal) else { return (nil, nil) }
      return (NumberText.plain(v), v)
    case .date:
      guard let d = Day(iso: text) else { return (nil, nil) }
      return (d.description, Double(d.index))
    }
  }

  static func parse<T>(_ text: String, _ f: (UnsafePointer<UInt8>, Int) -> T?) -> T? {
    var bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return nil }
    return bytes.withUnsafeMutableBufferPointer { b in f(UnsafePointer(b.baseAddress!), b.count) }
  }

  static func report(
    _ bad: [(String, Int)], column: String, type: ColumnType, _ parts: RollupParts,
    _ diagnostics: inout Diagnostics
  ) {
    guard !bad.isEmpty else { return }
    let shown = Array(bad.sorted { $0.1 < $1.1 }.prefix(20))
    let locations = parts.locate?(shown.map(\.1)) ?? shown.map { _ in SourceLocation(path: parts.path) }
    for ((text, _), location) in zip(shown, locations) {
      diagnostics.error(
        "'\(text.prefix(40))' in column '\(column)' is not \(CSVReader.what(type))", at: location,
        hint:
          "fix the value, leave the cell empty for a missing value, or change the column's type in gen.yml")
    }
  }

  /// Row order: by day, then by each key's rank (missing values last).
  static func sortedRows(_ merged: RollupAccumulator, _ canonical: [Canonical]) -> [Int] {
    if let packed = packedSortKeys(merged, canonical) {
      let mask = (UInt64(1) << UInt64(Int.bitWidth(merged.rowCount))) - 1
      return packed.sorted().map { Int($0 & mask) }
    }
    return (0..<merged.rowCount).sorted { a, b in
      let ka = merged.key(of: a)
      let kb = merged.key(of: b)
      let da = Int32(bitPattern: ka[ka.startIndex])
      let db = Int32(bitPattern: kb[kb.startIndex])
      if da != db { return da < db }
      for k in canonical.indices {
        let ca = ka[ka.startIndex + 1 + k]
        let cb = kb[kb.startIndex + 1 + k]
        if ca == cb { continue }
        if ca == Missing.code { return false }
        if cb == Missing.code { return true }
        return canonical[k].ranks[Int(ca)] < canonical[k].ranks[Int(cb)]
      }
      return false
    }
  }

  /// Each row's sort order packed in one word — day, then each key's rank (missing
  /// last), then the row's index — when they fit in 64 bits (the usual case): sorting
  /// words is several times faster than comparing keys through a closure.
  static func packedSortKeys(_ merged: RollupAccumulator, _ canonical: [Canonical]) -> [UInt64]? {
    let rows = merged.rowCount
    var low = Int32.max
    var high = Int32.min
    for r in 0..<rows {
      let day = Int32(bitPattern: merged.key(of: r).first!)
      if day != Missing.date {
        low = min(low, day)
        high = max(high, day)
      }
    }
    // Missing days first (0), then days from 1.
    let daySpan = low <= high ? Int(high) - Int(low) + 2 : 1
    var widths = [Int.bitWidth(daySpan)]
    // Ranks from 0; missing values last (the number of ranks).
    let rankCounts = canonical.map { ($0.ranks.max() ?? -1) + 1 }
    widths += rankCounts.map { Int.bitWidth($0 + 1) }
    widths.append(Int.bitWidth(rows))
    guard widths.reduce(0, +) <= 64 else { return nil }
    return (0..<rows).map { r in
      let key = merged.key(of: r)
      let day = Int32(bitPattern: key[key.startIndex])
      var word = UInt64(day == Missing.date ? 0 : Int(day) - Int(low) + 1)
      for k in canonical.indices {
        let code = key[key.startIndex + 1 + k]
        let rank = code == Missing.code ? rankCounts[k] : canonical[k].ranks[Int(code)]
        word = word << UInt64(widths[k + 1]) | UInt64(rank)
      }
      return word << UInt64(widths.last!) | UInt64(r)
    }
  }
}

extension Int {
  /// Bits needed to hold the numbers 0..<n (at least 1).
  static func bitWidth(_ n: Int) -> Int {
    Swift.max(1, Int.bitWidth - (Swift.max(n, 1) - 1).leadingZeroBitCount)
  }

}
