import Foundation
import GenCore
import GenSite

/// A site written to a temporary folder from a multi-file text (`-- path --` lines
/// start each file), in the style of Hugo's txtar test fixtures.
struct TestSite {
  let root: String

  init(_ files: String) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    var path: String?
    var lines: [Substring] = []
    func flush() throws {
      guard let path else { return }
      try write(path, lines.joined(separator: "\n") + "\n")
    }
    for line in files.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("-- "), line.hasSuffix(" --") {
        try flush()
        path = String(line.dropFirst(3).dropLast(3))
        lines = []
      } else {
        lines.append(line)
      }
    }
    try flush()
  }

  /// Writes (or replaces) a file of the site.
  func write(_ path: String, _ text: String) throws {
    let full = root + "/" + path
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: full))
  }

  /// Runs the pipeline in memory.
  func build(drafts: Bool = false) -> BuildResult {
    SitePipeline.run(BuildOptions(siteRoot: root, includeDrafts: drafts, sourceDateEpoch: nil))
  }

  /// Builds and returns the output's text files; fails the test on errors.
  func output() throws -> [String: String] {
    let result = build()
    guard let output = result.output else { throw BuildFailed(diagnostics: result.diagnostics) }
    return output.files.mapValues { String(decoding: $0, as: UTF8.self) }
  }

  /// The error lines of a build, as `path:line:col: error: message (hint)`.
  func errors() -> [String] { build().diagnostics.sorted.filter { $0.severity == .error }.map(\.description) }

  func remove() { try? FileManager.default.removeItem(atPath: root) }
}

struct BuildFailed: Error, CustomStringConvertible {
  var diagnostics: Diagnostics
  var description: String { diagnostics.description }
}

/// Paths of the test fixtures.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// Whether golden files are to be rewritten (`UPDATE_GOLDEN=1 swift test`).
  static var updateGolden: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }
}

/// Compares a set of files with the golden copies in `Tests/Fixtures/golden/NAME/`,
/// or rewrites them when UPDATE_GOLDEN=1. Returns a description of every difference.
func compareGolden(_ files: [String: [UInt8]], name: String) throws -> [String] {
  let folder = Fixtures.root + "/golden/" + name
  let fm = FileManager.default
  if Fixtures.updateGolden {
    try? fm.removeItem(atPath: folder)
    for (path, bytes) in files {
      let full = folder + "/" + path
      try fm.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: full))
    }
    return []
  }
  var problems: [String] = []
  let expected = Set(SiteFiles.walk(folder).map(\.relative))
  for path in Set(files.keys).union(expected).sorted() {
    guard let actual = files[path] else {
      problems.append("\(path): expected by the golden copy but not built")
      continue
    }
    guard let golden = fm.contents(atPath: folder + "/" + path) else {
      problems.append("\(path): built but has no golden copy (run UPDATE_GOLDEN=1 swift test and review)")
      continue
    }
    if Array(golden) != actual {
      let a = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let b = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let line =
        zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
      problems.append(
        "\(path): differs from golden at line \(line + 1):\n  golden: \(line < a.count ? String(a[line].prefix(200)) : "<end>")\n  built:  \(line < b.count ? String(b[line].prefix(200)) : "<end>")"
      )
    }
  }
  return problems
}

extension TestSite {
  /// A site of one page, for tests that add their own files.
  static let homeOnly = """
    -- gen.yml --
    title: T
    -- content/index.md --
    ---
    title: Home
    ---
    Hello.
    """

  /// Two weeks of visits by browser: Firefox 30 and 20, Chrome 70 and 80.
  static let visitRows =
    "2026-01-05,Firefox,30\n2026-01-05,Chrome,70\n2026-01-12,Firefox,20\n2026-01-12,Chrome,80"

  /// A site with a weekly dataset `visits` (week, browser, visits) and the given files;
  /// `config` adds lines to gen.yml.
  static func visits(config: String = "title: T", rows: String = visitRows, _ files: String) throws
    -> TestSite
  {
    try TestSite(
      "-- gen.yml --\n\(config)\ndatasets:\n  visits: { file: content/data/visits.csv, time: week, value: visits }\n"
        + "-- content/data/visits.csv --\nweek,browser,visits\n\(rows)\n" + files)
  }
}

extension TestSite {
  /// A copy of an existing site folder (its own `public/` and `.gen-cache/` left out), so a
  /// build writes nothing into the repository.
  init(copying folder: String) throws {
    try self.init("")
    let manager = FileManager.default
    for item in try manager.contentsOfDirectory(atPath: folder) where item != "public" && item != ".gen-cache"
    {
      try manager.copyItem(atPath: folder + "/" + item, toPath: root + "/" + item)
    }
  }
}
