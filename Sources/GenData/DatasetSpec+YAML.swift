import GenCore
import GenYAML

extension DatasetSpec {
  /// Keys a dataset declaration may have.
  public static let allowedKeys = [
    "file", "format", "time", "value", "key", "keys", "columns", "description", "source", "delimiter",
    "where",
  ]

  /// Reads a dataset declaration from `gen.yml`.
  public static func parse(name: String, node: YAMLNode) -> (DatasetSpec?, Diagnostics) {
    var reader = SpecReader(node, what: "dataset '\(name)'", allowed: allowedKeys)
    guard node.mapping != nil else { return (nil, reader.diagnostics) }
    let file = reader.string("file", required: true)
    var locations: [String: SourceLocation] = [:]
    for (key, value) in node.mapping ?? [] { locations[key.scalar ?? ""] = value.location }

    var format: Format?
    if node["format"] != nil {
      format = reader.choice("format", Format.self)
    } else if let file {
      let ext = SitePath.fileName(of: file).split(separator: ".").last.map { $0.lowercased() } ?? ""
      format = Format(rawValue: ext == "txt" ? "tsv" : ext)
      if format == nil {
        reader.diagnostics.error(
          "cannot tell the format of '\(file)' from its extension", at: reader.location("file"),
          hint: "use a .csv, .tsv or .json file, or add 'format: csv'")
      }
    }
    let time = reader.string("time")
    let value = reader.string("value")
    let key = reader.string("key")
    let keys = reader.list("keys") ?? []
    var delimiter: UInt8?
    if let text = reader.string("delimiter") {
      let named = ["tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"][text] ?? text
      if named.utf8.count == 1, let byte = named.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D {
        delimiter = byte
      } else {
        reader.diagnostics.error(
          "'delimiter' must be one ASCII character such as ';' or 'tab' (not a quote or line break), not '\(text)'",
          at: reader.location("delimiter"))
      }
    }
    let filters = DataQuery.parseFilters(node["where"], key: "where", reader: &reader)
    _ = reader.string("description")
    _ = reader.string("source")

    var types: [String: ColumnType] = [:]
    var derived: [DerivedColumn] = []
    if let columns = node["columns"] {
      if let pairs = columns.mapping {
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
          } else if v.mapping != nil {
            let (rule, problems) = parseDerived(column: column, node: v, dataset: name)
            reader.diagnostics.append(contentsOf: problems.all)
            if let rule { derived.append(DerivedColumn(name: column, rule: rule, location: k.location)) }
          } else {
            reader.diagnostics.error(
              "column '\(column)' must be a type (date, integer, decimal, text) or a derived column",
              at: v.location)
          }
        }
      } else {
        reader.diagnostics.error(
          "'columns' in dataset '\(name)' must map column names to types", at: columns.location)
      }
    }
    guard let file, let format else { return (nil, reader.diagnostics) }
    var spec = DatasetSpec(
      name: name, location: node.location, file: file, fileLocation: reader.location("file"), format: format,
      time: time, value: value, key: key, keys: keys, columnTypes: types, derived: derived,
      locations: locations)
    spec.delimiter = delimiter
    spec.filters = filters
    return (spec, reader.diagnostics)
  }

  private static func parseDerived(column: String, node: YAMLNode, dataset: String) -> (Derived?, Diagnostics)
  {
    let what = "derived column '\(column)' of dataset '\(dataset)'"
    if node["lookup"] != nil {
      var reader = SpecReader(node, what: what, allowed: ["lookup", "key", "value", "default", "values"])
      let lookup = reader.string("lookup", required: true)
      let keys = reader.list("key")
      let value = reader.string("value", required: true)
      let defaultValue = reader.string("default")
      var extra: [String: String] = [:]
      if let values = node["values"] {
        if let pairs = values.mapping {
          for (k, v) in pairs { if let key = k.scalar, let value = v.string { extra[key] = value } }
        } else {
          reader.diagnostics.error(
            "'values' must map keys to values, e.g. '{ other: Not itemised }'", at: values.location)
        }
      }
      if keys == nil, node["key"] == nil {
        reader.diagnostics.error(
          "\(what) needs 'key': the column (or list of columns) to match", at: node.location)
      }
      guard let lookup, let keys, let value else { return (nil, reader.diagnostics) }
      return (
        .lookup(dataset: lookup, keys: keys, value: value, defaultValue: defaultValue, values: extra),
        reader.diagnostics
      )
    }
    if node["from"] != nil {
      var reader = SpecReader(node, what: what, allowed: ["from", "before", "after"])
      let from = reader.string("from", required: true)
      let before = reader.string("before")
      let after = reader.string("after")
      if (before == nil) == (after == nil) {
        reader.diagnostics.error(
          "\(what) needs exactly one of 'before' or 'after' (the separator)", at: node.location)
      }
      guard let from, let separator = before ?? after, !separator.isEmpty else {
        return (nil, reader.diagnostics)
      }
      return (.part(from: from, separator: separator, before: before != nil), reader.diagnostics)
    }
    var problems = Diagnostics()
    problems.error(
      "\(what) must be a lookup ({ lookup: DATASET, key: COLUMN, value: COLUMN }) or a part ({ from: COLUMN, before: \"/\" })",
      at: node.location)
    return (nil, problems)
  }
}
