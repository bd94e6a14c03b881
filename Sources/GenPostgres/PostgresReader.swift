import Foundation
import GenCore
import GenData

/// Reads a `postgres:` dataset as its rollup, reduced by the database: gen sends one
/// `SELECT ... GROUP BY` (see ``PostgresSQL``) and folds what comes back into the same
/// rollup a file would give.
public enum PostgresReader {
  /// The reader the site pipeline hands to ``DatasetLoader``: results of datasets with
  /// `max_age` are kept in the site's `.gen-cache/postgres/`; `refresh` names datasets to
  /// query again anyway (empty: all).
  public static func reader(siteRoot: String, refresh: Set<String>?) -> DatasetLoader.ExternalReader {
    { spec, plan, diagnostics in
      read(
        spec, plan: plan, environment: ProcessInfo.processInfo.environment,
        cacheDirectory: SitePath.join(siteRoot, ".gen-cache/postgres"),
        refresh: refresh.map { $0.isEmpty || $0.contains(spec.name) } ?? false, into: &diagnostics)
    }
  }

  /// Reads the dataset; nil after reporting why not (at the `postgres:` or
  /// `connection:` line, with the database's own message and no password).
  public static func read(
    _ spec: DatasetSpec, plan: RollupPlan, environment: [String: String], cacheDirectory: String? = nil,
    refresh: Bool = false, into diagnostics: inout Diagnostics
  ) -> Rollup? {
    guard let source = spec.postgres else { return nil }
    let started = ContinuousClock.now
    guard let conninfo = conninfo(spec, environment: environment, &diagnostics) else { return nil }
    let cache = cacheDirectory.map { PostgresResultCache(directory: $0, refresh: refresh) }
    let key = PostgresResultCache.key(spec, plan: plan, conninfo: conninfo, environment: environment)
    let fetched: PostgresFetch
    let cached: Bool
    if let hit = cache?.load(spec, key: key) {
      (fetched, cached) = (hit, true)
    } else {
      guard let fetch = fetch(spec, plan: plan, conninfo: conninfo, environment: environment, &diagnostics)
      else {
        return nil
      }
      cache?.store(fetch, spec, key: key)
      (fetched, cached) = (fetch, false)
    }
    if let type = fetched.timestampType, spec.timezone == nil, let time = spec.time {
      diagnostics.warning(
        "time column '\(time)' of dataset '\(spec.name)' is a \(type): each row counts on "
          + (type == "timestamptz" ? "its day in UTC" : "its date as written; the time is not used"),
        at: spec.location(of: "time"),
        hint: "declare the zone whose days the report counts, e.g. 'timezone: America/New_York' "
          + "or 'timezone: UTC', under the dataset in gen.yml")
    }
    let layout = fetched.layout
    var builder = RollupBuilder(
      time: spec.time, keys: layout.keys, measures: layout.measures, extremes: layout.extremes)
    fold(fetched.rows, layout, missing: layout.keys.map { Set(spec.missingTokens(of: $0)) }, into: &builder)
    let stats = DatasetStats(
      source: source.description, bytes: fetched.bytes,
      milliseconds: DatasetStats.milliseconds(since: started),
      cached: cached)
    return builder.rollup(spec, sourceColumns: fetched.sourceColumns, stats: stats, into: &diagnostics)
  }

  /// Connects, checks the columns and runs the rollup query; nil after reporting.
  static func fetch(
    _ spec: DatasetSpec, plan: RollupPlan, conninfo: String, environment: [String: String],
    _ diagnostics: inout Diagnostics
  ) -> PostgresFetch? {
    guard let source = spec.postgres else { return nil }
    let passwords = ConnectionString.passwords(in: conninfo) + [environment["PGPASSWORD"] ?? ""]
    func fail(_ what: String, _ error: PostgresError, at key: String, hint: String? = nil) -> PostgresFetch? {
      let message = ConnectionString.redacted(
        error.message.trimmingCharacters(in: .whitespacesAndNewlines), passwords: passwords)
      diagnostics.error(
        "\(what) of dataset '\(spec.name)': \(message)", at: spec.location(of: key), hint: hint)
      return nil
    }
    let connection: PostgresConnection
    do {
      connection = try PostgresConnection(conninfo)
    } catch {
      return fail(
        "cannot connect to the database", error, at: spec.connection == nil ? "postgres" : "connection",
        hint: "check 'connection:' (or PGHOST, PGPORT, PGUSER, PGDATABASE) and that the server runs")
    }
    let relation = PostgresSQL.relation(source)
    let columns: [(name: String, type: ColumnType)]
    var timestampType: String?
    do {
      // Days are cut in the dataset's zone (a name from the tz database, checked when
      // gen.yml was read), else in UTC, whatever the server's; dates come back as YYYY-MM-DD.
      let zone = PostgresSQL.literal(spec.timezone ?? "UTC")
      _ = try connection.execute(
        "SET TIME ZONE \(zone); SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3")
      let described = try connection.execute(PostgresSQL.describe(relation))
      columns = (0..<described.columnCount).map { (described.name($0), columnType(oid: described.type($0))) }
      if let time = spec.time, let j = columns.firstIndex(where: { $0.name == time }) {
        timestampType = [1114: "timestamp", 1184: "timestamptz"][described.type(j)]
      }
    } catch {
      return fail("cannot read \(source)", error, at: "postgres")
    }
    guard let layout = layout(spec, columns: columns, plan: plan, &diagnostics) else { return nil }
    let sql = PostgresSQL.rollup(
      relation, time: spec.time, keys: layout.keys, measures: layout.measures, extremes: layout.extremes)
    let result: PostgresResult
    do {
      result = try connection.execute(sql)
    } catch {
      return fail("the rollup query failed", error, at: "postgres")
    }
    return PostgresFetch(
      columns: columns.map { [$0.name, $0.type.rawValue] }, keys: layout.keys, measures: layout.measures,
      extremes: layout.extremes, wholeMeasures: layout.wholeMeasures, rows: result.texts,
      bytes: result.byteCount, timestampType: timestampType)
  }

  /// The libpq connection string: `connection:` with its variables expanded (with a
  /// warning for a password written out), or "" for libpq's defaults; nil after reporting
  /// a variable that is not set.
  static func conninfo(_ spec: DatasetSpec, environment: [String: String], _ diagnostics: inout Diagnostics)
    -> String?
  {
    guard let written = spec.connection else { return "" }
    let connection = ConnectionString(written)
    if connection.holdsLiteralPassword {
      diagnostics.warning(
        "the connection of dataset '\(spec.name)' holds a password in gen.yml",
        at: spec.location(of: "connection"),
        hint:
          "write it as ${VARIABLE}, or keep it in ~/.pgpass or PGPASSWORD, so that it stays out of the repository"
      )
    }
    switch connection.expanded(environment) {
    case .success(let text): return text
    case .failure(let missing):
      diagnostics.error(
        "the connection of dataset '\(spec.name)' names "
          + missing.names.map { "${\($0)}" }.joined(separator: ", ") + ", which is not set",
        at: spec.location(of: "connection"), hint: "set the variable before running gen")
      return nil
    }
  }
}
