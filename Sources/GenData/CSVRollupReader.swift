import Foundation
import GenCore

/// Reads a CSV file straight into its rollup: the file is memory-mapped and split into
/// chunks at record boundaries, every core takes chunks in turn and folds each record
/// into its own accumulator (no column of the file is ever held), and pages are released
/// as they are read. Memory follows the rollup, not the file: a file larger than memory
/// builds. Cells are checked as they are read and reported at `file:line:col`.
enum CSVRollupReader {
  /// What each column of the file is for.
  struct Role {
    var isTime = false
    /// Whether some texts of the column mean "no value" (`missing:`).
    var hasMissingTokens = false
    var key = -1
    var measure = -1
    var extreme = -1
    /// How a numeric column's cells are read.
    var number = NumberKind.none
  }

  enum NumberKind {
    case none
    /// Inferred: whole numbers while they last, then decimals.
    case any
    /// Declared `integer`: a decimal is a bad cell.
    case whole
    /// Declared `decimal`.
    case decimal
  }

  /// The columns and how to read them, worked out from the header and a sample.
  struct Layout {
    var header: [String]
    var roles: [Role]
    var timeIndex: Int?
    var keys: [String]
    var measures: [String]
    var extremes: [String]
    var types: [ColumnType]
    /// The zone whose days the time column's instants count on (`timezone:`).
    var timezone: String?
    /// Per column: the texts that mean "no value" besides an empty cell (`missing:`).
    var missingTokens: [[[UInt8]]] = []
  }

  /// Reads a dataset's CSV or TSV file into its rollup; nil after reporting what is wrong.
  static func read(
    _ spec: DatasetSpec, path: String, plan: RollupPlan, into diagnostics: inout Diagnostics
  ) -> Rollup? {
    let started = ContinuousClock.now
    return MappedFile.readDataset(path: path, displayPath: spec.file, into: &diagnostics) { file, problems in
      read(spec, file: file, plan: plan, started: started, into: &problems)
    }
  }

  /// Reads the mapped file of a CSV or TSV dataset into its rollup.
  private static func read(
    _ spec: DatasetSpec, file: MappedFile, plan: RollupPlan, started: ContinuousClock.Instant,
    into diagnostics: inout Diagnostics
  ) -> Rollup? {
    guard let start = CSVReader.bodyStart(file.bytes, path: spec.file, &diagnostics),
      let base = file.bytes.baseAddress
    else { return nil }
    let options = CSVReader.Options(
      delimiter: spec.delimiter ?? (spec.format == .tsv ? 0x09 : 0x2C), declaredTypes: spec.columnTypes,
      declarationLocations: spec.columnTypes.keys.reduce(into: [:]) {
        $0[$1] = spec.locations["columns.\($1)"]
      })
    let end = file.bytes.count
    let lines = LineIndex(base: base, count: end)
    guard
      let (header, headerEnd) = CSVReader.readHeader(
        base, start: start, end: end, name: spec.name, options, lines, spec.file, &diagnostics)
    else { return nil }
    let missing = header.map { Set(spec.missingTokens(of: $0)) }
    var sample = Sample(
      base, from: headerEnd, to: end, delimiter: options.delimiter, columns: header.count, missing: missing)
    for (j, column) in header.enumerated() { if let t = spec.columnTypes[column] { sample.types[j] = t } }
    guard var layout = layout(spec, header: header, sample: sample, plan: plan, &diagnostics) else {
      return nil
    }
    layout.timezone = spec.timezone
    layout.missingTokens = header.map {
      spec.missingTokens(of: $0).filter { !$0.isEmpty }.map { Array($0.utf8) }
    }
    for j in header.indices { layout.roles[j].hasMissingTokens = !layout.missingTokens[j].isEmpty }
    let chunks = Chunking.split(base, from: headerEnd, to: end, delimiter: options.delimiter, file: file)
    let outcome = CSVRollupChunks(
      bytes: base, delimiter: options.delimiter, layout: layout, file: file
    ).run(chunks)
    guard let textMeasures = settle(outcome, spec, &layout, lines: lines, &diagnostics) else { return nil }
    let seenAt = outcome.time.example.map { lines.locations(spec.file, [$0.position])[0] }
    if let warning = outcome.time.warning(spec, at: spec.location(of: "time"), seenAt: seenAt) {
      diagnostics.append(warning)
    }
    let parts = RollupParts(
      accumulators: outcome.accumulators, time: spec.time, keys: layout.keys, measures: layout.measures,
      extremes: layout.extremes, declaredTypes: spec.columnTypes,
      sourceColumns: Array(zip(header, layout.types)), name: spec.name, path: spec.file,
      locate: { offsets in lines.locations(spec.file, offsets) })
    let stats = DatasetStats(
      source: spec.file, bytes: end, milliseconds: DatasetStats.milliseconds(since: started))
    guard var rollup = RollupAssembler.assemble(parts, stats: stats, into: &diagnostics) else { return nil }
    // Columns that turned out to hold text are not summed (what sums them says so).
    for name in textMeasures {
      rollup.measures[name] = nil
      rollup.extremes[name] = nil
    }
    return rollup
  }

