import GenData
import GenPostgres
import Testing

/// The SQL gen sends is built from quoted identifiers only; connection strings keep
/// passwords out of everything gen prints (docs/site.md, "Data in PostgreSQL").
@Suite struct PostgresSQLTests {
  @Test func identifiersAreQuotedWhateverTheyHold() {
    #expect(PostgresSQL.quote("usage") == "\"usage\"")
    #expect(PostgresSQL.quote("x\"; DROP TABLE y; --") == "\"x\"\"; DROP TABLE y; --\"")
    #expect(PostgresSQL.relation(.table("analytics.usage_events")) == "\"analytics\".\"usage_events\"")
    #expect(PostgresSQL.relation(.table("x; DROP TABLE y")) == "\"x; DROP TABLE y\"")
    #expect(PostgresSQL.relation(.query("SELECT 1 AS a;\n")) == "(\nSELECT 1 AS a\n) AS gen_source")
  }

  @Test func theRollupQueryGroupsByDayAndKeys() {
    let sql = PostgresSQL.rollup(
      "\"usage\"", time: "created_at", keys: ["model", "origin"], measures: ["tokens"], extremes: ["rank"])
    #expect(
      sql == """
        SELECT CAST("created_at" AS date), "model", "origin", COUNT(*), SUM("tokens"), COUNT("tokens"), \
        CAST(MIN("rank") AS double precision), CAST(MAX("rank") AS double precision)
        FROM "usage"
        GROUP BY 1, 2, 3
        """)
    #expect(
      PostgresSQL.rollup("t", time: nil, keys: [], measures: [], extremes: [])
        == "SELECT CAST(NULL AS date), COUNT(*)\nFROM t\nGROUP BY 1")
  }

  @Test func connectionVariablesAreExpandedAndPasswordsFound() throws {
    let written = ConnectionString("postgresql://app:${DB_PASSWORD}@db.example:5432/usage")
    #expect(!written.holdsLiteralPassword)
    let expanded = try written.expanded(["DB_PASSWORD": "s3cr%40t"]).get()
    #expect(expanded == "postgresql://app:s3cr%40t@db.example:5432/usage")
    #expect(ConnectionString.passwords(in: expanded).contains("s3cr@t"))
    #expect(ConnectionString.redacted("failed for s3cr@t", passwords: ["s3cr@t"]) == "failed for ***")
    if case .failure(let missing) = ConnectionString("host=${HOST} dbname=${DB}").expanded(["DB": "x"]) {
      #expect(missing.names == ["HOST"])
    } else {
      Issue.record("a missing variable must fail")
    }
    #expect(ConnectionString("host=db password=hunter2").holdsLiteralPassword)
    #expect(ConnectionString("postgres://app:hunter2@db/usage").holdsLiteralPassword)
    #expect(!ConnectionString("host=db password=${PW}").holdsLiteralPassword)
    #expect(ConnectionString.passwords(in: "host=db password='a b' user=x") == ["a b"])
  }
}
