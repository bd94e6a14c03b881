import Foundation
import GenCore
import GenYAML

extension DatasetSpec {
  /// Keys a dataset declaration may have.
  public static let allowedKeys = [
    "file", "format", "time", "value", "key", "keys", "columns", "description", "source", "delimiter",
    "where", "postgres", "connection", "command", "inputs", "env", "max_age", "timeout", "timezone",
    "missing",
  ]

  /// Reads a dataset declaration from `gen.yml`; nil after reporting its errors (a
  /// declaration with errors is not loaded half-right).
  public static func parse(name: String, node: YAMLNode, into diagnostics: inout Diagnostics) -> DatasetSpec?
  {
    var reader = SpecReader(node, what: "dataset '\(name)'", allowed: allowedKeys)
    defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
    guard node.mapping != nil else { return nil }
    let postgres = postgresSource(&reader)
    let loader = loader(&reader)
    let file =
      postgres.map(\.description) ?? loader.map { _ in ".gen-cache/loaders/\(name).out" }
      ?? reader.string("file", required: true)
    if loader != nil, node["file"] != nil || postgres != nil {
      reader.diagnostics.error(
        "dataset '\(name)' has more than one source", at: reader.location("command"),
        hint: "keep one of 'file:', 'postgres:' and 'command:'")
    }
    if postgres != nil, node["file"] != nil {
      reader.diagnostics.error(
        "dataset '\(name)' has both 'file:' and 'postgres:'", at: reader.location("postgres"),
        hint: "keep one source")
    }
    let connection = reader.string("connection")
    let maxAge = duration("max_age", &reader)
    if maxAge != nil, loader == nil, postgres == nil {
      reader.diagnostics.error(
        "'max_age' is for datasets from a program or a database", at: reader.location("max_age"),
        hint: "a file is read again whenever it changes")
    }
    var locations: [String: SourceLocation] = [:]
    for (key, value) in node.mapping ?? [] { locations[key.scalar ?? ""] = value.location }
    let format =
      postgres != nil
      ? .csv
      : loader != nil
        ? (reader.node["format"] != nil ? reader.choice("format", Format.self) : .csv)
        : format(of: file, &reader)
    let time = reader.string("time")
    let timezone = timezone(&reader)
    let value = reader.string("value")
    let key = reader.string("key")
    let keys = reader.list("keys") ?? []
    let delimiter = delimiter(&reader)
    let filters = DataQuery.parseFilters(node["where"], key: "where", reader: &reader)
    _ = reader.string("description")
    _ = reader.string("source")
    let missing = reader.list("missing") ?? []
    var columnMissing: [String: [String]] = [:]
    let (types, derived) = columns(
      node["columns"], dataset: name, locations: &locations, missing: &columnMissing, &reader)
    guard let file, let format, !reader.diagnostics.hasErrors else { return nil }
    var spec = DatasetSpec(
      name: name, location: node.location, file: file, fileLocation: reader.location("file"), format: format,
      time: time, value: value, key: key, keys: keys, columnTypes: types, derived: derived,
      locations: locations)
    spec.delimiter = delimiter
    spec.filters = filters
    spec.postgres = postgres
    spec.loader = loader
    spec.maxAge = maxAge
    spec.connection = connection
    spec.timezone = timezone
    spec.missingTokens = missing
    spec.columnMissingTokens = columnMissing
    return spec
  }

  /// `timezone:`: a zone identifier from the tz database (`America/New_York`, `UTC`).
  static func timezone(_ reader: inout SpecReader) -> String? {
    guard let text = reader.string("timezone") else { return nil }
    let known = TimeZone.knownTimeZoneIdentifiers + ["UTC", "GMT"]
    guard known.contains(text) else {
      reader.diagnostics.error(
        "'\(text)' is not a time zone gen knows", at: reader.location("timezone"),
        hint: (Suggestion.hint(for: text, in: known).map { "\($0); " } ?? "")
          + "zones are named as in the tz database: America/New_York, Europe/Paris, UTC")
      return nil
    }
    return text
  }

  /// `command: [PROGRAM, ARGS...]` with `inputs:`, `env:`, `max_age:` and `timeout:`.
  private static func loader(_ reader: inout SpecReader) -> Loader? {
    guard reader.node["command"] != nil else {
      for key in ["inputs", "env", "timeout"] where reader.node[key] != nil {
        reader.diagnostics.error(
          "'\(key)' is for datasets made by a program", at: reader.location(key),
          hint: "add 'command:', or remove it")
      }
      return nil
    }
    guard let command = reader.list("command"), !command.isEmpty, !command[0].isEmpty else {
      reader.diagnostics.error(
        "'command' is the program and its arguments, as a list", at: reader.location("command"),
        hint: "e.g. 'command: [python3, loaders/usage.py]'")
      return nil
    }
    return Loader(
      command: command, inputs: reader.list("inputs") ?? [], environment: reader.list("env") ?? [],
      timeout: duration("timeout", &reader) ?? 600)
  }

