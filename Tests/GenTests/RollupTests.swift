import Foundation
import GenCore
import GenData
import GenSite
import Testing

/// Datasets are read as rollups of the columns the site uses (docs/metrics.md, "How
/// data is read"): the reduction must never change what a reader sees.
@Suite struct RollupTests {
  /// Every file of a build (text and copied), or the build's errors.
  static func files(_ root: String, reducesData: Bool) throws -> [String: [UInt8]] {
    let result = SitePipeline.run(BuildOptions(siteRoot: root, reducesData: reducesData))
    guard let output = result.output else { throw BuildFailed(diagnostics: result.diagnostics) }
    return try SiteGoldenTests.allFiles(output)
  }

  /// The planner keeps every column a metric, chart, table, page from data or template
  /// names: the site built from rollups equals the site built from every column.
  @Test(arguments: ["sites/basic", "sites/charts", "sites/datapages", "example"])
  func reducedBuildEqualsEveryColumnBuild(_ site: String) throws {
    let root = site == "example" ? Fixtures.repository : Fixtures.root + "/" + site
    let reduced = try Self.files(root, reducesData: true)
    let whole = try Self.files(root, reducesData: false)
    #expect(reduced.keys.sorted() == whole.keys.sorted())
    let differing = reduced.keys.filter { reduced[$0] != whole[$0] }.sorted()
    #expect(differing.isEmpty, "pages that differ: \(differing)")
  }

  static let usage = """
    day,model,origin,tokens,rank
    2026-01-05,a/one,CN,10,3
    2026-01-05,b/two,US,20,1
    2026-01-06,a/one,CN,5,2
    2026-01-05,a/one,CN,7,
    2026-01-06,c/three,,,4
    2026-01-05,a/one,CN,1.5,1
    """

  /// Rows with the same day and keys become one row: its count, its sums (whole while
  /// every value is whole), how many rows had a value, and the extremes.
  @Test func rowsWithTheSameKeysAreFoldedIntoOne() throws {
    let root = try TestData.folder(["u.csv": Self.usage])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let spec = try TestData.datasetSpec("file: u.csv\ntime: day\nvalue: tokens", name: "u")
    var diagnostics = Diagnostics()
    let plan = RollupPlan(keys: ["model"], measures: ["tokens"], extremes: ["rank"])
    let dataset = try #require(
      DatasetLoader.load([spec], plans: ["u": plan], siteRoot: root, into: &diagnostics)["u"])
    #expect(!diagnostics.hasErrors, "\(diagnostics)")
    let rollup = dataset.rollup
    // Sorted by day, then model: (05, a/one), (05, b/two), (06, a/one), (06, c/three).
    #expect(rollup.table.column("day")?.days == ["2026-01-05", "2026-01-05", "2026-01-06", "2026-01-06"])
    #expect(rollup.table.column("model")?.texts == ["a/one", "b/two", "a/one", "c/three"])
    #expect(rollup.counts == [3, 1, 1, 1])
    // 10 + 7 + 1.5: decimal once any value is; c/three has no tokens at all.
    let tokens = try #require(rollup.measures["tokens"])
    #expect((0..<4).map { tokens.number(at: $0) } == [18.5, 20, 5, nil])
    #expect(tokens.present == [3, 1, 1, 0])
    let ranks = try #require(rollup.extremes["rank"])
    #expect(ranks.minimums == [1, 1, 2, 4])
    #expect(ranks.maximums == [3, 1, 2, 4])
    // Columns the plan does not name are not held, but are known (for messages).
    #expect(rollup.table.column("origin") == nil)
    #expect(rollup.sourceColumnNames == ["day", "model", "origin", "tokens", "rank"])
    #expect(rollup.sourceRows == 6)
  }

  /// The order rows arrive in does not change the rollup (its rows are sorted; sums are
  /// exact for whole numbers and compensated for decimals).
  @Test func theRollupDoesNotDependOnRowOrder() throws {
    let lines = Self.usage.split(separator: "\n").map(String.init)
    let shuffled = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n")
    var rollups: [Rollup] = []
    for text in [Self.usage, shuffled] {
      let root = try TestData.folder(["u.csv": text])
      defer { try? FileManager.default.removeItem(atPath: root) }
      let (datasets, diagnostics) = try TestData.load(
        "datasets:\n  u: { file: u.csv, time: day, value: tokens }", root: root)
      #expect(!diagnostics.hasErrors)
      rollups.append(try #require(datasets["u"]?.rollup))
    }
    #expect(rollups[0].table.column("model")?.texts == rollups[1].table.column("model")?.texts)
    #expect(rollups[0].counts == rollups[1].counts)
    let sums = rollups.map { r in (0..<r.counts.count).map { r.measures["tokens"]?.number(at: $0) } }
    #expect(sums[0] == sums[1])
  }

  /// A column a query names that the source has but the rollup left out is gen's
  /// fault, and the message says so (rather than "no column").
  @Test func aColumnLeftOutByTheReductionIsReportedAsABug() throws {
    let root = try TestData.folder(["u.csv": Self.usage])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let spec = try TestData.datasetSpec("file: u.csv\ntime: day\nvalue: tokens", name: "u")
    var diagnostics = Diagnostics()
    let dataset = try #require(
      DatasetLoader.load([spec], plans: ["u": RollupPlan()], siteRoot: root, into: &diagnostics)["u"])
    let engine = QueryEngine(datasets: ["u": dataset])
    let problems = try TestData.metricError("data: u\nwhere: { origin: CN }", engine)
    #expect(
      problems.map(\.message) == ["column 'origin' of dataset 'u' was left out when its data was reduced"])
    let typo = try TestData.metricError("data: u\nwhere: { orgin: CN }", engine)
    #expect(typo.map(\.message) == ["dataset 'u' has no column 'orgin'"])
  }
}