  /// Which columns the rollup reads and how: the time column, keys, measures and
  /// extremes the plan names and the file has (others are reported where they are used).
  static func layout(
    _ spec: DatasetSpec, header: [String], sample: Sample, plan: RollupPlan, _ diagnostics: inout Diagnostics
  ) -> Layout? {
    let mark = diagnostics.count
    let types = sample.types
    var roles = [Role](repeating: Role(), count: header.count)
    let index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var timeIndex: Int?
    if let time = spec.time {
      if let j = index[time] {
        if spec.columnTypes[time] == .date || spec.columnTypes[time] == nil && sample.mostly(j, .date) {
          roles[j].isTime = true
          timeIndex = j
        } else {
          spec.reportTimeNotDates(time, holding: types[j], into: &diagnostics)
        }
      } else {
        spec.reportNoColumn(time, key: "time", columns: header, into: &diagnostics)
      }
    }
    if let value = spec.value {
      if let j = index[value] {
        let declared = spec.columnTypes[value]
        if declared.map({ $0 != .integer && $0 != .decimal }) ?? !sample.mostly(j, .decimal) {
          spec.reportValueNotNumbers(value, holding: declared ?? types[j], into: &diagnostics)
        }
      } else {
        spec.reportNoColumn(value, key: "value", columns: header, into: &diagnostics)
      }
    }
    // The key may also be a derived column, checked once those are worked out.
    if let key = spec.key, index[key] == nil, !spec.derived.contains(where: { $0.name == key }) {
      spec.reportNoColumn(key, key: "key", columns: header, into: &diagnostics)
    }
    if diagnostics.hasErrors(since: mark) { return nil }
    // Every column: each kept as a key, the numeric ones summed too.
    let every = plan.keepsEveryColumn ? Set(header) : []
    let numeric = every.filter { spec.columnTypes[$0] == nil && sample.mostly(index[$0]!, .decimal) }
    let keys = plan.keys.union(every).filter { index[$0] != nil && $0 != spec.time }.sorted()
    let measures = plan.measures.union(numeric).filter { index[$0] != nil }.sorted()
    let extremes = plan.extremes.union(numeric).filter { index[$0] != nil }.sorted()
    for (k, name) in keys.enumerated() { roles[index[name]!].key = k }
    for (m, name) in measures.enumerated() { roles[index[name]!].measure = m }
    for (e, name) in extremes.enumerated() { roles[index[name]!].extreme = e }
    for (j, column) in header.enumerated() where roles[j].measure >= 0 || roles[j].extreme >= 0 {
      switch spec.columnTypes[column] {
      case .integer?: roles[j].number = .whole
      case .decimal?: roles[j].number = .decimal
      case nil: roles[j].number = sample.mostly(j, .decimal) ? .any : .none
      default: roles[j].number = .none
      }
    }
    return Layout(
      header: header, roles: roles, timeIndex: timeIndex, keys: keys, measures: measures, extremes: extremes,
      types: types)
  }

