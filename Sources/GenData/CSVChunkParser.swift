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

  /// Parses `start..<end` into rows `firstRow...`; the chunk holds at most `maxRows`
  /// records (its line breaks plus one), which the buffers have room for.
  func parse(from start: Int, to end: Int, firstRow: Int, maxRows: Int) -> CSVChunkOutcome {
    var outcome = CSVChunkOutcome()
    var dictionaries = types.map { $0 == .text ? ByteDictionary() : nil }
    // Unescaped fields are copied here; none is longer than the chunk.
    let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(end - start, 1))
    defer { scratch.deallocate() }
    var lastDate: (UnsafePointer<UInt8>?, Int, Int32) = (nil, 0, 0)
    // The buffers' pointers, copied out of the shared object once: the loop reads plain values.
    let (dates, ints, doubles, codes) = (buffers.dates, buffers.ints, buffers.doubles, buffers.codes)
    var scanner = CSVFieldScanner(bytes: bytes, end: end, delimiter: delimiter, pos: start)
    var row = firstRow
    recordLoop: while scanner.nextRecord() {
      // Every record ends at a line break the splitter counted: never past the buffers.
      precondition(row < firstRow + maxRows, "CSV chunk holds more records than line breaks")
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
        if column < columnCount {
          var p = bytes + field.start
          var n = field.end - field.start
          if field.escaped {
            n = scanner.unescape(field, into: scratch)
            p = UnsafePointer(scratch)
          }
          switch types[column] {
          case .text:
            codes[column]![row] = n == 0 ? Missing.code : dictionaries[column]!.code(p, n)
          case .integer:
            var value = Missing.integer
            if n > 0 {
              if let v = FastNumber.integer(p, n) {
                value = v
              } else {
                fail(&outcome, column, field.start, p, n)
              }
            }
            ints[column]![row] = value
          case .decimal:
            var value = Double.nan
            if n > 0 {
              if let v = FastNumber.decimal(p, n) {
                value = v
              } else {
                fail(&outcome, column, field.start, p, n)
              }
            }
            doubles[column]![row] = value
          case .date:
            dates[column]![row] = date(p, n, escaped: field.escaped, column, field.start, &lastDate, &outcome)
          }
        }
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
    for (j, dictionary) in dictionaries.enumerated() {
      if let dictionary { outcome.dictionaries[j] = dictionary.strings() }
    }
    return outcome
  }

  /// A date cell; a run of equal dates is parsed once.
  @inline(__always)
  func date(
    _ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool, _ column: Int, _ offset: Int,
    _ last: inout (UnsafePointer<UInt8>?, Int, Int32), _ outcome: inout CSVChunkOutcome
  ) -> Int32 {
    if n == 0 { return Missing.date }
    if n == last.1, let previous = last.0, memcmp(previous, p, n) == 0 { return last.2 }
    guard let d = Day.parse(UnsafeBufferPointer(start: p, count: n)) else {
      fail(&outcome, column, offset, p, n)
      return Missing.date
    }
    if !escaped { last = (p, n, d.index) }
    return d.index
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
