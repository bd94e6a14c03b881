import GenCore

/// Parses one chunk of CSV records (starting at a record boundary) into the shared
/// buffers, beginning at row `firstRow`. The hot loop of dataset loading.
struct CSVChunkParser: @unchecked Sendable {
  let bytes: UnsafePointer<UInt8>
  let delimiter: UInt8
  let columnCount: Int
  let types: [ColumnType]
  let declared: [Bool]
  let buffers: ColumnBuffers

  func parse(from start: Int, to end: Int, firstRow: Int) -> CSVChunkOutcome {
    var outcome = CSVChunkOutcome()
    var cells = CellWriter(parser: self)
    var scanner = CSVFieldScanner(bytes: bytes, end: end, delimiter: delimiter, pos: start)
    var row = firstRow
    recordLoop: while scanner.nextRecord() {
      let recordStart = scanner.pos
      var column = 0
      while true {
        let field: CSVFieldScanner.Field
        switch scanner.nextField() {
        case .field(let f): field = f
        case .problem(let problem):
          outcome.problems.append(problem)
          if case .unclosedQuote = problem.kind { break recordLoop }
          continue recordLoop
        }
        if column < columnCount { cells.store(field, column: column, row: row, scanner, &outcome) }
        column += 1
        if field.lastInRecord { break }
      }
      if column != columnCount {
        outcome.problems.append(
          CSVProblem(offset: recordStart, kind: .ragged(expected: columnCount, found: column)))
        continue
      }
      row += 1
    }
    outcome.rows = row - firstRow
    for (j, dictionary) in cells.dictionaries.enumerated() {
      if let dictionary { outcome.dictionaries[j] = dictionary.strings() }
    }
    return outcome
  }

  /// Writes each field into its column's buffer, typed.
  struct CellWriter {
    let parser: CSVChunkParser
    var dictionaries: [ByteDictionary?]
    var scratch: [UInt8] = []
    /// The last date read, to skip parsing a run of equal dates.
    var lastDate: (UnsafePointer<UInt8>?, Int, Int32) = (nil, 0, 0)

    init(parser: CSVChunkParser) {
      self.parser = parser
      dictionaries = parser.types.map { $0 == .text ? ByteDictionary() : nil }
    }

    @inline(__always)
    mutating func store(
      _ field: CSVFieldScanner.Field, column: Int, row: Int, _ scanner: CSVFieldScanner,
      _ outcome: inout CSVChunkOutcome
    ) {
      var p = parser.bytes + field.start
      var n = field.end - field.start
      if field.escaped {
        scanner.unescape(field, into: &scratch)
        n = scratch.count
      }
      let buffers = parser.buffers
      scratch.withUnsafeBufferPointer { s in
        if field.escaped { p = s.baseAddress ?? p }
        switch parser.types[column] {
        case .text:
          buffers.codes[column]![row] = n == 0 ? Missing.code : dictionaries[column]!.code(p, n)
        case .integer:
          var value = Missing.integer
          if n > 0 {
            if let v = FastNumber.integer(p, n) {
              value = v
            } else {
              parser.fail(&outcome, column, field.start, p, n)
            }
          }
          buffers.ints[column]![row] = value
        case .decimal:
          var value = Double.nan
          if n > 0 {
            if let v = FastNumber.decimal(p, n) {
              value = v
            } else {
              parser.fail(&outcome, column, field.start, p, n)
            }
          }
          buffers.doubles[column]![row] = value
        case .date:
          buffers.dates[column]![row] = date(p, n, escaped: field.escaped, column, field.start, &outcome)
        }
      }
    }

    @inline(__always)
    mutating func date(
      _ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool, _ column: Int, _ offset: Int,
      _ outcome: inout CSVChunkOutcome
    ) -> Int32 {
      if n == 0 { return Missing.date }
      if n == lastDate.1, let last = lastDate.0, memcmp(last, p, n) == 0 { return lastDate.2 }
      guard let d = Day.parse(UnsafeBufferPointer(start: p, count: n)) else {
        parser.fail(&outcome, column, offset, p, n)
        return Missing.date
      }
      if !escaped { lastDate = (p, n, d.index) }
      return d.index
    }
  }

  /// Records a value that does not fit its column's type: an error for declared types,
  /// a widening for inferred ones.
  func fail(
    _ outcome: inout CSVChunkOutcome, _ column: Int, _ offset: Int, _ p: UnsafePointer<UInt8>, _ n: Int
  ) {
    let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    if declared[column] {
      if outcome.problems.count < 200 {
        outcome.problems.append(
          CSVProblem(offset: offset, kind: .badValue(column: column, type: types[column], text: text)))
      }
    } else {
      let needed = TypeInference.widen(types[column], toFit: text)
      if let known = outcome.widen[column] {
        outcome.widen[column] = TypeInference.join(known, needed)
      } else {
        outcome.widen[column] = needed
      }
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
