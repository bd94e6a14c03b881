import GenCore

/// The records of a JSON dataset, flattened to rows of (column, cell) pairs, with
/// the problems found on the way.
struct JSONRecords {
  let bytes: UnsafeBufferPointer<UInt8>
  let path: String
  let options: JSONReader.Options
  var rows: [[(String, String?)]] = []
  var problems = Diagnostics()
  /// The record each row came from.
  private var recordOfRow: [Int] = []
  private var recordCount = 0
  /// Where records start: the k-th one starts at the k-th value at its depth. Found only
  /// when an error needs them, for the first few errors.
  private var recordStarts: [Int]?
  private var located = 0

  init(bytes: UnsafeBufferPointer<UInt8>, path: String, options: JSONReader.Options) {
    self.bytes = bytes
    self.path = path
    self.options = options
  }

  /// Where record `k` starts (for the first 20 problems; the file after that).
  mutating func recordLocation(_ k: Int) -> SourceLocation {
    located += 1
    guard located <= 20, let base = bytes.baseAddress else { return SourceLocation(path: path) }
    let starts =
      recordStarts ?? JSONOffsets.valueStarts(bytes, depth: options.keys.isEmpty ? 1 : options.keys.count)
    recordStarts = starts
    guard k < starts.count else { return SourceLocation(path: path) }
    return LineIndex(base: base, count: bytes.count).location(path, starts[k])
  }

  /// Walks the levels of an object keyed by value down to the records.
  mutating func descend(_ value: JSONValue, level: Int, prefix: [(String, String?)]) {
    if level == options.keys.count {
      record(value, prefix: prefix, context: "entry " + prefix.map { $0.1 ?? "" }.joined(separator: " › "))
      return
    }
    guard case .object(let pairs) = value else {
      problems.error(
        "expected an object keyed by '\(options.keys[level])' at depth \(level + 1), found \(value.kindName)",
        at: SourceLocation(path: path), hint: "check 'keys:' in gen.yml against the file's nesting")
      return
    }
    for (key, child) in pairs {
      descend(child, level: level + 1, prefix: prefix + [(options.keys[level], key)])
    }
  }

  /// One record: an object of cells, or a scalar leaf under its keys.
  mutating func record(_ value: JSONValue, prefix: [(String, String?)], context: String) {
    let k = recordCount
    recordCount += 1
    switch value {
    case .object(let pairs):
      var row = prefix
      for (key, v) in pairs {
        guard let cell = v.cellText else {
          problems.error(
            "\(context): key '\(key)' holds \(v.kindName); a record's values must be text, numbers or null",
            at: recordLocation(k), hint: "flatten the record, or leave the key out")
          continue
        }
        if let i = prefix.firstIndex(where: { $0.0 == key }) {
          if prefix[i].1 != cell {
            problems.error(
              "\(context): '\(key)' is '\(cell ?? "null")' but the record sits under key '\(prefix[i].1 ?? "")'",
              at: recordLocation(k))
          }
          continue
        }
        row.append((key, cell))
      }
      rows.append(row)
      recordOfRow.append(k)
    default:
      if let cell = value.cellText, !prefix.isEmpty {
        rows.append(prefix + [(options.valueColumn, cell)])
        recordOfRow.append(k)
      } else {
        problems.error(
          "\(context) is \(value.kindName); expected a record (an object)", at: recordLocation(k),
          hint: options.keys.isEmpty
            ? "a JSON dataset is an array of objects, or objects keyed by value with 'keys:' in gen.yml"
            : "check 'keys:' in gen.yml against the file's nesting")
      }
    }
  }

  /// The rows as typed columns, in order of first appearance; nil after reporting cells
  /// that do not fit a declared type.
  mutating func table(name: String, _ diagnostics: inout Diagnostics) -> Table? {
    var names: [String] = []
    var index: [String: Int] = [:]
    for row in rows {
      for (key, _) in row where index[key] == nil {
        index[key] = names.count
        names.append(key)
      }
    }
    // Cells by column, in one pass over the records.
    var cellsByColumn = [[String?]](
      repeating: [String?](repeating: nil, count: rows.count), count: names.count)
    for (r, row) in rows.enumerated() {
      for (key, value) in row { cellsByColumn[index[key]!][r] = value }
    }
    for (k, column) in names.enumerated() {
      let tokens = options.columnMissingTokens[column] ?? options.missingTokens
      guard !tokens.isEmpty else { continue }
      for r in cellsByColumn[k].indices where cellsByColumn[k][r].map(tokens.contains) == true {
        cellsByColumn[k][r] = nil
      }
    }
    let mark = diagnostics.count
    // A type declared for a column the file does not have is a mistake, not a no-op.
    for column in options.declaredTypes.keys.sorted() where !rows.isEmpty && index[column] == nil {
      diagnostics.error(
        "dataset '\(name)' has no column '\(column)' to give a type",
        at: options.declarationLocations[column] ?? SourceLocation(path: path),
        hint: Suggestion.hintOrList(for: column, in: names, noun: "column"))
    }
    var columns: [Column] = []
    for (k, column) in names.enumerated() {
      do {
        if let time = options.time, time.column == column, options.declaredTypes[column] ?? .date == .date {
          var reading = TimeReading(timezone: time.timezone)
          let built = try ColumnBuilder.build(
            name: column, cells: cellsByColumn[k], declared: options.declaredTypes[column],
            days: { reading.day($0, position: $1) })
          if let warning = reading.warning(
            dataset: name, column: column, at: time.location,
            seenAt: reading.example.map { recordLocation(recordOfRow[$0.position]) })
          {
            diagnostics.append(warning)
          }
          columns.append(built)
          continue
        }
        columns.append(
          try ColumnBuilder.build(
            name: column, cells: cellsByColumn[k], declared: options.declaredTypes[column]))
      } catch {
        let at =
          error.row < recordOfRow.count ? recordLocation(recordOfRow[error.row]) : SourceLocation(path: path)
        diagnostics.error(
          "record \(error.row + 1): '\(error.text.prefix(40))' in '\(column)' is not a \(error.type.rawValue)",
          at: at, hint: "fix the value or change the column's type in gen.yml")
      }
    }
    if diagnostics.hasErrors(since: mark) { return nil }
    return Table(name: name, path: path, columns: columns, rowCount: rows.count)
  }
}
