import GenCore

/// Reads JSON datasets: an array of records, or objects keyed by value
/// (`{"2026-05-24": {"deepseek/…": {…}}}`) whose key levels are named as columns.
public enum JSONReader {
  /// How to read a file.
  public struct Options: Sendable {
    /// Column names for the levels of an object keyed by value, outermost first.
    public var keys: [String]
    /// The column name for scalar leaves of a keyed object.
    public var valueColumn: String
    /// Declared column types.
    public var declaredTypes: [String: ColumnType]
    /// Where in the config the types were declared, for errors about unknown columns.
    public var declarationLocations: [String: SourceLocation]

    /// Creates options.
    public init(
      keys: [String] = [], valueColumn: String = "value", declaredTypes: [String: ColumnType] = [:],
      declarationLocations: [String: SourceLocation] = [:]
    ) {
      self.keys = keys
      self.valueColumn = valueColumn
      self.declaredTypes = declaredTypes
      self.declarationLocations = declarationLocations
    }
  }

  /// Reads a JSON file from disk.
  public static func read(path: String, displayPath: String, name: String, options: Options)
    throws(Diagnostics) -> Table
  {
    let file = try MappedFile.dataset(path: path, displayPath: displayPath)
    return try read(bytes: file.bytes, displayPath: displayPath, name: name, options: options)
  }

  /// Reads JSON from bytes.
  public static func read(
    bytes: UnsafeBufferPointer<UInt8>, displayPath: String, name: String, options: Options
  )
    throws(Diagnostics) -> Table
  {
    let path = displayPath
    let root: JSONValue
    var parser = JSONParser(bytes)
    do {
      root = try parser.parseDocument()
    } catch {
      let location =
        bytes.baseAddress.map { LineIndex(base: $0, count: bytes.count).location(path, error.offset) }
        ?? SourceLocation(path: path, line: 1, column: 1)
      throw Diagnostics([.error("JSON syntax error: \(error.message)", at: location)])
    }

    var rows: [[(String, String?)]] = []
    var problems = Diagnostics()
    // Records are met in document order: the k-th one starts at the k-th value at its
    // depth. Found only when an error needs them, for the first few errors.
    var recordStarts: [Int]?
    let lines = bytes.baseAddress.map { LineIndex(base: $0, count: bytes.count) }
    var recordOfRow: [Int] = []
    var recordCount = 0
    var located = 0
    func recordLocation(_ k: Int) -> SourceLocation {
      located += 1
      guard located <= 20, let lines else { return SourceLocation(path: path) }
      let starts =
        recordStarts ?? JSONOffsets.valueStarts(bytes, depth: options.keys.isEmpty ? 1 : options.keys.count)
      recordStarts = starts
      guard k < starts.count else { return SourceLocation(path: path) }
      return lines.location(path, starts[k])
    }
    func record(_ value: JSONValue, prefix: [(String, String?)], context: String) {
      let k = recordCount
      recordCount += 1
      var at: SourceLocation { recordLocation(k) }  // only worked out for an error
      switch value {
      case .object(let pairs):
        var row = prefix
        for (key, v) in pairs {
          guard let cell = v.cellText else {
            problems.error(
              "\(context): key '\(key)' holds \(v.kindName); a record's values must be text, numbers or null",
              at: at, hint: "flatten the record, or leave the key out")
            continue
          }
          if let k = prefix.firstIndex(where: { $0.0 == key }) {
            if prefix[k].1 != cell {
              problems.error(
                "\(context): '\(key)' is '\(cell ?? "null")' but the record sits under key '\(prefix[k].1 ?? "")'",
                at: at)
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
            "\(context) is \(value.kindName); expected a record (an object)", at: at,
            hint: options.keys.isEmpty
              ? "a JSON dataset is an array of objects, or objects keyed by value with 'keys:' in gen.yml"
              : "check 'keys:' in gen.yml against the file's nesting")
        }
      }
    }

    if options.keys.isEmpty {
      guard case .array(let items) = root else {
        throw Diagnostics([
          .error(
            "JSON dataset is \(root.kindName), not an array of records",
            at: SourceLocation(path: path, line: 1, column: 1),
            hint: "for objects keyed by value, name the key levels in gen.yml, e.g. 'keys: [date, model]'")
        ])
      }
      for (i, item) in items.enumerated() { record(item, prefix: [], context: "record \(i + 1)") }
    } else {
      func descend(_ value: JSONValue, level: Int, prefix: [(String, String?)]) {
        if level == options.keys.count {
          record(
            value, prefix: prefix, context: "entry " + prefix.map { $0.1 ?? "" }.joined(separator: " › "))
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
      descend(root, level: 0, prefix: [])
    }
    if problems.hasErrors { throw Diagnostics(Array(problems.all.prefix(20))) }

    // Columns in order of first appearance.
    var names: [String] = []
    var index: [String: Int] = [:]
    for row in rows {
      for (key, _) in row where index[key] == nil {
        index[key] = names.count
        names.append(key)
      }
    }
    let known = Set(names)
    // Cells by column, in one pass over the records.
    var cellsByColumn = [[String?]](
      repeating: [String?](repeating: nil, count: rows.count), count: names.count)
    for (r, row) in rows.enumerated() {
      for (key, value) in row { cellsByColumn[index[key]!][r] = value }
    }
    // A type declared for a column the file does not have is a mistake, not a no-op.
    for column in options.declaredTypes.keys.sorted() where !rows.isEmpty && !known.contains(column) {
      problems.error(
        "dataset '\(name)' has no column '\(column)' to give a type",
        at: options.declarationLocations[column] ?? SourceLocation(path: path),
        hint: Suggestion.hintOrList(for: column, in: names, noun: "column"))
    }
    var columns: [Column] = []
    for (k, name) in names.enumerated() {
      let cells = cellsByColumn[k]
      do {
        columns.append(
          try ColumnBuilder.build(name: name, cells: cells, declared: options.declaredTypes[name]))
      } catch {
        let at =
          error.row < recordOfRow.count ? recordLocation(recordOfRow[error.row]) : SourceLocation(path: path)
        problems.error(
          "record \(error.row + 1): '\(error.text.prefix(40))' in '\(name)' is not a \(error.type.rawValue)",
          at: at, hint: "fix the value or change the column's type in gen.yml")
      }
    }
    if problems.hasErrors { throw problems }
    return Table(name: name, path: path, columns: columns, rowCount: rows.count)
  }
}
