import Foundation
import GenCore
import GenSite
import Testing

/// A throwaway PostgreSQL server for the tests that need one: `scripts/with-postgres.sh`
/// starts it and sets `GEN_TEST_POSTGRES=1` and the `PG*` variables (`.ci/run` does).
enum TestPostgres {
  static var available: Bool { ProcessInfo.processInfo.environment["GEN_TEST_POSTGRES"] == "1" }

  /// Runs SQL through psql (with `input` on standard input, for COPY); returns its output.
  @discardableResult
  static func psql(_ sql: String, input: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql]
    let output = Pipe()
    let inputPipe = Pipe()
    process.standardOutput = output
    process.standardInput = inputPipe
    try process.run()
    if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inputPipe.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw PSQLFailed(sql: sql) }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  struct PSQLFailed: Error { var sql: String }

  /// A fresh table of `columns` (SQL column definitions) filled from CSV text.
  static func table(_ name: String, _ columns: String, csv: String) throws {
    try psql("DROP TABLE IF EXISTS \(name) CASCADE; CREATE TABLE \(name) (\(columns))")
    try psql("COPY \(name) FROM STDIN WITH (FORMAT csv, HEADER true)", input: csv)
  }
}

/// Datasets read from PostgreSQL: the database groups, gen computes, and the site is the
/// same as from a file (docs/site.md, "Data in PostgreSQL").
@Suite(.serialized, .enabled(if: TestPostgres.available, "needs scripts/with-postgres.sh"))
struct PostgresSourceTests {
  static let usage = """
    day,model,origin,tokens,rank
    2026-01-05,a/one,CN,10,3
    2026-01-05,b/two,US,20,1
    2026-01-06,a/one,CN,5,2
    2026-01-07,a/one,CN,7,
    2026-01-12,c/three,,4,4
    2026-01-12,b/two,US,30,1
    2026-01-13,a/one,CN,12,2
    2026-01-19,b/two,US,25,1
    2026-01-19,a/one,CN,15,2
    2026-01-20,c/three,FR,3,3
    2026-01-26,a/one,CN,40,1
    2026-01-26,b/two,US,10,2
    """

  /// A site whose one dataset is declared by `source` (the lines under its name), with
  /// metrics of every measure and several aggregations, a chart, a table with a `min:`
  /// column and a filter.
  static func site(_ source: String) -> String {
    """
    -- gen.yml --
    title: Shares
    datasets:
      usage:
    \(source)
        time: day
        value: tokens
    -- content/index.md --
    ---
    title: Shares
    metrics:
      cn_mean: { data: usage, where: { origin: CN }, per: week, agg: mean, partial: include }
      cn_peak: { data: usage, where: { origin: CN }, per: week, agg: max, partial: include }
      cn_change: { data: usage, where: { origin: CN }, per: week, agg: change, partial: include }
      total: { data: usage, measure: sum, agg: sum, per: week, partial: include }
      rows: { data: usage, measure: count, agg: sum, per: week, partial: include }
      top1: { data: usage, measure: top_share, by: model, top: 1, partial: include }
      hhi: { data: usage, measure: hhi, by: model, partial: include }
      rank_b: { data: usage, measure: rank, by: model, where: { model: b/two }, partial: include }
      fr_pooled: { data: usage, where: { origin: FR }, agg: pooled, per: week, partial: include }
    ---

    CN: {{ cn_mean }} on average, peak {{ cn_peak }} in {{ cn_peak.period }}, change {{ cn_change }};
    {{ total }} tokens in {{ rows }} rows; top model {{ top1 }}; HHI {{ hhi }}; b/two ranks {{ rank_b }}; FR {{ fr_pooled }}.

    ```chart
    type: area
    data: usage
    per: week
    by: origin
    partial: include
    title: Share by origin
    ```

    ```table
    data: usage
    by: model
    columns: [rank, model, sum, share, { min: rank, title: Best rank }]
    ```
    """
  }

  func build(_ source: String) throws -> (files: [String: String], site: TestSite) {
    let site = try TestSite(Self.site(source))
    return (try site.output(), site)
  }

