import Foundation
import GenCore
import GenData
import GenSite
import Testing

/// Dataset file options in gen.yml: the field delimiter, and its errors.
@Suite struct DatasetOptionsTests {
  @Test func semicolonSeparatedFiles() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: Delimiters
      datasets:
        eu: { file: content/data/eu.csv, delimiter: ";", time: day, value: v }
      -- content/data/eu.csv --
      day;country;v
      2026-01-05;"Côte d'Ivoire; CI";3
      2026-01-05;FR;1
      -- content/index.md --
      ---
      metrics:
        fr: { data: eu, where: { country: FR } }
      ---
      France: {{ fr ~ 25% }}.
      """)
    defer { site.remove() }
    let files = try site.output()
    #expect(files["index.html"]!.contains(">25%</data>"))
  }

  @Test func badDelimiterIsAnError() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: Delimiters
      datasets:
        eu: { file: content/data/eu.csv, delimiter: ";;" }
      -- content/data/eu.csv --
      a
      1
      -- content/index.md --
      Text.
      """)
    defer { site.remove() }
    #expect(
      site.errors() == [
        "gen.yml:3:47: error: 'delimiter' must be one ASCII character such as ';' or 'tab' (not a quote or line break), not ';;'"
      ])
  }
}

/// `where:` on a dataset keeps only matching rows, for every metric and chart.
@Suite struct DatasetWhereTests {
  @Test func keepsMatchingRowsAndReencodesText() throws {
    let root = try TestData.folder([
      "w.csv": "week,series,model,tokens\n2026-01-05,a,x,1\n2026-01-05,b,x,100\n2026-01-12,a,y,2\n"
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (datasets, problems) = try TestData.load(
      "datasets:\n  w:\n    file: w.csv\n    time: week\n    value: tokens\n    where: { series: { not: b } }\n",
      root: root)
    #expect(!problems.hasErrors, "\(problems)")
    let w = try #require(datasets["w"])
    #expect(w.table.rowCount == 2)
    #expect(w.table.column("series")?.texts == ["a", "a"])
    #expect(w.table.column("series")?.dictionary == ["a"])
    #expect(w.table.column("tokens")?.ints == [1, 2])
    let total = try TestData.metric("data: w\nmeasure: sum", QueryEngine(datasets: datasets))
    #expect(total.value == 3)
  }

  @Test func unknownColumnInWhereIsAnError() throws {
    let root = try TestData.folder([
      "w.csv": "week,tokens\n2026-01-05,1\n"
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (_, problems) = try TestData.load(
      "datasets:\n  w:\n    file: w.csv\n    where: { seris: a }\n", root: root)
    #expect(problems.sorted.map(\.message) == ["dataset 'w' has no column 'seris'"])
  }
}

/// A lookup never picks one of two answers silently.
@Suite struct LookupConflictTests {
  @Test func conflictingKeysInALookupDatasetAreAnError() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gen-lookup-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    try "week,browser,visits\n2026-01-05,Chrome,3\n".write(
      toFile: root + "/v.csv", atomically: true, encoding: .utf8)
    try "browser,vendor\nChrome,Google\nFirefox,Mozilla\nFirefox,Mozilla\nChrome,Alphabet\n"
      .write(toFile: root + "/vendors.csv", atomically: true, encoding: .utf8)
    let yaml = """
      datasets:
        vendors: { file: vendors.csv, key: browser }
        v:
          file: v.csv
          columns:
            vendor: { lookup: vendors, key: browser, value: vendor }
      """
    let (_, problems) = try TestData.load(yaml, root: root)
    // Firefox twice with the same vendor is fine; Chrome with two vendors is not.
    #expect(
      problems.sorted.map(\.message) == [
        "lookup dataset 'vendors' gives different 'vendor' for the same 'browser': 'Chrome' (Alphabet and Google)"
      ])
  }
}

/// A file read with the wrong field separator gets a hint naming the right one.
@Suite struct SeparatorHintTests {
  @Test func aFileReadWithTheWrongSeparatorSuggestsTheRightOne() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-sep-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    try "week;browser;visits\n2026-01-05;Firefox;3\n".write(
      toFile: root + "/v.csv", atomically: true, encoding: .utf8)
    let (_, problems) = try TestData.load("datasets:\n  v: { file: v.csv, time: week }\n", root: root)
    #expect(
      problems.sorted.map(\.hint) == [
        "the header 'week;browser;visits' looks separated by ';': add 'delimiter: \";\"'"
      ])
  }
}
