import GenCore

/// Computes derived columns: lookups into another dataset and parts of text columns.
enum DerivedColumns {
  ///
  /// - Parameters:
  ///   - weights: each row's measure (or row count), for the warning that lists values
  ///     without a match with how much they weigh.
  ///   - names: every column of each dataset (its source's and derived ones), for hints.
  static func add(
    _ column: DatasetSpec.DerivedColumn, to table: inout Table, spec: DatasetSpec, weights: [Double],
    tables: [String: Table], names: [String: [String]], specs: [String: DatasetSpec],
    into diagnostics: inout Diagnostics
  ) {
    let own = names[spec.name] ?? table.columnNames
    switch column.rule {
    case .part(let from, let separator, let before):
      addPart(
        column, from: from, separator: separator, before: before, to: &table, spec: spec, names: own,
        &diagnostics)
    case .date(let parts):
      addDate(column, parts: parts, to: &table, spec: spec, names: own, &diagnostics)
    case .expression(let expression, let text):
      addExpression(column, expression, text: text, to: &table, spec: spec, names: own, &diagnostics)
    case .lookup(let rule):
      guard let lookupSpec = specs[rule.dataset] else {
        diagnostics.error(
          "lookup of column '\(column.name)' names dataset '\(rule.dataset)', which is not declared",
          at: column.location,
          hint: Suggestion.hintOrList(for: rule.dataset, in: Array(specs.keys), noun: "dataset"))
        return
      }
      guard let lookup = tables[rule.dataset] else { return }  // its own load failed, already reported
      guard
        let map = lookupMap(
          column, lookupSpec, lookup, value: rule.value, extra: rule.values,
          names: names[rule.dataset] ?? lookup.columnNames,
          &diagnostics)
      else {
        return
      }
      addLookup(
        column, rule, map: map, lookupSpec: lookupSpec, to: &table, spec: spec, weights: weights, names: own,
        &diagnostics)
    }
  }

  /// `{ from: COLUMN, before: "/" }`: the part of a text column before (or after) a separator.
  static func addPart(
    _ column: DatasetSpec.DerivedColumn, from: String, separator: String, before: Bool, to table: inout Table,
    spec: DatasetSpec, names: [String], _ diagnostics: inout Diagnostics
  ) {
    guard let source = table.column(from) else {
      return reportMissing(from, of: column, spec: spec, names: names, &diagnostics)
    }
    let cells: [String?] = (0..<table.rowCount).map { i in
      guard let s = source.string(at: i) else { return nil }
      guard let r = s.range(of: separator) else { return s }
      return String(before ? s[..<r.lowerBound] : s[r.upperBound...])
    }
    if let built = try? ColumnBuilder.build(name: column.name, cells: cells, declared: .text) {
      table.setColumn(built)
    }
  }

  /// The key → value map of a lookup dataset (extra `values:` first); nil after reporting
  /// a missing key or value column. Keys that give two different values are errors.
  static func lookupMap(
    _ column: DatasetSpec.DerivedColumn, _ lookupSpec: DatasetSpec, _ lookup: Table, value valueName: String,
    extra: [String: String], names: [String], _ diagnostics: inout Diagnostics
  ) -> [String: String]? {
    guard let keyName = lookupSpec.key else {
      diagnostics.error(
        "dataset '\(lookupSpec.name)' is used for a lookup but has no 'key:' (the column to match against)",
        at: lookupSpec.location, hint: "add 'key: COLUMN' to dataset '\(lookupSpec.name)'")
      return nil
    }
    guard let keyColumn = lookup.column(keyName), let valueColumn = lookup.column(valueName) else {
      if lookup.column(valueName) == nil {
        diagnostics.error(
          "lookup dataset '\(lookupSpec.name)' has no column '\(valueName)'", at: column.location,
          hint: Suggestion.hintOrList(for: valueName, in: names, noun: "column"))
      }
      return nil
    }
    var map: [String: String] = extra
    var seen = Set<String>()
    var conflicts: [String] = []
    var conflicting = Set<String>()
    for i in 0..<lookup.rowCount {
      guard let k = keyColumn.string(at: i), extra[k] == nil else { continue }
      let v = valueColumn.string(at: i)
      if !seen.insert(k).inserted {
        // The same key twice is fine when it says the same; otherwise gen would have to guess.
        if map[k] != v, conflicting.insert(k).inserted {
          conflicts.append("'\(k)' (\(map[k] ?? "empty") and \(v ?? "empty"))")
        }
        continue
      }
      map[k] = v
    }
    if !conflicts.isEmpty {
      diagnostics.error(
        "lookup dataset '\(lookupSpec.name)' gives different '\(valueName)' for the same '\(keyName)': "
          + conflicts.prefix(10).joined(separator: ", ") + (conflicts.count > 10 ? ", …" : ""),
        at: lookupSpec.location(of: "key"),
        hint:
          "keep one row per key in \(lookupSpec.file), or add 'values:' to column '\(column.name)' to decide")
    }
    return map
  }

