import GenCore
import GenYAML

extension DataQuery {
  /// The keys of the data part of a spec, as written.
  public static let keys = Key.allCases.map(\.rawValue)

  /// Reads the data keys of a metric, chart or table spec (unknown keys are checked by the caller's reader).
  public static func parse(_ reader: inout SpecReader) -> DataQuery? {
    let node = reader.node
    guard let data = reader.string("data", required: true) else { return nil }
    var query = DataQuery(data: data, location: node.location)
    for (key, value) in node.mapping ?? [] {
      if let name = key.scalar.flatMap(Key.init(rawValue:)) { query.keyLocations[name] = value.location }
    }
    query.filters = parseFilters(node["where"], key: "where", reader: &reader)
    query.within = parseFilters(node["within"], key: "within", reader: &reader)
    if let d = node["denominator"] {
      var sub = SpecReader(d, what: "'denominator' of \(reader.what)", allowed: ["data", "where", "value"])
      if let other = sub.string("data", required: true) {
        let filters = parseFilters(d["where"], key: "where", reader: &sub)
        query.denominator = Denominator(
          data: other, filters: filters, value: sub.string("value"), location: d.location)
      }
      reader.diagnostics.append(contentsOf: sub.diagnostics.all)
    }
    query.per = reader.choice("per", PeriodUnit.self)
    query.at = reader.day("at")
    query.from = reader.day("from")
    query.to = reader.day("to")
    if let m = reader.choice("measure", Measure.self) { query.measure = m }
    query.value = reader.string("value")
    if node["ratio"] != nil {
      if let pair = reader.list("ratio"), pair.count == 2 {
        query.ratio = (pair[0], pair[1])
        if node["measure"] != nil, query.measure != .ratio {
          reader.diagnostics.error(
            "'ratio' is a measure of its own; it cannot go with 'measure: \(query.measure.rawValue)'",
            at: query.location(of: .ratio))
        }
        query.measure = .ratio
      } else {
        reader.diagnostics.error(
          "'ratio' is two columns, the one divided and the one it is divided by: 'ratio: [seats, rows]'",
          at: query.location(of: .ratio), hint: "'rows' counts rows")
      }
    } else if query.measure == .ratio {
      reader.diagnostics.error(
        "measure 'ratio' needs 'ratio: [COLUMN, COLUMN]'", at: query.location(of: .measure),
        hint: "e.g. 'ratio: [seats, rows]' for seats per row")
    }
    query.by = reader.string("by")
    query.top = reader.int("top", in: 1...1000)
    query.rolling = reader.int("rolling", in: 1...1000)
    if let p = reader.choice("partial", PartialPolicy.self) { query.partial = p }
    if let from = query.from, let to = query.to, from > to {
      reader.diagnostics.error(
        "'from' (\(from)) is after 'to' (\(to)) in \(reader.what)", at: query.location(of: .from))
    }
    if query.at != nil, query.from != nil || query.to != nil {
      reader.diagnostics.error(
        "\(reader.what) has both 'at' and a 'from'/'to' range", at: query.location(of: .at),
        hint: "use 'at' for one period, or 'from'/'to' with 'agg' for a range")
    }
    return query
  }

  static func parseFilters(_ node: YAMLNode?, key: String, reader: inout SpecReader) -> [Filter] {
    guard let node else { return [] }
    guard let pairs = node.mapping else {
      reader.diagnostics.error(
        "'\(key)' in \(reader.what) must map columns to values, e.g. '\(key): { origin: CN }'",
        at: node.location)
      return []
    }
    var filters: [Filter] = []
    for (k, v) in pairs {
      let column = k.scalar ?? ""
      if v.scalarList?.isEmpty == true || v["not"]?.scalarList?.isEmpty == true {
        reader.diagnostics.error(
          "filter on '\(column)' lists no values, so it would match nothing", at: v.location,
          hint: "list at least one value, or remove the filter")
      } else if let values = v.scalarList {
        filters.append(Filter(column: column, values: values, location: k.location))
      } else if let not = v["not"], v.mapping?.count == 1, let values = not.scalarList {
        filters.append(Filter(column: column, values: values, negate: true, location: k.location))
      } else {
        reader.diagnostics.error(
          "filter on '\(column)' must be a value, a list of values, or { not: VALUE }", at: v.location)
      }
    }
    return filters
  }
}
