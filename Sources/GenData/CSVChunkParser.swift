import GenCore

/// Raw output buffers for one parse, shared by the workers; each worker writes only
/// the rows of its own chunk.
final class ColumnBuffers: @unchecked Sendable {
  let types: [ColumnType]
  let capacity: Int
  var dates: [UnsafeMutablePointer<Int32>?]
  var ints: [UnsafeMutablePointer<Int64>?]
  var doubles: [UnsafeMutablePointer<Double>?]
  var codes: [UnsafeMutablePointer<UInt32>?]

  init(types: [ColumnType], capacity: Int) {
    self.types = types
    self.capacity = capacity
    let n = max(capacity, 1)
    dates = types.map { $0 == .date ? .allocate(capacity: n) : nil }
    ints = types.map { $0 == .integer ? .allocate(capacity: n) : nil }
    doubles = types.map { $0 == .decimal ? .allocate(capacity: n) : nil }
    codes = types.map { $0 == .text ? .allocate(capacity: n) : nil }
  }

  /// Frees the raw values of column `j` once they have been copied out.
  func release(_ j: Int) {
    dates[j]?.deallocate()
    ints[j]?.deallocate()
    doubles[j]?.deallocate()
    codes[j]?.deallocate()
    dates[j] = nil
    ints[j] = nil
    doubles[j] = nil
    codes[j] = nil
  }

  deinit {
    for j in types.indices { release(j) }
  }
}

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
    var dictionaries = (0..<columnCount).map { types[$0] == .text ? ByteDictionary() : nil }
    var scratch: [UInt8] = []
    var row = firstRow
    var pos = start
    var lastDateBytes: (UnsafePointer<UInt8>?, Int, Int32) = (nil, 0, 0)
    let dates = buffers.dates
    let ints = buffers.ints
    let doubles = buffers.doubles
    let codes = buffers.codes

    recordLoop: while pos < end {
      // Skip blank lines.
      if bytes[pos] == 0x0A {
        pos += 1
        continue
      }
      if bytes[pos] == 0x0D, pos + 1 < end, bytes[pos + 1] == 0x0A {
        pos += 2
        continue
      }
      let recordStart = pos
      var column = 0
      while true {
        // One field.
        var fieldStart = pos
        var fieldEnd: Int
        var unescaped = false
        if pos < end, bytes[pos] == 0x22 {
          // Quoted field: find the closing quote; "" is an escaped quote.
          let quote = pos
          pos += 1
          fieldStart = pos
          var closed = false
          while pos < end {
            if bytes[pos] == 0x22 {
              if pos + 1 < end, bytes[pos + 1] == 0x22 {
                unescaped = true
                pos += 2
                continue
              }
              closed = true
              break
            }
            pos += 1
          }
          if !closed {
            outcome.problems.append(CSVProblem(offset: quote, kind: .unclosedQuote))
            break recordLoop
          }
          fieldEnd = pos
          pos += 1
          if pos < end, bytes[pos] != delimiter, bytes[pos] != 0x0A, bytes[pos] != 0x0D {
            outcome.problems.append(CSVProblem(offset: pos, kind: .textAfterQuote))
            while pos < end, bytes[pos] != 0x0A { pos += 1 }
            pos += 1
            continue recordLoop
          }
        } else {
          while pos < end {
            let b = bytes[pos]
            if b == delimiter || b == 0x0A { break }
            pos += 1
          }
          fieldEnd = pos
          if fieldEnd > fieldStart, bytes[fieldEnd - 1] == 0x0D, pos >= end || bytes[pos] == 0x0A {
            fieldEnd -= 1
          }
        }

        if column < columnCount {
          var p = bytes + fieldStart
          var n = fieldEnd - fieldStart
          if unescaped {
            scratch.removeAll(keepingCapacity: true)
            var k = fieldStart
            while k < fieldEnd {
              scratch.append(bytes[k])
              k += bytes[k] == 0x22 ? 2 : 1
            }
            n = scratch.count
          }
          scratch.withUnsafeBufferPointer { s in
            if unescaped { p = s.baseAddress ?? p }
            switch types[column] {
            case .text:
              codes[column]![row] = n == 0 ? Missing.code : dictionaries[column]!.code(p, n)
            case .integer:
              if n == 0 {
                ints[column]![row] = Missing.integer
              } else if let v = FastNumber.integer(p, n) {
                ints[column]![row] = v
              } else {
                ints[column]![row] = Missing.integer
                fail(&outcome, column, fieldStart, p, n)
              }
            case .decimal:
              if n == 0 {
                doubles[column]![row] = .nan
              } else if let v = FastNumber.decimal(p, n) {
                doubles[column]![row] = v
              } else {
                doubles[column]![row] = .nan
                fail(&outcome, column, fieldStart, p, n)
              }
            case .date:
              if n == 0 {
                dates[column]![row] = Missing.date
              } else if n == lastDateBytes.1, let last = lastDateBytes.0, memcmp(last, p, n) == 0 {
                dates[column]![row] = lastDateBytes.2
              } else if let d = Day.parse(UnsafeBufferPointer(start: p, count: n)) {
                dates[column]![row] = d.index
                if !unescaped { lastDateBytes = (p, n, d.index) }
              } else {
                dates[column]![row] = Missing.date
                fail(&outcome, column, fieldStart, p, n)
              }
            }
          }
        }
        column += 1
        if pos >= end { break }
        let terminator = bytes[pos]
        if terminator == 0x0A {
          pos += 1
          break
        }
        if terminator == 0x0D {  // CRLF after a quoted field
          pos += 1
          if pos < end, bytes[pos] == 0x0A { pos += 1 }
          break
        }
        pos += 1  // past the delimiter; the next field may be empty
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

  /// Records a value that does not fit its column's type: an error for declared types,
  /// a widening for inferred ones.
  private func fail(
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