  /// A duration key's seconds; nil when absent or after reporting a bad one.
  static func duration(_ key: String, _ reader: inout SpecReader) -> Double? {
    guard let text = reader.string(key) else { return nil }
    if let value = seconds(text) { return value }
    reader.diagnostics.error(
      "'\(key)' is a duration such as 90s, 10m, 1h or 1d, not '\(text)'", at: reader.location(key))
    return nil
  }

  /// Seconds in `90s`, `10m`, `1h`, `1d` (or a bare number of seconds).
  static func seconds(_ text: String) -> Double? {
    let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
    if let unit = text.last.flatMap({ units[$0] }), let n = Double(text.dropLast()), n > 0 { return n * unit }
    if let n = Double(text), n > 0 { return n }
    return nil
  }

  /// `postgres: { table: NAME }` or `postgres: { query: SQL }`.
  private static func postgresSource(_ reader: inout SpecReader) -> PostgresSource? {
    guard let node = reader.node["postgres"] else { return nil }
    var sub = SpecReader(node, what: "'postgres' of \(reader.what)", allowed: ["table", "query"])
    defer { reader.diagnostics.append(contentsOf: sub.diagnostics.all) }
    let table = sub.string("table")
    let query = sub.string("query")
    switch (table, query) {
    case (let table?, nil) where !table.isEmpty: return .table(table)
    case (nil, let query?) where !query.isEmpty: return .query(query)
    default:
      sub.diagnostics.error(
        "'postgres' needs one of 'table: SCHEMA.TABLE' or 'query: SQL'", at: node.location,
        hint: "e.g. 'postgres: { table: analytics.usage_events }'")
      return nil
    }
  }

  /// `format:`, else the file's extension.
  private static func format(of file: String?, _ reader: inout SpecReader) -> Format? {
    if reader.node["format"] != nil { return reader.choice("format", Format.self) }
    guard let file else { return nil }
    let ext = SitePath.fileName(of: file).split(separator: ".").last.map { $0.lowercased() } ?? ""
    if let format = Format(rawValue: ext == "txt" ? "tsv" : ext) { return format }
    reader.diagnostics.error(
      "cannot tell the format of '\(file)' from its extension", at: reader.location("file"),
      hint: "use a .csv, .tsv or .json file, or add 'format: csv'")
    return nil
  }

  /// `delimiter:`: one ASCII character, or a name for one.
  private static func delimiter(_ reader: inout SpecReader) -> UInt8? {
    guard let text = reader.string("delimiter") else { return nil }
    let named = ["tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"][text] ?? text
    if named.utf8.count == 1, let byte = named.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D {
      return byte
    }
    reader.diagnostics.error(
      "'delimiter' must be one ASCII character such as ';' or 'tab' (not a quote or line break), not '\(text)'",
      at: reader.location("delimiter"))
    return nil
  }

  /// `columns:`: declared types and derived columns.
  private static func columns(
    _ columns: YAMLNode?, dataset name: String, locations: inout [String: SourceLocation],
    missing: inout [String: [String]], _ reader: inout SpecReader
  ) -> ([String: ColumnType], [DerivedColumn]) {
    var types: [String: ColumnType] = [:]
    var derived: [DerivedColumn] = []
    guard let columns else { return (types, derived) }
    guard let pairs = columns.mapping else {
      reader.diagnostics.error(
        "'columns' in dataset '\(name)' must map column names to types", at: columns.location)
      return (types, derived)
    }
    for (k, v) in pairs {
      let column = k.scalar ?? ""
      locations["columns.\(column)"] = k.location
      if let typeName = v.string {
        if let t = ColumnType(rawValue: typeName) {
          types[column] = t
        } else {
          reader.diagnostics.error(
            "unknown column type '\(typeName)' for '\(column)'", at: v.location,
            hint: Suggestion.hint(for: typeName, in: ColumnType.allCases.map(\.rawValue))
              ?? "use date, integer, decimal or text")
        }
      } else if v.mapping != nil, v["type"] != nil || v["missing"] != nil, v["lookup"] == nil,
        v["from"] == nil
      {
        // A column of the source: its type and the texts that mean "no value".
        var sub = SpecReader(
          v, what: "column '\(column)' of dataset '\(name)'", allowed: ["type", "missing"])
        if v["type"] != nil, let t = sub.choice("type", ColumnType.self) { types[column] = t }
        if v["missing"] != nil { missing[column] = sub.list("missing") ?? [] }
        reader.diagnostics.append(contentsOf: sub.diagnostics.all)
      } else if v.mapping != nil {
        if let rule = parseDerived(column: column, node: v, dataset: name, into: &reader.diagnostics) {
          derived.append(DerivedColumn(name: column, rule: rule, location: k.location))
        }
      } else {
        reader.diagnostics.error(
          "column '\(column)' must be a type (date, integer, decimal, text) or a derived column",
          at: v.location)
      }
    }
    return (types, derived)
  }

