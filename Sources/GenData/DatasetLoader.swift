import Foundation
import GenCore

/// Loads every declared dataset (in parallel), then adds derived columns in
/// dependency order and checks the time and value columns.
public enum DatasetLoader {
  /// The loaded datasets by name. A dataset that cannot be loaded or checked is left out
  /// and marked failed (``FailedName/dataset(_:)``), so that what uses it stays quiet.
  public static func load(
    _ specs: [DatasetSpec], siteRoot: String, cache: TableCache? = nil, into diagnostics: inout Diagnostics
  ) -> [String: Dataset] {
    let loaded = parallelMap(specs, reportingInto: &diagnostics) { spec, problems -> Table? in
      readTable(spec, siteRoot: siteRoot, cache: cache, &problems)
    }
    var tables: [String: Table] = [:]
    for (spec, table) in zip(specs, loaded) {
      if let table { tables[spec.name] = table } else { diagnostics.markFailed(.dataset(spec.name)) }
    }
    deriveColumns(specs, &tables, &diagnostics)
    var datasets: [String: Dataset] = [:]
    for spec in specs {
      guard let table = tables[spec.name] else { continue }
      if let dataset = finish(spec, table, siteRoot: siteRoot, &diagnostics) {
        datasets[spec.name] = dataset
      } else {
        diagnostics.markFailed(.dataset(spec.name))
      }
    }
    return datasets
  }

  /// A dataset's table: from the cache when its file is large and unchanged, else read.
  static func readTable(
    _ spec: DatasetSpec, siteRoot: String, cache: TableCache?, _ diagnostics: inout Diagnostics
  )
    -> Table?
  {
    let full = spec.file.hasPrefix("/") ? spec.file : SitePath.join(siteRoot, spec.file)
    let typeLocations = spec.columnTypes.keys.reduce(into: [String: SourceLocation]()) {
      $0[$1] = spec.locations["columns.\($1)"]
    }
    // Large files: a parsed copy in the cache, keyed by the file's bytes.
    var cacheKey: String?
    if let cache, let size = try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int,
      size >= cache.minimumSize, let file = try? MappedFile(path: full)
    {
      let key = cache.key(
        file: file,
        options:
          "\(spec.format) \(spec.delimiter ?? 0) \(spec.keys) \(spec.value ?? "") \(spec.columnTypes.sorted { $0.key < $1.key })"
      )
      if let table = cache.load(key: key, name: spec.name, path: spec.file) { return table }
      cacheKey = key
    }
    var problems = diagnostics.forTask()
    let table = read(spec, full: full, typeLocations: typeLocations, into: &problems)
    // A file that cannot be read is a problem of the 'file:' line in gen.yml.
    diagnostics.append(
      contentsOf: problems.all.map { d -> Diagnostic in
        guard d.message.hasPrefix("cannot read dataset file") else { return d }
        var moved = d
        moved.message += " (\(spec.file))"
        moved.location = spec.fileLocation
        return moved
      })
    if let table, let cache, let cacheKey { cache.store(table, key: cacheKey) }
    return table
  }

  /// Adds derived columns, each dataset after the datasets its lookups read.
  static func deriveColumns(
    _ specs: [DatasetSpec], _ tables: inout [String: Table], _ diagnostics: inout Diagnostics
  ) {
    let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var done = Set<String>()
    var visiting = Set<String>()
    func derive(_ name: String) {
      guard !done.contains(name), let spec = byName[name], var table = tables[name] else { return }
      if visiting.contains(name) {
        diagnostics.error(
          "dataset '\(name)' takes a lookup from itself through other datasets", at: spec.location,
          hint: "lookups must not form a cycle")
        return
      }
      visiting.insert(name)
      for column in spec.derived {
        if case .lookup(let other, _, _, _, _) = column.rule, other != name { derive(other) }
        DerivedColumns.add(column, to: &table, spec: spec, tables: tables, specs: byName, into: &diagnostics)
      }
      visiting.remove(name)
      done.insert(name)
      tables[name] = table
    }
    for spec in specs { derive(spec.name) }
  }

  /// The dataset once its `where:` keeps its rows and its time, value and key columns
  /// check out; nil after reporting why not.
  static func finish(_ spec: DatasetSpec, _ table: Table, siteRoot: String, _ diagnostics: inout Diagnostics)
    -> Dataset?
  {
    var table = table
    let mark = diagnostics.count
    if !spec.filters.isEmpty { table = keepMatchingRows(of: table, spec: spec, &diagnostics) }
    if let cells = badCells(spec, table, siteRoot: siteRoot) {
      // The time or value column was read as text because of some cells: name them.
      diagnostics.append(contentsOf: cells.all)
      return nil
    }
    // A 'where' that names an unknown column or value: its rows cannot be trusted.
    if diagnostics.hasErrors(since: mark) { return nil }
    if table.rowCount == 0 {
      diagnostics.error(
        "dataset '\(spec.name)' has no rows", at: spec.fileLocation,
        hint: "\(spec.file) holds no data" + (spec.filters.isEmpty ? "" : ", or its 'where' matches no row"))
      return nil
    }
    check(spec, table, &diagnostics)
    return diagnostics.hasErrors(since: mark) ? nil : Dataset(spec: spec, table: table)
  }

