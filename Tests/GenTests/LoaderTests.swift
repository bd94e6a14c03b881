import Foundation
import GenCore
import GenServe
import GenSite
import Testing

/// Datasets made by a program (`command:`): run in the site folder, output cached in
/// `.gen-cache/loaders/` by command, inputs and `env:` (docs/metrics.md, "Data from a program").
@Suite struct LoaderTests {
  /// A site whose dataset comes from `loaders/usage.sh` (which counts its runs in `runs.txt`).
  static func site(_ script: String, extra: String = "") throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: Loaded
      datasets:
        usage:
          command: [sh, loaders/usage.sh]
          inputs: [loaders/usage.sh, raw/]
          time: day
          value: tokens
      \(extra)
      -- loaders/usage.sh --
      echo run >> runs.txt
      \(script)
      -- raw/part1.txt --
      1
      -- content/index.md --
      ---
      title: Loaded
      metrics:
        cn: { data: usage, where: { origin: CN }, per: day, agg: last }
      ---
      CN: {{ cn }}
      """)
  }

  static let csv = "echo day,origin,tokens; echo 2026-01-05,CN,30; echo 2026-01-05,US,10"

  func runs(_ site: TestSite) -> Int {
    ((try? String(contentsOfFile: site.root + "/runs.txt", encoding: .utf8)) ?? "").split(separator: "\n")
      .count
  }

  @Test func aLoaderRunsOnceUntilItsInputsChange() throws {
    let site = try Self.site(Self.csv)
    defer { site.remove() }
    #expect(try site.output()["index.html"]?.contains("75.0%") == true)
    #expect(runs(site) == 1)
    _ = try site.output()
    #expect(runs(site) == 1, "unchanged inputs: the cached output is used")
    try site.write("raw/part2.txt", "2")
    _ = try site.output()
    #expect(runs(site) == 2, "a file added to an input folder runs it again")
    var options = BuildOptions(siteRoot: site.root)
    options.refresh = ["usage"]
    #expect(SitePipeline.run(options).output != nil)
    #expect(runs(site) == 3, "--refresh runs it again")
    let cached = try FileManager.default.contentsOfDirectory(atPath: site.root + "/.gen-cache/loaders")
    #expect(cached.count == 1 && cached[0].hasPrefix("usage-") && cached[0].hasSuffix(".csv"))
  }

  @Test func aFailingLoaderIsAnErrorWithItsLastLines() throws {
    let site = try Self.site("echo 'cannot reach the warehouse' >&2; exit 3")
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 1)
    #expect(
      errors.first?.hasPrefix(
        "gen.yml:4:14: error: the loader of dataset 'usage' (sh loaders/usage.sh) exited with status 3")
        == true, "\(errors)")
    #expect(errors.first?.contains("cannot reach the warehouse") == true)
  }

  @Test func aLoaderPastItsTimeoutIsStopped() throws {
    let site = try Self.site("sleep 30", extra: "    timeout: 1s")
    defer { site.remove() }
    let started = Date()
    let errors = site.errors()
    #expect(Date().timeIntervalSince(started) < 20)
    #expect(errors.first?.contains("ran past its timeout of 1 s and was stopped") == true, "\(errors)")
  }

  @Test func malformedOutputIsReportedInTheCachedCopy() throws {
    let site = try Self.site("echo day,origin,tokens; echo 2026-01-05,CN; echo 2026-01-05,US,10")
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.first?.hasPrefix(".gen-cache/loaders/usage-") == true, "\(errors)")
    #expect(errors.first?.contains(".csv:2:") == true, "\(errors)")
  }

  @Test func loaderOptionsAreChecked() throws {
    let site = try Self.site(Self.csv, extra: "    max_age: soon\n  other:\n    file: x.csv\n    timeout: 5m")
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.contains { $0.contains("'max_age' is a duration such as 90s, 10m, 1h or 1d, not 'soon'") })
    #expect(errors.contains { $0.contains("'timeout' is for datasets made by a program") })
  }

  @Test func aLoaderMayPrintJSON() throws {
    let json =
      #"echo '[{"day": "2026-01-05", "origin": "CN", "tokens": 30}, {"day": "2026-01-05", "origin": "US", "tokens": 10}]'"#
    let site = try Self.site(json, extra: "    format: json")
    defer { site.remove() }
    #expect(try site.output()["index.html"]?.contains("75.0%") == true)
    let cached = try FileManager.default.contentsOfDirectory(atPath: site.root + "/.gen-cache/loaders")
    #expect(cached.first?.hasSuffix(".json") == true)
  }
}

/// `gen serve` rebuilds when a loader's inputs change (and only then runs it again).
@Suite struct LoaderWatchTests {
  @Test func theWatcherSeesLoaderInputs() throws {
    let site = try LoaderTests.site(LoaderTests.csv)
    defer { site.remove() }
    let watcher = SiteWatcher(siteRoot: site.root)
    let before = watcher.snapshot()
    #expect(before.files["loaders/usage.sh"] != nil)
    #expect(before.files["raw/part1.txt"] != nil, "files under an input folder are watched")
    Thread.sleep(forTimeInterval: 0.02)
    try site.write("raw/part2.txt", "2")
    #expect(watcher.snapshot().changes(since: before) == ["raw/part2.txt"])
  }
}