  /// `{ lookup: D, key: K, value: V, default:, values:, type:, unmatched: }`.
  private static func lookup(_ node: YAMLNode, what: String, _ diagnostics: inout Diagnostics) -> Lookup? {
    var reader = SpecReader(
      node, what: what, allowed: ["lookup", "key", "value", "default", "values", "type", "unmatched"])
    defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
    let dataset = reader.string("lookup", required: true)
    let keys = reader.list("key")
    let value = reader.string("value", required: true)
    var rule = Lookup(dataset: dataset ?? "", keys: keys ?? [], value: value ?? "")
    rule.defaultValue = reader.string("default")
    if let values = node["values"] {
      if let pairs = values.mapping {
        for (k, v) in pairs { if let key = k.scalar, let value = v.string { rule.values[key] = value } }
      } else {
        reader.diagnostics.error(
          "'values' must map keys to values, e.g. '{ other: Not itemised }'", at: values.location)
      }
    }
    if node["type"] != nil { rule.type = reader.choice("type", ColumnType.self) }
    if let unmatched = node["unmatched"] {
      if unmatched.string == "ok" {
        rule.accepted = .all
      } else if let list = unmatched.scalarList, unmatched.string == nil {
        rule.accepted = .listed(Set(list))
      } else {
        reader.diagnostics.error(
          "'unmatched' is 'ok' (no key needs a match) or a list of the keys expected to have none",
          at: unmatched.location)
      }
    }
    if keys == nil, node["key"] == nil {
      reader.diagnostics.error(
        "\(what) needs 'key': the column (or list of columns) to match", at: node.location)
    }
    guard dataset != nil, keys != nil, value != nil, !reader.diagnostics.hasErrors else { return nil }
    return rule
  }

  private static func parseDerived(
    column: String, node: YAMLNode, dataset: String, into diagnostics: inout Diagnostics
  ) -> Derived? {
    let what = "derived column '\(column)' of dataset '\(dataset)'"
    if node["lookup"] != nil { return lookup(node, what: what, &diagnostics).map(Derived.lookup) }
    if node["expr"] != nil {
      var reader = SpecReader(node, what: what, allowed: ["expr"])
      defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
      guard let text = reader.string("expr", required: true) else { return nil }
      do {
        return .expression(try ColumnExpression.parse(text), text: text)
      } catch {
        reader.diagnostics.error(
          "\(what): \(error.message) in '\(text)' (at character \(error.offset + 1))",
          at: reader.location("expr"),
          hint:
            "use numbers, column names, + - * /, comparisons, and, or, not, ( ) and if(condition, then, else)"
        )
        return nil
      }
    }
    if node["date"] != nil {
      var reader = SpecReader(node, what: what, allowed: ["date"])
      defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
      guard let parts = reader.list("date"), (2...3).contains(parts.count) else {
        reader.diagnostics.error(
          "\(what) needs 'date: [YEAR, MONTH, DAY]' (or [YEAR, MONTH]): the columns of the date's parts",
          at: node.location)
        return nil
      }
      return .date(parts: parts)
    }
    if node["from"] != nil {
      var reader = SpecReader(node, what: what, allowed: ["from", "before", "after"])
      defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
      let from = reader.string("from", required: true)
      let before = reader.string("before")
      let after = reader.string("after")
      if (before == nil) == (after == nil) {
        reader.diagnostics.error(
          "\(what) needs exactly one of 'before' or 'after' (the separator)", at: node.location)
      }
      guard let from, let separator = before ?? after, !separator.isEmpty else { return nil }
      return .part(from: from, separator: separator, before: before != nil)
    }
    diagnostics.error(
      "\(what) must be a lookup ({ lookup: DATASET, key: COLUMN, value: COLUMN }), a part ({ from: COLUMN, before: \"/\" }), a date ({ date: [year, month, day] }) or arithmetic ({ expr: \"a - b\" })",
      at: node.location)
    return nil
  }
}