  /// The rows of a table that match the dataset's `where:` filters.
  static func keepMatchingRows(of table: Table, spec: DatasetSpec, _ diagnostics: inout Diagnostics) -> Table
  {
    var codes = CodeCache()
    // The filter needs the columns only: no time column, so no coverage is worked out for
    // rows about to be dropped (the kept rows' dataset works it out once).
    var untimed = spec
    untimed.time = nil
    let filter = RowFilter.compile(
      spec.filters, on: Dataset(spec: untimed, table: table), codes: &codes, diagnostics: &diagnostics)
    return table.keeping(rows: (0..<table.rowCount).filter(filter.matches))
  }

  /// When the time column is not all dates, or the value column not all numbers, because
  /// of a few cells: those cells, each at its file, line and column (found by reading the
  /// file again with the column's type declared). Nil when the columns are fine or the
  /// type was declared (the reader has reported the cells already).
  static func badCells(_ spec: DatasetSpec, _ table: Table, siteRoot: String) -> Diagnostics? {
    /// Whether most of a text column's values read as the type (a few typos, not the
    /// wrong column).
    func mostlyReads(_ c: Column, as type: ColumnType) -> Bool {
      guard case .text(let codes, let dictionary) = c.storage else { return false }
      let reads = dictionary.map {
        TypeInference.type(of: $0) == type || type == .decimal && TypeInference.type(of: $0) == .integer
      }
      var good = 0
      var all = 0
      for code in codes where code != Missing.code {
        all += 1
        if reads[Int(code)] { good += 1 }
      }
      return all > 0 && good * 2 > all
    }
    var expected: [String: ColumnType] = [:]
    if let t = spec.time, spec.columnTypes[t] == nil, let c = table.column(t), mostlyReads(c, as: .date) {
      expected[t] = .date
    }
    if let v = spec.value, spec.columnTypes[v] == nil, let c = table.column(v), mostlyReads(c, as: .decimal) {
      expected[v] = .decimal
    }
    guard !expected.isEmpty else { return nil }
    var declared = spec
    declared.columnTypes.merge(expected) { a, _ in a }
    let full = spec.file.hasPrefix("/") ? spec.file : SitePath.join(siteRoot, spec.file)
    var problems = Diagnostics()
    _ = read(declared, full: full, typeLocations: [:], into: &problems)
    return problems.hasErrors ? problems : nil
  }

  /// Parses a dataset file.
  static func read(
    _ spec: DatasetSpec, full: String, typeLocations: [String: SourceLocation],
    into diagnostics: inout Diagnostics
  ) -> Table? {
    switch spec.format {
    case .csv, .tsv:
      let options = CSVReader.Options(
        delimiter: spec.delimiter ?? (spec.format == .tsv ? 0x09 : 0x2C), declaredTypes: spec.columnTypes,
        declarationLocations: typeLocations)
      return CSVReader.read(
        path: full, displayPath: spec.file, name: spec.name, options: options, into: &diagnostics)
    case .json:
      let options = JSONReader.Options(
        keys: spec.keys, valueColumn: spec.value ?? "value", declaredTypes: spec.columnTypes,
        declarationLocations: typeLocations)
      return JSONReader.read(
        path: full, displayPath: spec.file, name: spec.name, options: options, into: &diagnostics)
    }
  }

  /// A hint when a file read with the wrong separator holds one column whose name
  /// contains another separator (`week;browser;visits`).
  static func separatorHint(_ table: Table) -> String? {
    guard table.columns.count == 1, let name = table.columnNames.first else { return nil }
    for (separator, written) in [(";", "\";\""), ("\t", "tab"), ("|", "pipe"), (",", "comma")]
    where name.contains(separator) {
      return
        "the header '\(name.prefix(40))' looks separated by \(written == "tab" ? "tabs" : "'\(separator)'"): add 'delimiter: \(written)'"
    }
    return nil
  }

  /// Checks that `time:` names a date column and `value:` a numeric one.
  static func check(_ spec: DatasetSpec, _ table: Table, _ diagnostics: inout Diagnostics) {
    if let time = spec.time {
      if let column = table.column(time) {
        if column.type != .date {
          diagnostics.error(
            "time column '\(time)' of dataset '\(spec.name)' holds \(column.type.rawValue) values, not dates",
            at: spec.location(of: "time"),
            hint: "dates are written YYYY-MM-DD; or declare 'columns: { \(time): date }'")
        }
      } else {
        diagnostics.error(
          "dataset '\(spec.name)' has no column '\(time)'", at: spec.location(of: "time"),
          hint: separatorHint(table)
            ?? Suggestion.hintOrList(for: time, in: table.columnNames, noun: "column"))
      }
    }
    if let value = spec.value {
      if let column = table.column(value) {
        if column.type != .integer && column.type != .decimal {
          diagnostics.error(
            "value column '\(value)' of dataset '\(spec.name)' holds \(column.type.rawValue), not numbers",
            at: spec.location(of: "value"))
        }
      } else {
        diagnostics.error(
          "dataset '\(spec.name)' has no column '\(value)'", at: spec.location(of: "value"),
          hint: separatorHint(table)
            ?? Suggestion.hintOrList(for: value, in: table.columnNames, noun: "column"))
      }
    }
    if let key = spec.key, table.column(key) == nil {
      diagnostics.error(
        "dataset '\(spec.name)' has no column '\(key)'", at: spec.location(of: "key"),
        hint: Suggestion.hintOrList(for: key, in: table.columnNames, noun: "column"))
    }
  }
}
