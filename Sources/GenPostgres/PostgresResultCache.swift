import Foundation
import GenCore
import GenData

/// What a rollup query brought back, as text: kept in `.gen-cache/postgres/` for a
/// dataset with `max_age`, so that rebuilds within that time do not query the database.
/// It holds data and column names only: never the connection string or a password.
struct PostgresFetch: Codable {
  /// The relation's columns and gen's type of each (`ColumnType` raw values).
  var columns: [[String]]
  var keys: [String]
  var measures: [String]
  var extremes: [String]
  var wholeMeasures: [Bool]
  /// The query's rows, cells as the server wrote them (nil: NULL).
  var rows: [[String?]]
  /// Bytes received.
  var bytes: Int
  /// The time column's PostgreSQL type when it is a timestamp (`timestamp`, `timestamptz`).
  var timestampType: String?

  var layout: PostgresReader.Layout {
    PostgresReader.Layout(keys: keys, measures: measures, extremes: extremes, wholeMeasures: wholeMeasures)
  }

  var sourceColumns: [(name: String, type: ColumnType)] {
    columns.map { ($0[0], ColumnType(rawValue: $0[1]) ?? .text) }
  }
}

/// The on-disk cache of query results, keyed by the query (relation and columns asked
/// for) and the connection's identity without its password.
struct PostgresResultCache {
  /// The site's `.gen-cache/postgres`.
  var directory: String
  /// Whether `--refresh` asks for this dataset to be queried again.
  var refresh: Bool

  /// The key: a hash of the query and of where it goes (host, port, database, user).
  static func key(
    _ spec: DatasetSpec, plan: RollupPlan, conninfo: String, environment: [String: String]
  ) -> String {
    var hash = StableHash()
    hash.combine(PostgresSQL.relation(spec.postgres ?? .table("")))
    hash.combine("\u{1}" + (spec.time ?? "") + "\u{1}" + plan.description + "\u{1}" + (spec.timezone ?? ""))
    let identity = ConnectionString.redacted(conninfo, passwords: ConnectionString.passwords(in: conninfo))
    hash.combine("\u{2}" + identity)
    for name in ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGOPTIONS"] {
      hash.combine("\u{3}" + name + "=" + (environment[name] ?? ""))
    }
    return String(hash.hex.prefix(16))
  }

  func path(_ spec: DatasetSpec, key: String) -> String { directory + "/\(spec.name)-\(key).json" }

  /// The cached result when it is younger than `max_age`.
  func load(_ spec: DatasetSpec, key: String) -> PostgresFetch? {
    guard !refresh, let maxAge = spec.maxAge else { return nil }
    let file = path(spec, key: key)
    guard let modified = try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date,
      Date().timeIntervalSince(modified) < maxAge, let data = SiteFiles.read(file)
    else { return nil }
    return try? JSONDecoder().decode(PostgresFetch.self, from: data)
  }

  /// Keeps a result (replacing older ones of the dataset); failures only cost time later.
  func store(_ fetch: PostgresFetch, _ spec: DatasetSpec, key: String) {
    guard spec.maxAge != nil, let data = try? JSONEncoder().encode(fetch) else { return }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for old in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    where old.hasPrefix(spec.name + "-") && old.hasSuffix(".json") {
      try? FileManager.default.removeItem(atPath: directory + "/" + old)
    }
    try? data.write(to: URL(fileURLWithPath: path(spec, key: key)), options: .atomic)
  }
}
