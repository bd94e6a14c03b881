import Foundation
import GenCore

/// The records of a CSV file's chunks folded into rollup accumulators: one per core,
/// each taking every n-th chunk, so that no column of the file is ever held.
struct CSVRollupChunks: @unchecked Sendable {
  let bytes: UnsafePointer<UInt8>
  let delimiter: UInt8
  let layout: CSVRollupReader.Layout
  let file: MappedFile?

  /// What reading found.
  struct Outcome {
    var accumulators: [RollupAccumulator]
    /// The first 50 problems of each core, by offset.
    var problems: [CSVProblem]
    /// Broken records (wrong number of fields, quotes) in all.
    var structural: Int
    /// Per column: cells that fit its type, and cells that do not (time and numeric columns).
    var good: [Int]
    var bad: [Int]
    /// How the time column read, with its first value holding a time or zone.
    var time: TimeReading
  }

  func run(_ chunks: [Chunking.Chunk]) -> Outcome {
    let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chunks.count))
    // Unescaped cells are copied into a buffer as long as the longest chunk.
    let longest = chunks.map { $0.end - $0.start }.max() ?? 0
    let results = parallelMap(Array(0..<cores)) { core -> Outcome in
      let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(longest, 1))
      defer { scratch.deallocate() }
      var reader = ChunkReader(chunks: self, scratch: scratch)
      defer { reader.deallocate() }
      for i in stride(from: core, to: chunks.count, by: cores) {
        reader.read(chunks[i])
        file?.release(chunks[i].start..<chunks[i].end)
      }
      return reader.outcome
    }
    var all = Outcome(
      accumulators: [], problems: [], structural: 0, good: Array(repeating: 0, count: layout.header.count),
      bad: Array(repeating: 0, count: layout.header.count), time: TimeReading(timezone: layout.timezone))
    for result in results {
      all.time.merge(result.time)
      all.accumulators += result.accumulators
      all.problems += result.problems
      all.structural += result.structural
      for j in all.good.indices {
        all.good[j] += result.good[j]
        all.bad[j] += result.bad[j]
      }
    }
    all.problems.sort { $0.offset < $1.offset }
    return all
  }
}

/// One core's reading: its accumulator and counts, and scratch space for a record's key
/// and values, reused for every record (plain buffers: the inner loop runs per cell).
struct ChunkReader {
  let chunks: CSVRollupChunks
  let roles: UnsafeMutableBufferPointer<CSVRollupReader.Role>
  var accumulator: RollupAccumulator
  let key: UnsafeMutableBufferPointer<UInt32>
  let whole: UnsafeMutableBufferPointer<Int64>
  let isWhole: UnsafeMutableBufferPointer<Bool>
  let values: UnsafeMutableBufferPointer<Double>
  let has: UnsafeMutableBufferPointer<Bool>
  let extremes: UnsafeMutableBufferPointer<Double>
  let hasExtreme: UnsafeMutableBufferPointer<Bool>
  /// Per column: cells that fit its type, and cells that do not.
  let good: UnsafeMutableBufferPointer<Int>
  let bad: UnsafeMutableBufferPointer<Int>
  var problems: [CSVProblem] = []
  var structural = 0
  var lastDate: (UnsafePointer<UInt8>?, Int, Int32) = (nil, 0, 0)
  var time: TimeReading
  let scratch: UnsafeMutablePointer<UInt8>