  @Test func aSiteReadFromPostgresEqualsTheSiteReadFromCSV() throws {
    try TestPostgres.table(
      "usage", "day date, model text, origin text, tokens bigint, rank integer", csv: Self.usage)
    let fromFile = try TestSite(Self.site("    file: usage.csv"))
    defer { fromFile.remove() }
    try fromFile.write("usage.csv", Self.usage)
    let csv = try fromFile.output()
    let (postgres, site) = try build("    postgres: { table: public.usage }")
    defer { site.remove() }
    #expect(csv.keys.sorted() == postgres.keys.sorted())
    for (path, text) in csv { #expect(postgres[path] == text, "\(path) differs") }
    #expect(csv["index.html"]?.contains("b/two") == true)
  }

  @Test func aQueryIsReadAsASubqueryAndTimestampsAreCutToDaysInUTC() throws {
    try TestPostgres.table(
      "events", "at timestamptz, model text, tokens bigint",
      csv:
        "at,model,tokens\n2026-01-05 23:30:00+00,a,1\n2026-01-05 01:00:00+00,a,2\n2026-01-06 00:30:00+01,b,4\n"
    )
    let site = try TestSite(
      """
      -- gen.yml --
      title: Q
      datasets:
        events:
          postgres: { query: "SELECT at, model, tokens * 10 AS tokens FROM events;" }
          time: at
          value: tokens
      -- content/index.md --
      ---
      title: Q
      metrics:
        a_share: { data: events, where: { model: a }, per: day, agg: first }
        total: { data: events, measure: sum, per: day, agg: sum }
      ---
      {{ a_share }} of {{ total }}
      """)
    defer { site.remove() }
    let html = try #require(try site.output()["index.html"])
    // 2026-01-06 00:30+01 is 2026-01-05 23:30 UTC: every row is on the 5th; a = 30 of 70.
    #expect(html.contains("42.9%"))
    #expect(html.contains(">70<") || html.contains("70"))
    // A timestamp column without a declared zone is cut in UTC, with a warning.
    #expect(
      site.build().diagnostics.warnings.map(\.description) == [
        "gen.yml:5:11: warning: time column 'at' of dataset 'events' is a timestamptz: each row counts on its day in UTC (declare the zone whose days the report counts, e.g. 'timezone: America/New_York' or 'timezone: UTC', under the dataset in gen.yml)"
      ])
    // In Tokyo (UTC+9) the 23:30 UTC rows fall on the 6th: on the 5th only a's 20.
    let config = try String(contentsOfFile: site.root + "/gen.yml", encoding: .utf8)
    try site.write(
      "gen.yml", config.replacingOccurrences(of: "time: at", with: "time: at\n    timezone: Asia/Tokyo"))
    let tokyo = site.build()
    #expect(tokyo.diagnostics.warnings.isEmpty, "\(tokyo.diagnostics)")
    let page = String(decoding: try #require(tokyo.output?.files["index.html"]), as: UTF8.self)
    #expect(page.contains(">100.0%<"))
  }

  /// Each bad input is an error at its gen.yml line, without the password, and builds nothing.
  @Test func badSourcesAreClearErrors() throws {
    try TestPostgres.table(
      "usage", "day date, model text, origin text, tokens bigint, rank integer", csv: Self.usage)
    try TestPostgres.table(
      "named", "day text, model text, tokens bigint", csv: "day,model,tokens\n2026-01-05,a,1\n")
    try TestPostgres.table("empty", "day date, model text, tokens bigint", csv: "day,model,tokens\n")
    func errors(_ source: String) throws -> [String] {
      let site = try TestSite(Self.site(source))
      defer { site.remove() }
      let result = site.build()
      #expect(result.output == nil)
      return result.diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
    }
    let unreachable = try errors(
      "    postgres: { table: usage }\n    connection: \"host=127.0.0.1 port=1 connect_timeout=2\"")
    #expect(
      unreachable.first?.hasPrefix("gen.yml:5:17: error: cannot connect to the database of dataset 'usage'")
        == true)
    let wrong = try errors(
      "    postgres: { table: usage }\n    connection: \"user=gen_test password=${WRONG_PW}\"")
    #expect(wrong.first?.contains("WRONG_PW") == true, "an unset variable is named: \(wrong)")
    setenv("GEN_TEST_WRONG_PW", "not-the-password-42", 1)
    let denied = try errors(
      "    postgres: { table: usage }\n    connection: \"user=gen_test password=${GEN_TEST_WRONG_PW}\"")
    #expect(denied.first?.contains("password authentication failed") == true, "\(denied)")
    #expect(!denied.joined().contains("not-the-password-42"))
    let missingTable = try errors("    postgres: { table: nosuch }")
    #expect(missingTable.first?.contains("relation \"nosuch\" does not exist") == true, "\(missingTable)")
    let textTime = try errors("    postgres: { table: named }")
    #expect(
      textTime.contains { $0.contains("time column 'day' of dataset 'usage' is not a date or timestamp") })
    let empty = try errors("    postgres: { table: empty }")
    #expect(empty.contains { $0.contains("dataset 'usage' has no rows") }, "\(empty)")
  }

  /// `missing:` texts in a text column of the database are no value, as in a file; a
  /// filter on `missing` finds them and NULLs alike.
  @Test func missingTextsAndNullsAreNoValue() throws {
    try TestPostgres.table(
      "tails", "day date, tailnum text, flights bigint",
      csv: "day,tailnum,flights\n2013-01-01,N1,10\n2013-01-01,NA,5\n2013-01-01,,7\n2013-01-02,N2,20\n")
    let site = try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        tails:
          postgres: { table: tails }
          time: day
          value: flights
          missing: [NA]
      -- content/index.md --
      ---
      title: T
      metrics:
        no_tail: { data: tails, measure: sum, where: { tailnum: missing } }
        with_tail: { data: tails, measure: sum, where: { tailnum: { not: missing } } }
      ---
      {{ no_tail }} and {{ with_tail }}
      """)
    defer { site.remove() }
    let result = site.build()
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let values = Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value.value) })
    // NA (5) and NULL (7) are missing; N1 10 + N2 20.
    #expect(values["no_tail"] == 12)
    #expect(values["with_tail"] == 30)
  }

  /// Names and values from the site never become SQL: an injected table name is one
  /// odd identifier, an injected value matches nothing.
  @Test func injectionAttemptsDoNothing() throws {
    try TestPostgres.table(
      "usage", "day date, model text, origin text, tokens bigint, rank integer", csv: Self.usage)
    try TestPostgres.table("victim", "x integer", csv: "x\n1\n")
    let table = try TestSite(Self.site("    postgres: { table: \"usage; DROP TABLE victim\" }"))
    defer { table.remove() }
    #expect(table.build().output == nil)
    let value = try TestSite(
      Self.site("    postgres: { table: usage }").replacingOccurrences(
        of: "where: { origin: CN }, per: week, agg: mean",
        with: "where: { origin: \"'); DROP TABLE victim; --\" }, per: week, agg: mean"))
    defer { value.remove() }
    _ = value.build()
    #expect(try TestPostgres.psql("SELECT count(*) FROM victim") == "1")
  }

  @Test func aLiteralPasswordIsWarnedAboutAndNeverShown() throws {
    try TestPostgres.table(
      "usage", "day date, model text, origin text, tokens bigint, rank integer", csv: Self.usage)
    let site = try TestSite(
      Self.site("    postgres: { table: usage }\n    connection: \"user=gen_test password=gen-test-secret\""))
    defer { site.remove() }
    let result = site.build()
    #expect(result.output != nil)
    let warnings = result.diagnostics.sorted.filter { $0.severity == .warning }.map(\.description)
    #expect(warnings.contains { $0.contains("holds a password in gen.yml") })
    #expect(!result.diagnostics.description.contains("gen-test-secret"))
  }

  /// With `max_age`, the result is kept in `.gen-cache/postgres/` and used again until it
  /// is that old or `--refresh` asks; the file holds no password.
  @Test func resultsWithAMaxAgeAreKeptUntilRefreshed() throws {
    try TestPostgres.table(
      "usage", "day date, model text, origin text, tokens bigint, rank integer", csv: Self.usage)
    let site = try TestSite(
      Self.site("    postgres: { table: usage }\n    connection: \"password=${PGPASSWORD}\"\n    max_age: 1h")
    )
    defer { site.remove() }
    func total(refresh: Set<String>? = nil) -> (String?, Bool?) {
      var options = BuildOptions(siteRoot: site.root)
      options.refresh = refresh
      let result = SitePipeline.run(options)
      let html = result.output.map { String(decoding: $0.files["index.html"] ?? [], as: UTF8.self) }
      return (html, result.stats.sources["usage"]?.cached)
    }
    let (first, firstCached) = total()
    #expect(firstCached == false)
    try TestPostgres.psql("UPDATE usage SET tokens = tokens * 2")
    let (second, secondCached) = total()
    #expect(secondCached == true)
    #expect(second == first, "within max_age the kept result is used")
    let (third, thirdCached) = total(refresh: ["usage"])
    #expect(thirdCached == false)
    #expect(third != first, "--refresh queries again")
    let folder = site.root + "/.gen-cache/postgres"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(files.count == 1)
    let kept = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
    #expect(!kept.contains("gen-test-secret"))
  }
}
