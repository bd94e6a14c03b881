import Foundation
import GenCore

/// Loads every declared dataset (in parallel) as its rollup, then adds derived columns
/// in dependency order, keeps the rows the dataset's `where:` matches, and checks the
/// time and value columns.
public enum DatasetLoader {
  /// Reads a dataset whose rows live in a database (`postgres:`) into its rollup; nil
  /// after reporting why not. Given by the site pipeline (the database client is a
  /// target of its own).
  public typealias ExternalReader = @Sendable (DatasetSpec, RollupPlan, inout Diagnostics) -> Rollup?

  /// The loaded datasets by name. A dataset that cannot be loaded or checked is left out
  /// and marked failed (``FailedName/dataset(_:)``), so that what uses it stays quiet.
  ///
  /// - Parameters:
  ///   - plans: what the site uses of each dataset (by name); the declaration's own needs
  ///     (value column, lookups, `where:`) are added here. Nil keeps every column.
  ///   - external: the reader of database sources.
  ///   - loaders: whether loader programs run or their cached output is used.
  public static func load(
    _ specs: [DatasetSpec], plans: [String: RollupPlan]? = nil, siteRoot: String,
    external: ExternalReader? = nil, loaders: LoaderRun.Options = .init(),
    into diagnostics: inout Diagnostics
  ) -> [String: Dataset] {
    let full = fullPlans(
      specs, plans ?? Dictionary(specs.map { ($0.name, RollupPlan.everyColumn) }) { a, _ in a })
    let loaded = parallelMap(specs, reportingInto: &diagnostics) { declared, problems -> Rollup? in
      let plan = full[declared.name] ?? RollupPlan()
      // A time column derived from others (`{ date: [year, month, day] }`) is made after
      // reading, from the rollup's keys: the source has none.
      var spec = declared
      if spec.timeIsDerived { spec.time = nil }
      if let loader = spec.loader {
        // The program's output is read like a file (its errors point into the cached copy).
        guard let path = LoaderRun.output(spec, loader, siteRoot: siteRoot, options: loaders, &problems)
        else {
          return nil
        }
        var read = spec
        read.file = path
        return readRollup(read, plan: plan, siteRoot: siteRoot, &problems)
      }
      guard spec.postgres != nil else { return readRollup(spec, plan: plan, siteRoot: siteRoot, &problems) }
      guard let external else {
        problems.error(
          "dataset '\(spec.name)' reads from PostgreSQL, which this build of gen cannot reach",
          at: spec.location(of: "postgres"))
        return nil
      }
      return external(spec, plan, &problems)
    }
    var rollups: [String: Rollup] = [:]
    for (spec, rollup) in zip(specs, loaded) {
      if let rollup { rollups[spec.name] = rollup } else { diagnostics.markFailed(.dataset(spec.name)) }
    }
    deriveColumns(specs, &rollups, &diagnostics)
    var datasets: [String: Dataset] = [:]
    for spec in specs {
      guard let rollup = rollups[spec.name] else { continue }
      if let dataset = finish(spec, rollup, &diagnostics) {
        datasets[spec.name] = dataset
      } else {
        diagnostics.markFailed(.dataset(spec.name))
      }
    }
    return datasets
  }

  /// Each dataset's plan: the site's uses, its own declaration's needs, and the key and
  /// value columns other datasets' lookups read from it; in source columns only.
  static func fullPlans(_ specs: [DatasetSpec], _ plans: [String: RollupPlan]) -> [String: RollupPlan] {
    var full = plans
    let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for spec in specs {
      full[spec.name, default: RollupPlan()].merge(.declared(by: spec))
      for column in spec.derived {
        guard case .lookup(let rule) = column.rule, let lookup = byName[rule.dataset] else { continue }
        full[rule.dataset, default: RollupPlan()].keys.formUnion([lookup.key, rule.value].compactMap { $0 })
      }
    }
    return full.compactMapValues { plan in plan }.reduce(into: [:]) { result, entry in
      result[entry.key] = byName[entry.key].map { entry.value.sourceColumns(of: $0) } ?? entry.value
    }
  }