  /// Reports what reading found: broken records, and cells that do not fit their column.
  /// A numeric or date column where most cells fit has its other cells reported; one
  /// where most do not holds text (an error for the time and value columns; other
  /// columns are returned, to be left out of the rollup's sums). Nil after errors.
  static func settle(
    _ outcome: CSVRollupChunks.Outcome, _ spec: DatasetSpec, _ layout: inout Layout, lines: LineIndex,
    _ diagnostics: inout Diagnostics
  ) -> Set<String>? {
    let mark = diagnostics.count
    var problems = outcome.problems
    var textColumns = Set<String>()
    for (j, column) in layout.header.enumerated() where outcome.bad[j] > 0 {
      let mostlyFit = outcome.good[j] >= outcome.bad[j]
      let declared = spec.columnTypes[column] != nil
      if mostlyFit || declared { continue }
      // Most cells are not numbers or dates: the column is text; its cells are not errors.
      problems.removeAll { if case .badValue(let c, _, _) = $0.kind { c == j } else { false } }
      layout.types[j] = .text
      if layout.roles[j].isTime {
        spec.reportTimeNotDates(column, holding: .text, into: &diagnostics)
      } else if column == spec.value {
        spec.reportValueNotNumbers(column, holding: .text, into: &diagnostics)
      } else {
        textColumns.insert(column)
      }
    }
    for (j, role) in layout.roles.enumerated()
    where role.number == .none && (role.measure >= 0 || role.extreme >= 0) {
      if layout.header[j] == spec.value {
        spec.reportValueNotNumbers(layout.header[j], holding: layout.types[j], into: &diagnostics)
      }
      textColumns.insert(layout.header[j])
    }
    let badCells = layout.header.indices.filter { !textColumns.contains(layout.header[$0]) }.reduce(0) {
      $0 + outcome.bad[$1]
    }
    if !problems.isEmpty {
      CSVReader.report(
        problems, header: layout.header, path: spec.file, lines: lines, total: outcome.structural + badCells,
        &diagnostics)
    }
    return diagnostics.hasErrors(since: mark) ? nil : textColumns
  }

  /// The first records of a file: each column's type (the narrowest holding every value),
  /// and how many of its cells read as dates and as numbers.
  struct Sample {
    var types: [ColumnType]
    var dates: [Int]
    var numbers: [Int]
    var filled: [Int]

    init(
      _ b: UnsafePointer<UInt8>, from start: Int, to end: Int, delimiter: UInt8, columns: Int,
      missing: [Set<String>] = []
    ) {
      var types: [ColumnType?] = Array(repeating: nil, count: columns)
      dates = Array(repeating: 0, count: columns)
      numbers = dates
      filled = dates
      var pos = start
      var records = 0
      while pos < end, records < 1000 {
        let (fields, next, problem) = CSVReader.parseRecord(b, from: pos, to: end, delimiter: delimiter)
        pos = next
        if problem != nil { break }
        if fields.count == 1 && fields[0].isEmpty { continue }
        records += 1
        for (j, value) in fields.prefix(columns).enumerated()
        where !value.isEmpty && !(j < missing.count && missing[j].contains(value)) {
          let t = TypeInference.type(of: value)
          types[j] = types[j].map { TypeInference.join($0, t) } ?? t
          filled[j] += 1
          if t == .date { dates[j] += 1 }
          if t == .integer || t == .decimal { numbers[j] += 1 }
        }
      }
      self.types = types.map { $0 ?? .integer }
    }

    /// Whether most of a column's sampled cells read as dates (`.date`) or numbers (`.decimal`);
    /// an empty column reads as either.
    func mostly(_ j: Int, _ type: ColumnType) -> Bool {
      let fit = type == .date ? dates[j] : numbers[j]
      return fit * 2 > filled[j] || filled[j] == 0
    }
  }
}