  /// The looked-up column: each row's first key column with a match gives its value
  /// (a missing key matches `values: { "": … }`); rows without one get the default, and
  /// their keys are listed in a warning, the largest ten by measure, unless expected
  /// (`unmatched:`). Values are text, or of the lookup's `type:`.
  static func addLookup(
    _ column: DatasetSpec.DerivedColumn, _ rule: DatasetSpec.Lookup, map: [String: String],
    lookupSpec: DatasetSpec, to table: inout Table, spec: DatasetSpec, weights: [Double], names: [String],
    _ diagnostics: inout Diagnostics
  ) {
    var sources: [(codes: [UInt32], dictionary: [String])] = []
    for key in rule.keys {
      guard let c = table.column(key) else {
        diagnostics.error(
          "lookup of column '\(column.name)' matches on '\(key)', which dataset '\(spec.name)' does not have",
          at: column.location, hint: Suggestion.hintOrList(for: key, in: names, noun: "column"))
        return
      }
      sources.append(Dataset.textCodes(of: c))
    }
    // Resolve once per distinct code, not per row: each value gets an id.
    var values: [String] = []
    var ids: [String: Int32] = [:]
    func id(_ value: String?) -> Int32 {
      guard let value else { return -1 }
      if let known = ids[value] { return known }
      ids[value] = Int32(values.count)
      values.append(value)
      return Int32(values.count - 1)
    }
    let resolved: [[Int32]] = sources.map { s in s.dictionary.map { map[$0].map(id) ?? -1 } }
    let missingKey = rule.values[""].map(id) ?? -1
    let defaultValue = id(rule.defaultValue)
    var unmatched: [String: Double] = [:]
    // Output codes in order of first appearance, as a text column read from a file has.
    var outCodes = [Int32](repeating: -1, count: values.count)
    var dictionary: [String] = []
    var codes = [UInt32](repeating: Missing.code, count: table.rowCount)
    for i in 0..<table.rowCount {
      var found: Int32 = -1
      for (k, s) in sources.enumerated() {
        let code = s.codes[i]
        found = code == Missing.code ? missingKey : resolved[k][Int(code)]
        if found >= 0 { break }
      }
      if found < 0 {
        let firstCode = sources[0].codes[i]
        let name = firstCode == Missing.code ? "" : sources[0].dictionary[Int(firstCode)]
        // A missing measure adds nothing; without a measure column, rows are counted.
        unmatched[name, default: 0] += weights[i]
        found = defaultValue
      }
      guard found >= 0, !values[Int(found)].isEmpty else { continue }
      if outCodes[Int(found)] < 0 {
        outCodes[Int(found)] = Int32(dictionary.count)
        dictionary.append(values[Int(found)])
      }
      codes[i] = UInt32(outCodes[Int(found)])
    }
    warnUnmatched(unmatched, column, rule, lookupSpec: lookupSpec, spec: spec, &diagnostics)
    do {
      if (rule.type ?? .text) == .text {
        table.setColumn(Column(name: column.name, storage: .text(codes: codes, dictionary: dictionary)))
      } else {
        // Each distinct value is read in the type once (a last, empty cell for rows without one).
        let typed = try ColumnBuilder.build(name: column.name, cells: dictionary + [nil], declared: rule.type)
        table.setColumn(typed.keeping(rows: codes.map { $0 == Missing.code ? dictionary.count : Int($0) }))
      }
    } catch {
      diagnostics.error(
        "lookup of column '\(column.name)' gives '\(error.text.prefix(40))', which is not \(CSVReader.what(error.type))",
        at: column.location,
        hint: "fix '\(rule.value)' in \(lookupSpec.file), set 'default:' or 'values:', or change 'type:'")
    }
  }

  /// One warning for the keys without a match that are not expected: the ten that weigh
  /// most, with their measure, and how many more.
  static func warnUnmatched(
    _ unmatched: [String: Double], _ column: DatasetSpec.DerivedColumn, _ rule: DatasetSpec.Lookup,
    lookupSpec: DatasetSpec, spec: DatasetSpec, _ diagnostics: inout Diagnostics
  ) {
    let unexpected = unmatched.filter { key, _ in
      switch rule.accepted {
      case .none: true
      case .all: false
      case .listed(let keys): !keys.contains(key) && !(key.isEmpty && keys.contains("missing"))
      }
    }
    guard !unexpected.isEmpty else { return }
    let list = unexpected.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    let unit = spec.value ?? "rows"
    let shown = list.prefix(10).map { key, weight in
      let amount = unit == "rows" ? EnglishList.count(Int(weight), "row") : "\(Formatter.si(weight)) \(unit)"
      return "\(key.isEmpty ? "(missing)" : key) (\(amount))"
    }
    let more = list.count > 10 ? ", and \(list.count - 10) more" : ""
    let values = EnglishList.count(list.count, "value")
    diagnostics.warning(
      "\(values) of '\(rule.keys[0])' in dataset '\(spec.name)' \(list.count == 1 ? "has" : "have") no match in '\(lookupSpec.name)': "
        + shown.joined(separator: ", ") + more,
      at: column.location,
      hint: (rule.defaultValue.map { "they get '\(column.name)' = '\($0)'; " }
        ?? "their '\(column.name)' is missing; ")
        + "add them to \(lookupSpec.file), or accept them with 'unmatched: ok' (or a list of keys)")
  }
}

extension Dataset {
  /// Text codes of a column of any type.
  static func textCodes(of c: Column) -> (codes: [UInt32], dictionary: [String]) {
    if case .text(let codes, let dictionary) = c.storage { return (codes, dictionary) }
    var index: [String: UInt32] = [:]
    var dictionary: [String] = []
    var codes = [UInt32](repeating: Missing.code, count: c.count)
    for i in 0..<c.count {
      guard let s = c.string(at: i) else { continue }
      if let code = index[s] {
        codes[i] = code
      } else {
        let code = UInt32(dictionary.count)
        dictionary.append(s)
        index[s] = code
        codes[i] = code
      }
    }
    return (codes, dictionary)
  }
}
