import Foundation
import GenCore
import GenData
import GenSite
import Testing

/// The on-disk cache of parsed datasets: same table back, keyed by content, never trusted
/// when damaged, never written by read-only runs.
@Suite struct TableCacheTests {
  static let csv = """
    day,model,origin,tokens,price
    2026-01-05,a/x,CN,10,1.5
    2026-01-05,"b/y, quoted",US,,2.25
    2026-01-12,a/x,CN,12,
    2026-01-12,c/z,,7,0.5
    """

  func site() throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: Cache
      datasets:
        usage: { file: content/data/usage.csv, time: day, value: tokens }
      -- content/data/usage.csv --
      \(Self.csv)
      -- content/index.md --
      Text.
      """)
  }

  func specs(_ site: TestSite) -> [DatasetSpec] {
    let text = try! String(contentsOfFile: site.root + "/gen.yml", encoding: .utf8)
    var diagnostics = Diagnostics()
    return SiteConfig.parse(text, path: "gen.yml", into: &diagnostics).datasets
  }

  /// The site's datasets, through the cache.
  func load(_ site: TestSite, _ cache: TableCache) -> ([String: Dataset], Diagnostics) {
    var diagnostics = Diagnostics()
    let datasets = DatasetLoader.load(specs(site), siteRoot: site.root, cache: cache, into: &diagnostics)
    return (datasets, diagnostics)
  }

  func same(_ a: Table, _ b: Table) -> Bool {
    guard a.rowCount == b.rowCount, a.columnNames == b.columnNames else { return false }
    for (x, y) in zip(a.columns, b.columns) {
      guard x.type == y.type else { return false }
      for row in 0..<a.rowCount where x.string(at: row) != y.string(at: row) { return false }
    }
    return true
  }

  @Test func cachedTableIsTheParsedTable() throws {
    let s = try site()
    defer { s.remove() }
    var cache = TableCache(directory: s.root + "/.gen-cache", mode: .readWrite)
    cache.minimumSize = 0
    let (first, p1) = load(s, cache)
    #expect(!p1.hasErrors)
    // The first parse only notes the file; the second stores the table.
    #expect(try FileManager.default.contentsOfDirectory(atPath: s.root + "/.gen-cache") == ["usage.seen"])
    _ = load(s, cache)
    let files = try FileManager.default.contentsOfDirectory(atPath: s.root + "/.gen-cache").filter {
      $0.hasSuffix(".table")
    }
    #expect(files.count == 1 && files[0].hasPrefix("usage-"))
    let (second, _) = load(s, cache)
    #expect(same(first["usage"]!.table, second["usage"]!.table))
    #expect(second["usage"]!.table.column("tokens")?.isMissing(1) == true, "missing stays missing")
  }

  @Test func changedFileIsParsedAgainAndReplacesTheEntry() throws {
    let s = try site()
    defer { s.remove() }
    var cache = TableCache(directory: s.root + "/.gen-cache", mode: .readWrite)
    cache.minimumSize = 0
    _ = load(s, cache)
    _ = load(s, cache)
    try s.write("content/data/usage.csv", Self.csv + "\n2026-01-19,a/x,CN,99,1\n")
    for _ in 0..<2 {
      let (loaded, _) = load(s, cache)
      #expect(loaded["usage"]?.table.rowCount == 5)
    }
    let tables = try FileManager.default.contentsOfDirectory(atPath: s.root + "/.gen-cache").filter {
      $0.hasSuffix(".table")
    }
    #expect(tables.count == 1, "the entry of the old file is replaced")
  }

  @Test func damagedEntryIsIgnored() throws {
    let s = try site()
    defer { s.remove() }
    var cache = TableCache(directory: s.root + "/.gen-cache", mode: .readWrite)
    cache.minimumSize = 0
    _ = load(s, cache)
    _ = load(s, cache)
    let name = try FileManager.default.contentsOfDirectory(atPath: s.root + "/.gen-cache").first {
      $0.hasSuffix(".table")
    }!
    let path = s.root + "/.gen-cache/" + name
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
    let (loaded, problems) = load(s, cache)
    #expect(!problems.hasErrors)
    #expect(loaded["usage"]?.table.rowCount == 4)
  }

  @Test func changedValuesInAnEntryAreCaughtByItsChecksum() throws {
    let s = try site()
    defer { s.remove() }
    var cache = TableCache(directory: s.root + "/.gen-cache", mode: .readWrite)
    cache.minimumSize = 0
    let (parsed, _) = load(s, cache)
    _ = load(s, cache)
    let name = try FileManager.default.contentsOfDirectory(atPath: s.root + "/.gen-cache").first {
      $0.hasSuffix(".table")
    }!
    let path = s.root + "/.gen-cache/" + name
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    // Flip bits inside the stored values, keeping the layout valid: only the checksum can tell.
    for i in (bytes.count / 2)..<(bytes.count / 2 + 4) { bytes[i] ^= 0x5A }
    try bytes.write(to: URL(fileURLWithPath: path))
    let (loaded, problems) = load(s, cache)
    #expect(!problems.hasErrors)
    #expect(same(parsed["usage"]!.table, loaded["usage"]!.table), "the damaged entry was used")
  }

  @Test func readOnlyRunsWriteNothing() throws {
    let s = try site()
    defer { s.remove() }
    var cache = TableCache(directory: s.root + "/.gen-cache", mode: .readOnly)
    cache.minimumSize = 0
    _ = load(s, cache)
    #expect(!FileManager.default.fileExists(atPath: s.root + "/.gen-cache"))
  }
}
