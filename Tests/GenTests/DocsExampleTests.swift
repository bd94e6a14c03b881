import Foundation
import GenCore
import GenData
import GenSite
import Testing

/// The runnable examples of docs/metrics.md ("Data from a program", "Data in PostgreSQL")
/// build as the docs say, and their numbers are the data's, counted here independently.
@Suite struct DocsExampleTests {
  static let examples = Fixtures.repository + "/docs/examples"

  static func value(_ name: String, in result: BuildResult) -> Double? {
    result.metrics.first { $0.value.name == name && $0.page == "content/index.md" }?.value.value
  }

  /// The example's own build: no errors, no warnings, and its home page.
  static func build(_ example: String) throws -> (BuildResult, String) {
    let site = try TestSite(copying: examples + "/" + example)
    defer { site.remove() }
    let result = site.build()
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let output = try #require(result.output)
    return (result, String(decoding: output.files["index.html"] ?? [], as: UTF8.self))
  }

  @Test func theLoaderExampleReadsItsProgramsOutput() throws {
    let (result, page) = try Self.build("loader")
    // The access logs counted directly: one request per line.
    let raw = try ["access-1.log", "access-2.log"].map {
      try String(contentsOfFile: Self.examples + "/loader/raw/" + $0, encoding: .utf8)
    }
    let lines = raw.flatMap { $0.split(separator: "\n") }
    let docs = lines.filter { $0.contains("\"GET /docs") }.count
    let serverErrors = lines.filter { $0.split(separator: " ")[8].hasPrefix("5") }.count
    let bytes = { (section: String) in
      lines.filter { $0.contains("\"GET /\(section)") }.reduce(0) { $0 + Int($1.split(separator: " ")[9])! }
    }
    let allBytes = ["docs", "blog", "api", "download"].map(bytes).reduce(0, +)
    #expect(Self.value("requests", in: result) == Double(lines.count))
    #expect(Self.value("errors", in: result) == Double(serverErrors))
    #expect(close(Self.value("docs_share", in: result), Double(docs) / Double(lines.count)))
    #expect(close(Self.value("download_bytes", in: result), Double(bytes("download")) / Double(allBytes)))
    #expect(page.contains("<svg"))
  }

  @Test(.enabled(if: TestPostgres.available, "needs scripts/with-postgres.sh"))
  func thePostgresExampleReadsItsTable() throws {
    try TestPostgres.psql(String(contentsOfFile: Self.examples + "/postgres/setup.sql", encoding: .utf8))
    let (result, page) = try Self.build("postgres")
    let count = { (condition: String) in
      Double(try TestPostgres.psql("SELECT count(*) FROM web_requests WHERE \(condition)"))!
    }
    let apiBytes = try TestPostgres.psql(
      "SELECT sum(bytes) FILTER (WHERE section = 'api')::float8 / sum(bytes) FROM web_requests")
    #expect(Self.value("requests", in: result) == (try count("true")))
    #expect(Self.value("errors", in: result) == (try count("status = '5xx'")))
    #expect(close(Self.value("docs_share", in: result), try count("section = 'docs'") / count("true")))
    #expect(close(Self.value("api_bytes", in: result), Double(apiBytes)!))
    #expect(page.contains("<svg"))
  }
}
