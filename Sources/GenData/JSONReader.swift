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
    /// The dataset's time column, its `timezone:` and where `time:` is declared: the
    /// column's instants count on their day in that zone (docs/metrics.md).
    public var time: (column: String, timezone: String?, location: SourceLocation?)?
    /// Texts that mean "no value", like null, in every column (`missing:`), and in one
    /// column instead.
    public var missingTokens: Set<String> = []
    public var columnMissingTokens: [String: Set<String>] = [:]

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

  /// Reads a JSON file from disk; nil after reporting what is wrong.
  public static func read(
    path: String, displayPath: String, name: String, options: Options, into diagnostics: inout Diagnostics
  ) -> Table? {
    MappedFile.readDataset(path: path, displayPath: displayPath, into: &diagnostics) { file, problems in
      read(bytes: file.bytes, displayPath: displayPath, name: name, options: options, into: &problems)
    }
  }

  /// Reads JSON from bytes; nil after reporting what is wrong.
  public static func read(
    bytes: UnsafeBufferPointer<UInt8>, displayPath: String, name: String, options: Options,
    into diagnostics: inout Diagnostics
  ) -> Table? {
    let path = displayPath
    let root: JSONValue
    var parser = JSONParser(bytes)
    do {
      root = try parser.parseDocument()
    } catch {
      let location =
        bytes.baseAddress.map { LineIndex(base: $0, count: bytes.count).location(path, error.offset) }
        ?? SourceLocation(path: path, line: 1, column: 1)
      diagnostics.error("JSON syntax error: \(error.message)", at: location)
      return nil
    }
    var records = JSONRecords(bytes: bytes, path: path, options: options)
    if options.keys.isEmpty {
      guard case .array(let items) = root else {
        diagnostics.error(
          "JSON dataset is \(root.kindName), not an array of records",
          at: SourceLocation(path: path, line: 1, column: 1),
          hint: "for objects keyed by value, name the key levels in gen.yml, e.g. 'keys: [date, model]'")
        return nil
      }
      for (i, item) in items.enumerated() { records.record(item, prefix: [], context: "record \(i + 1)") }
    } else {
      records.descend(root, level: 0, prefix: [])
    }
    if records.problems.hasErrors {
      diagnostics.append(contentsOf: records.problems.all.prefix(20))
      return nil
    }
    return records.table(name: name, &diagnostics)
  }
}