  init(chunks: CSVRollupChunks, scratch: UnsafeMutablePointer<UInt8>) {
    self.chunks = chunks
    self.scratch = scratch
    let layout = chunks.layout
    time = TimeReading(timezone: layout.timezone)
    func buffer<T>(_ n: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
      let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(n, 1))
      b.initialize(repeating: value)
      return b
    }
    roles = buffer(layout.roles.count, CSVRollupReader.Role())
    _ = roles.initialize(from: layout.roles)
    accumulator = RollupAccumulator(
      keys: layout.keys.count, measures: layout.measures.count, extremes: layout.extremes.count)
    key = buffer(layout.keys.count + 1, Missing.code)
    whole = buffer(layout.measures.count, 0)
    isWhole = buffer(layout.measures.count, false)
    values = buffer(layout.measures.count, 0)
    has = buffer(layout.measures.count, false)
    extremes = buffer(layout.extremes.count, 0)
    hasExtreme = buffer(layout.extremes.count, false)
    good = buffer(layout.header.count, 0)
    bad = buffer(layout.header.count, 0)
  }

  /// Frees the scratch buffers.
  func deallocate() {
    roles.deallocate()
    key.deallocate()
    whole.deallocate()
    isWhole.deallocate()
    values.deallocate()
    has.deallocate()
    extremes.deallocate()
    hasExtreme.deallocate()
    good.deallocate()
    bad.deallocate()
  }

  /// What this core read.
  var outcome: CSVRollupChunks.Outcome {
    let columns = chunks.layout.header.count
    return CSVRollupChunks.Outcome(
      accumulators: [accumulator], problems: problems, structural: structural,
      good: Array(good.prefix(columns)),
      bad: Array(bad.prefix(columns)), time: time)
  }

  mutating func read(_ chunk: Chunking.Chunk) {
    var scanner = CSVFieldScanner(
      bytes: chunks.bytes, end: chunk.end, delimiter: chunks.delimiter, pos: chunk.start)
    let columnCount = chunks.layout.roles.count
    let measureCount = chunks.layout.measures.count
    let extremeCount = chunks.layout.extremes.count
    let keyWidth = chunks.layout.keys.count + 1
    recordLoop: while scanner.nextRecord() {
      let recordStart = scanner.pos
      // An empty record: no day, no key values, no numbers.
      key[0] = UInt32(bitPattern: Missing.date)
      for k in 1..<keyWidth { key[k] = Missing.code }
      for m in 0..<measureCount { has[m] = false }
      for e in 0..<extremeCount { hasExtreme[e] = false }
      var column = 0
      while true {
        let field: CSVFieldScanner.Field
        switch scanner.nextField() {
        case .field(let f): field = f
        case .problem(let problem):
          note(problem)
          if case .unclosedQuote = problem.kind { break recordLoop }
          continue recordLoop
        }
        if column < columnCount { cell(field, column: column, scanner) }
        column += 1
        if field.lastInRecord { break }
      }
      guard column == columnCount else {
        note(CSVProblem(offset: recordStart, kind: .ragged(expected: columnCount, found: column)))
        continue
      }
      // The record joins its row.
      let row = accumulator.row(UnsafeBufferPointer(key))
      accumulator.addCount(row, 1)
      for m in 0..<measureCount where has[m] {
        accumulator.addSum(row, measure: m, whole: isWhole[m] ? whole[m] : nil, value: values[m], present: 1)
      }
      for e in 0..<extremeCount where hasExtreme[e] {
        accumulator.addExtreme(row, extreme: e, low: extremes[e], high: extremes[e])
      }
    }
  }

  /// Reads one cell into the scratch record, by what its column is for.
  @inline(__always)
  mutating func cell(_ field: CSVFieldScanner.Field, column j: Int, _ scanner: CSVFieldScanner) {
    let role = roles[j]
    guard role.isTime || role.key >= 0 || role.number != .none else { return }
    var p = chunks.bytes + field.start
    var n = field.end - field.start
    if field.escaped {
      n = scanner.unescape(field, into: scratch)
      p = UnsafePointer(scratch)
    }
    if role.hasMissingTokens, isMissingToken(j, p, n) { n = 0 }
    if role.key >= 0 {
      key[role.key + 1] = accumulator.code(key: role.key, p, n, offset: field.start)
    }
    guard n > 0 else { return }
    if role.isTime {
      if let day = date(p, n, escaped: field.escaped, offset: field.start) {
        key[0] = UInt32(bitPattern: day)
        good[j] += 1
      } else {
        bad(j, .date, field.start, p, n)
      }
    }
    if role.number != .none { number(role, column: j, field.start, p, n) }
  }

  /// A numeric cell: a whole number where it is one, else a decimal.
  @inline(__always)
  mutating func number(
    _ role: CSVRollupReader.Role, column j: Int, _ offset: Int, _ p: UnsafePointer<UInt8>, _ n: Int
  ) {
    var wholeValue: Int64 = 0
    var isWholeValue = false
    var value: Double
    if role.number != .decimal, let w = FastNumber.integer(p, n) {
      wholeValue = w
      isWholeValue = true
      value = Double(w)
    } else if role.number != .whole, let d = FastNumber.decimal(p, n) {
      value = d
    } else {
      bad(j, role.number == .whole ? .integer : .decimal, offset, p, n)
      return
    }
    good[j] += 1
    if role.measure >= 0 {
      whole[role.measure] = wholeValue
      isWhole[role.measure] = isWholeValue && role.number != .decimal
      values[role.measure] = value
      has[role.measure] = true
    }
    if role.extreme >= 0 {
      extremes[role.extreme] = value
      hasExtreme[role.extreme] = true
    }
  }

  /// Whether a cell is one of its column's texts for "no value".
  func isMissingToken(_ j: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    chunks.layout.missingTokens[j].contains { token in
      token.count == n && token.withUnsafeBufferPointer { memcmp($0.baseAddress!, p, n) == 0 }
    }
  }

  /// A time cell's day; a run of equal cells is read once.
  @inline(__always)
  mutating func date(_ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool, offset: Int) -> Int32? {
    if n == lastDate.1, let previous = lastDate.0, memcmp(previous, p, n) == 0 { return lastDate.2 }
    guard let d = time.day(UnsafeBufferPointer(start: p, count: n), position: offset) else { return nil }
    if !escaped { lastDate = (p, n, d) }
    return d
  }

  mutating func bad(_ j: Int, _ type: ColumnType, _ offset: Int, _ p: UnsafePointer<UInt8>, _ n: Int) {
    bad[j] += 1
    if problems.count < 50 {
      let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
      problems.append(CSVProblem(offset: offset, kind: .badValue(column: j, type: type, text: text)))
    }
  }

  mutating func note(_ problem: CSVProblem) {
    structural += 1
    if problems.count < 50 { problems.append(problem) }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
