import Dispatch
import Foundation
import GenCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads CSV and TSV (RFC 4180: quoted fields with delimiters, quotes and line breaks,
/// CRLF, a UTF-8 byte-order mark) into a columnar `Table`. Large files are parsed in
/// parallel chunks straight from the memory-mapped file.
public enum CSVReader {
  /// How to read a file.
  public struct Options: Sendable {
    /// `,` for CSV, tab for TSV.
    public var delimiter: UInt8
    /// Column types set in the config; the rest are inferred.
    public var declaredTypes: [String: ColumnType]
    /// Where in the config the types were declared, for errors about unknown columns.
    public var declarationLocations: [String: SourceLocation]

    /// Creates options.
    public init(
      delimiter: UInt8 = 0x2C, declaredTypes: [String: ColumnType] = [:],
      declarationLocations: [String: SourceLocation] = [:]
    ) {
      self.delimiter = delimiter
      self.declaredTypes = declaredTypes
      self.declarationLocations = declarationLocations
    }
  }

  /// Reads a file from disk; nil after reporting why it cannot be read.
  public static func read(
    path: String, displayPath: String, name: String, options: Options, into diagnostics: inout Diagnostics
  ) -> Table? {
    MappedFile.readDataset(path: path, displayPath: displayPath, into: &diagnostics) { file, problems in
      read(
        bytes: file.bytes, displayPath: displayPath, name: name, options: options, file: file,
        into: &problems)
    }
  }

  /// Reads CSV from bytes in memory; nil after reporting what is wrong.
  public static func read(
    bytes: UnsafeBufferPointer<UInt8>, displayPath: String, name: String, options: Options,
    file: MappedFile? = nil, into diagnostics: inout Diagnostics
  ) -> Table? {
    let path = displayPath
    guard let base = bytes.baseAddress, let start = bodyStart(bytes, path: path, &diagnostics) else {
      return nil
    }
    let end = bytes.count
    let lines = LineIndex(base: base, count: end)
    guard
      let (header, headerEnd) = readHeader(
        base, start: start, end: end, name: name, options, lines, path, &diagnostics)
    else { return nil }
    // Types: declared, else inferred from a sample of the first rows.
    let declared = header.map { options.declaredTypes[$0] != nil }
    var types = inferTypes(
      base, from: headerEnd, to: end, delimiter: options.delimiter, columns: header.count)
    for (j, column) in header.enumerated() {
      if let t = options.declaredTypes[column] { types[j] = t }
    }
    let chunks = Chunking.split(base, from: headerEnd, to: end, delimiter: options.delimiter, file: file)
    // A value that does not fit an inferred type widens it, and the file is parsed again.
    for _ in 0..<4 {
      let result = parseChunks(
        base, chunks: chunks, delimiter: options.delimiter, types: types, declared: declared, file: file)
      var widen: [Int: ColumnType] = [:]
      var problems: [CSVProblem] = []
      for outcome in result.outcomes {
        problems += outcome.problems
        for (j, t) in outcome.widen { widen[j] = widen[j].map { TypeInference.join($0, t) } ?? t }
      }
      if !problems.isEmpty {
        report(problems, header: header, path: path, lines: lines, &diagnostics)
        return nil
      }
      if widen.isEmpty {
        return assemble(result, header: header, types: types, name: name, path: path, &diagnostics)
      }
      for (j, t) in widen { types[j] = TypeInference.join(types[j], t) }
    }
    diagnostics.error("column types could not be settled", at: SourceLocation(path: path))
    return nil
  }

  /// Where the records start (after a byte-order mark); nil for files gen cannot read
  /// as CSV: empty, UTF-16, or with lines ended by CR alone.
  static func bodyStart(_ bytes: UnsafeBufferPointer<UInt8>, path: String, _ diagnostics: inout Diagnostics)
    -> Int?
  {
    guard let base = bytes.baseAddress, bytes.count > 0 else {
      diagnostics.error(
        "dataset file is empty", at: SourceLocation(path: path), hint: "a CSV needs a header line")
      return nil
    }
    if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
      diagnostics.error(
        "dataset file is UTF-16 encoded", at: SourceLocation(path: path, line: 1, column: 1),
        hint: "save it as UTF-8")
      return nil
    }
    // Line breaks of lone CRs (classic Mac OS) would read as one long line.
    let scanned = min(bytes.count, 1 << 16)
    if memchr(base, 0x0A, scanned) == nil, memchr(base, 0x0D, scanned) != nil {
      diagnostics.error(
        "dataset file ends its lines with CR only (classic Mac OS)",
        at: SourceLocation(path: path, line: 1, column: 1), hint: "save it with LF or CRLF line endings")
      return nil
    }
    return bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// The header's column names and where the records start; nil after reporting
  /// unnamed or repeated columns, or declared types for columns the file does not have.
  /// The longest first line read as a header (16 MB: 100,000 names of 160 bytes).
  static let headerLimit = 16_000_000

  static func readHeader(
    _ base: UnsafePointer<UInt8>, start: Int, end: Int, name: String, _ options: Options, _ lines: LineIndex,
    _ path: String, _ diagnostics: inout Diagnostics
  ) -> ([String], Int)? {
    // Column names fit in a line of a few megabytes; a longer first line is not a
    // header (a file of one huge line): say so at once rather than read it all.
    let scanned = min(end - start, headerLimit)
    if end - start > headerLimit, memchr(base + start, 0x0A, scanned) == nil {
      diagnostics.error(
        "the first line of \(path) is longer than \(headerLimit / 1_000_000) MB, which no header of column names is",
        at: lines.location(path, start),
        hint: "a CSV file starts with one line of column names; check that this is the file meant")
      return nil
    }
    let (header, headerEnd, headerProblem) = parseRecord(
      base, from: start, to: end, delimiter: options.delimiter)
    if let headerProblem {
      diagnostics.error(headerProblem.1, at: lines.location(path, headerProblem.0))
      return nil
    }
    let mark = diagnostics.count
    var seen = Set<String>()
    for (j, column) in header.enumerated() {
      if column.isEmpty {
        diagnostics.error(
          "column \(j + 1) has no name in the header", at: lines.location(path, start),
          hint: "give every column a name in the first line")
      } else if !seen.insert(column).inserted {
        diagnostics.error(
          "column name '\(column)' appears twice in the header", at: lines.location(path, start),
          hint: "rename one of them")
      }
    }
    for column in options.declaredTypes.keys.sorted() where !header.contains(column) {
      diagnostics.error(
        "dataset '\(name)' has no column '\(column)' to give a type",
        at: options.declarationLocations[column] ?? SourceLocation(path: path),
        hint: Suggestion.hintOrList(for: column, in: header, noun: "column"))
    }
    return diagnostics.hasErrors(since: mark) ? nil : (header, headerEnd)
  }

  /// Reports problems found in records: the first 50, and how many more there are
  /// (`total`, when more were found than kept).
  static func report(
    _ problems: [CSVProblem], header: [String], path: String, lines: LineIndex, total: Int? = nil,
    _ diagnostics: inout Diagnostics
  ) {
    let shown = Array(problems.sorted(by: { $0.offset < $1.offset }).prefix(50))
    let locations = lines.locations(path, shown.map(\.offset))
    for (problem, location) in zip(shown, locations) {
      diagnostics.append(describe(problem, header: header, at: location))
    }
    let count = max(total ?? problems.count, problems.count)
    if count > 50 {
      diagnostics.error(
        "\(count - 50) more problems in this file are not listed", at: SourceLocation(path: path),
        hint: "fix the ones above and build again")
    }
  }

  // MARK: - Steps

  struct ParseResult {
    var buffers: ColumnBuffers
    var starts: [Int]
    var outcomes: [CSVChunkOutcome]
  }

  static func parseChunks(
    _ base: UnsafePointer<UInt8>, chunks: [Chunking.Chunk], delimiter: UInt8, types: [ColumnType],
    declared: [Bool], file: MappedFile?
  ) -> ParseResult {
    var starts: [Int] = []
    var total = 0
    for chunk in chunks {
      starts.append(total)
      total += chunk.maxRows
    }
    let buffers = ColumnBuffers(types: types, capacity: total)
    let parser = CSVChunkParser(
      bytes: base, delimiter: delimiter, columnCount: types.count, types: types, declared: declared,
      buffers: buffers)
    let jobs = Array(zip(chunks, starts))
    let outcomes = parallelMap(jobs) { job in
      let outcome = parser.parse(from: job.0.start, to: job.0.end, firstRow: job.1, maxRows: job.0.maxRows)
      file?.release(job.0.start..<job.0.end)
      return outcome
    }
    return ParseResult(buffers: buffers, starts: starts, outcomes: outcomes)
  }

  /// Merges the chunks: one dictionary per text column (codes in order of first
  /// appearance in the file) and contiguous rows.
  static func assemble(
    _ result: ParseResult, header: [String], types: [ColumnType], name: String, path: String,
    _ diagnostics: inout Diagnostics
  ) -> Table? {
    let rowCount = result.outcomes.reduce(0) { $0 + $1.rows }
    var columns: [Column] = []
    let mark = diagnostics.count
    for (j, column) in header.enumerated() {
      switch types[j] {
      case .text:
        var global: [String] = []
        var index: [String: UInt32] = [:]
        let codes = result.buffers.codes[j]!
        for (k, outcome) in result.outcomes.enumerated() {
          let local = outcome.dictionaries[j] ?? []
          let remap: [UInt32] = local.map { s in
            if let c = index[s] { return c }
            let c = UInt32(global.count)
            global.append(s)
            index[s] = c
            return c
          }
          let start = result.starts[k]
          for r in start..<(start + outcome.rows) where codes[r] != Missing.code {
            codes[r] = remap[Int(codes[r])]
          }
        }
        if let bad = global.first(where: { $0.unicodeScalars.contains("\u{FFFD}") }) {
          diagnostics.error(
            "column '\(column)' holds text that is not valid UTF-8 ('\(bad.prefix(30))')",
            at: SourceLocation(path: path), hint: "save the file as UTF-8")
        }
        columns.append(Column(name: column, storage: .text(codes: gather(codes, result), dictionary: global)))
      case .integer:
        columns.append(Column(name: column, storage: .integer(gather(result.buffers.ints[j]!, result))))
      case .decimal:
        columns.append(Column(name: column, storage: .decimal(gather(result.buffers.doubles[j]!, result))))
      case .date:
        columns.append(Column(name: column, storage: .date(gather(result.buffers.dates[j]!, result))))
      }
      // Free each raw column as soon as it is copied, so at most one column is held twice.
      result.buffers.release(j)
    }
    if diagnostics.hasErrors(since: mark) { return nil }
    return Table(name: name, path: path, columns: columns, rowCount: rowCount)
  }

  /// Copies each chunk's rows into one contiguous array.
  static func gather<T>(_ p: UnsafeMutablePointer<T>, _ result: ParseResult) -> [T] {
    let rowCount = result.outcomes.reduce(0) { $0 + $1.rows }
    return [T](unsafeUninitializedCapacity: rowCount) { buffer, count in
      var out = 0
      for (k, outcome) in result.outcomes.enumerated() {
        (buffer.baseAddress! + out).initialize(from: p + result.starts[k], count: outcome.rows)
        out += outcome.rows
      }
      count = rowCount
    }
  }

  // MARK: - Header and sample

  /// Parses one record with a simple loop (header and type sample).
  static func parseRecord(_ b: UnsafePointer<UInt8>, from start: Int, to end: Int, delimiter: UInt8)
    -> (fields: [String], next: Int, problem: (Int, String)?)
  {
    var fields: [String] = []
    var field: [UInt8] = []
    var pos = start
    var inQuotes = false
    var quoteStart = 0
    while pos < end {
      let c = b[pos]
      if inQuotes {
        if c == 0x22 {
          if pos + 1 < end, b[pos + 1] == 0x22 {
            field.append(0x22)
            pos += 2
            continue
          }
          inQuotes = false
        } else {
          field.append(c)
        }
        pos += 1
        continue
      }
      if c == 0x22 && field.isEmpty {
        inQuotes = true
        quoteStart = pos
      } else if c == delimiter {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll()
      } else if c == 0x0A {
        if field.last == 0x0D { field.removeLast() }
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, pos + 1, nil)
      } else {
        field.append(c)
      }
      pos += 1
    }
    if inQuotes { return (fields, end, (quoteStart, "quoted field is never closed (a '\"' is missing)")) }
    if field.last == 0x0D { field.removeLast() }
    fields.append(String(decoding: field, as: UTF8.self))
    return (fields, end, nil)
  }

  /// Infers column types from up to 1,000 records.
  static func inferTypes(
    _ b: UnsafePointer<UInt8>, from start: Int, to end: Int, delimiter: UInt8, columns: Int
  ) -> [ColumnType] {
    CSVRollupReader.Sample(b, from: start, to: end, delimiter: delimiter, columns: columns).types
  }

  /// What a value of a type is, in words.
  static func what(_ type: ColumnType) -> String {
    switch type {
    case .date: return "a date (YYYY-MM-DD)"
    case .integer: return "a whole number"
    case .decimal: return "a number"
    case .text: return "text"
    }
  }

  static func describe(_ problem: CSVProblem, header: [String], at location: SourceLocation) -> Diagnostic {
    switch problem.kind {
    case .ragged(let expected, let found):
      return .error(
        "row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected)", at: location,
        hint: "quote values that contain the delimiter, or fix the row")
    case .unclosedQuote:
      return .error(
        "quoted field is never closed (a '\"' is missing)", at: location,
        hint: "end the field with '\"'; write a quote inside a quoted field as '\"\"'")
    case .textAfterQuote:
      return .error(
        "text after the closing quote of a field", at: location,
        hint: "put the whole field in quotes and double the quotes inside it")
    case .badValue(let column, let type, let text):
      return .error(
        "'\(text.prefix(40))' in column '\(header[column])' is not \(what(type))", at: location,
        hint:
          "fix the value, leave the cell empty for a missing value, or change the column's type in gen.yml")
    }
  }
}
