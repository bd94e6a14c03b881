import GenCore
import GenData

extension PostgresReader {
  /// The columns the rollup query groups by, sums and takes extremes of.
  struct Layout {
    var keys: [String]
    var measures: [String]
    var extremes: [String]
    /// Per measure: whether its column holds whole numbers (its sums stay exact).
    var wholeMeasures: [Bool]
  }

  /// gen's type of a PostgreSQL type (by its OID); types gen does not compute with are text.
  static func columnType(oid: UInt32) -> ColumnType {
    switch oid {
    case 20, 21, 23: return .integer  // int8, int2, int4
    case 700, 701, 1700: return .decimal  // float4, float8, numeric
    case 1082, 1114, 1184: return .date  // date, timestamp, timestamptz (cut to days)
    default: return .text
    }
  }

  /// What to ask the database for, after checking the declaration's columns against the
  /// relation's; nil after reporting.
  static func layout(
    _ spec: DatasetSpec, columns: [(name: String, type: ColumnType)], plan: RollupPlan,
    _ diagnostics: inout Diagnostics
  ) -> Layout? {
    let mark = diagnostics.count
    let types = Dictionary(columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
    let names = columns.map(\.name)
    func missing(_ column: String, _ key: String) {
      diagnostics.error(
        "\(spec.file) has no column '\(column)'", at: spec.location(of: key),
        hint: Suggestion.hintOrList(for: column, in: names, noun: "column"))
    }
    if let time = spec.time {
      if let type = types[time] {
        if type != .date {
          diagnostics.error(
            "time column '\(time)' of dataset '\(spec.name)' is not a date or timestamp",
            at: spec.location(of: "time"),
            hint: "name a column of type date, timestamp or timestamptz, or cast one in 'query:'")
        }
      } else {
        missing(time, "time")
      }
    }
    if let value = spec.value {
      if let type = types[value] {
        if type != .integer && type != .decimal {
          spec.reportValueNotNumbers(value, holding: .text, into: &diagnostics)
        }
      } else {
        missing(value, "value")
      }
    }
    if let key = spec.key, types[key] == nil, !spec.derived.contains(where: { $0.name == key }) {
      missing(key, "key")
    }
    if diagnostics.hasErrors(since: mark) { return nil }
    let numeric = Set(columns.filter { $0.type == .integer || $0.type == .decimal }.map(\.name))
    let every = plan.keepsEveryColumn ? Set(names) : []
    let keys = plan.keys.union(every).filter { types[$0] != nil && $0 != spec.time }.sorted()
    let measures = plan.measures.union(every.intersection(numeric)).intersection(numeric).sorted()
    let extremes = plan.extremes.union(every.intersection(numeric)).intersection(numeric).sorted()
    return Layout(
      keys: keys, measures: measures, extremes: extremes,
      wholeMeasures: measures.map { types[$0] == .integer })
  }

  /// Folds the rows of the rollup query (cells as text) into the builder.
  /// `missing` holds, per key column, the texts that mean "no value" (`missing:`).
  static func fold(
    _ rows: [[String?]], _ layout: Layout, missing: [Set<String>] = [], into builder: inout RollupBuilder
  ) {
    let k = layout.keys.count
    let m = layout.measures.count
    for cells in rows {
      let day = cells[0].flatMap { text in
        Array(text.utf8).withUnsafeBufferPointer { Day.parse($0) }
      }
      let count = cells[1 + k].flatMap { Int64($0) } ?? 0
      var sums: [RollupBuilder.Sum?] = []
      for j in 0..<m {
        let present = cells[3 + k + 2 * j].flatMap { Int64($0) } ?? 0
        guard let sum = cells[2 + k + 2 * j], present > 0 else {
          sums.append(nil)
          continue
        }
        let whole = layout.wholeMeasures[j] ? Int64(sum) : nil
        let value = whole.map(Double.init) ?? Double(sum) ?? .nan
        sums.append(RollupBuilder.Sum(whole: whole, value: value, present: present))
      }
      let first = 2 + k + 2 * m
      let extremes: [(low: Double, high: Double)?] = (0..<layout.extremes.count).map { e in
        guard let low = cells[first + 2 * e].flatMap(Double.init),
          let high = cells[first + 2 * e + 1].flatMap(Double.init)
        else { return nil }
        return (low, high)
      }
      var keys = Array(cells[1..<(1 + k)])
      for j in keys.indices where j < missing.count && keys[j].map(missing[j].contains) == true {
        keys[j] = nil
      }
      builder.add(day: day, keys: keys, count: count, sums: sums, extremes: extremes)
    }
  }
}