  /// A dataset's rollup, read from its source.
  static func readRollup(
    _ spec: DatasetSpec, plan: RollupPlan, siteRoot: String, _ diagnostics: inout Diagnostics
  )
    -> Rollup?
  {
    let full = spec.file.hasPrefix("/") ? spec.file : SitePath.join(siteRoot, spec.file)
    var problems = diagnostics.forTask()
    let rollup: Rollup?
    switch spec.format {
    case .csv, .tsv:
      rollup = CSVRollupReader.read(spec, path: full, plan: plan, into: &problems)
    case .json:
      let started = ContinuousClock.now
      let typeLocations = spec.columnTypes.keys.reduce(into: [String: SourceLocation]()) {
        $0[$1] = spec.locations["columns.\($1)"]
      }
      if let table = read(spec, full: full, typeLocations: typeLocations, into: &problems) {
        if let cells = badCells(spec, table, siteRoot: siteRoot) {
          problems.append(contentsOf: cells.all)
          rollup = nil
        } else {
          let stats = DatasetStats(
            source: spec.file,
            bytes: (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? 0,
            milliseconds: DatasetStats.milliseconds(since: started))
          rollup = TableRollup.reduce(table, spec: spec, plan: plan, stats: stats, into: &problems)
        }
      } else {
        rollup = nil
      }
    }
    // A file that cannot be read is a problem of the 'file:' line in gen.yml.
    diagnostics.append(
      contentsOf: problems.all.map { d -> Diagnostic in
        guard d.message.hasPrefix("cannot read dataset file") else { return d }
        var moved = d
        moved.message += " (\(spec.file))"
        moved.location = spec.fileLocation
        return moved
      })
    return rollup
  }

  /// Adds derived columns to the rollups, each dataset after the datasets its lookups read.
  static func deriveColumns(
    _ specs: [DatasetSpec], _ rollups: inout [String: Rollup], _ diagnostics: inout Diagnostics
  ) {
    let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var done = Set<String>()
    var visiting = Set<String>()
    func derive(_ name: String) {
      guard !done.contains(name), let spec = byName[name], var rollup = rollups[name] else { return }
      if visiting.contains(name) {
        diagnostics.error(
          "dataset '\(name)' takes a lookup from itself through other datasets", at: spec.location,
          hint: "lookups must not form a cycle")
        return
      }
      visiting.insert(name)
      let weights = rollup.weights(of: spec.value)
      for column in spec.derived {
        if case .lookup(let rule) = column.rule, rule.dataset != name { derive(rule.dataset) }
        DerivedColumns.add(
          column, to: &rollup.table, spec: spec, weights: weights, tables: rollups.mapValues(\.table),
          names: rollups.mapValues(\.columnNames), specs: byName, into: &diagnostics)
        rollup.addDerivedMeasure(column.name)
        if column.name == spec.time { rollup = rollup.sortedByDay(column.name) }
      }
      visiting.remove(name)
      done.insert(name)
      // A derived time column that could not be made: the dataset fails as a whole, so
      // that its uses do not each report a missing time column.
      if spec.timeIsDerived, let time = spec.time, rollup.table.column(time) == nil {
        diagnostics.markFailed(.dataset(name))
        rollups[name] = nil
        return
      }
      rollups[name] = rollup
    }
    for spec in specs { derive(spec.name) }
  }

  /// The dataset once its `where:` keeps its rows and its key column checks out; nil
  /// after reporting why not.
  static func finish(_ spec: DatasetSpec, _ rollup: Rollup, _ diagnostics: inout Diagnostics) -> Dataset? {
    var rollup = rollup
    let mark = diagnostics.count
    if !spec.filters.isEmpty { rollup = keepMatchingRows(of: rollup, spec: spec, &diagnostics) }
    // A 'where' that names an unknown column or value: its rows cannot be trusted.
    if diagnostics.hasErrors(since: mark) { return nil }
    if rollup.counts.isEmpty {
      diagnostics.error(
        "dataset '\(spec.name)' has no rows", at: spec.fileLocation,
        hint: "\(spec.file) holds no data" + (spec.filters.isEmpty ? "" : ", or its 'where' matches no row"))
      return nil
    }
    if let key = spec.key, rollup.table.column(key) == nil {
      spec.reportNoColumn(key, key: "key", columns: rollup.sourceColumnNames, into: &diagnostics)
      return nil
    }
    return Dataset(spec: spec, rollup: rollup)
  }

  /// The rows of a rollup that match the dataset's `where:` filters.
  static func keepMatchingRows(of rollup: Rollup, spec: DatasetSpec, _ diagnostics: inout Diagnostics)
    -> Rollup
  {
    var codes = CodeCache()
    // The filter needs the columns only: no time column, so no coverage is worked out for
    // rows about to be dropped (the kept rows' dataset works it out once).
    var untimed = spec
    untimed.time = nil
    let filter = RowFilter.compile(
      spec.filters, on: Dataset(spec: untimed, rollup: rollup), codes: &codes, diagnostics: &diagnostics)
    return rollup.keeping(rows: (0..<rollup.counts.count).filter(filter.matches))
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
      var options = JSONReader.Options(
        keys: spec.keys, valueColumn: spec.value ?? "value", declaredTypes: spec.columnTypes,
        declarationLocations: typeLocations)
      options.time = spec.time.map { ($0, spec.timezone, spec.location(of: "time")) }
      options.missingTokens = Set(spec.missingTokens)
      options.columnMissingTokens = spec.columnMissingTokens.mapValues(Set.init)
      return JSONReader.read(
        path: full, displayPath: spec.file, name: spec.name, options: options, into: &diagnostics)
    }
  }

  /// A hint when a file read with the wrong separator holds one column whose name
  /// contains another separator (`week;browser;visits`).
  static func separatorHint(_ columns: [String]) -> String? {
    guard columns.count == 1, let name = columns.first else { return nil }
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
        if column.type != .date { spec.reportTimeNotDates(time, holding: column.type, into: &diagnostics) }
      } else {
        spec.reportNoColumn(time, key: "time", columns: table.columnNames, into: &diagnostics)
      }
    }
    if let value = spec.value {
      if let column = table.column(value) {
        if column.type != .integer && column.type != .decimal {
          spec.reportValueNotNumbers(value, holding: column.type, into: &diagnostics)
        }
      } else {
        spec.reportNoColumn(value, key: "value", columns: table.columnNames, into: &diagnostics)
      }
    }
    if let key = spec.key, table.column(key) == nil {
      spec.reportNoColumn(key, key: "key", columns: table.columnNames, into: &diagnostics)
    }
  }
}
