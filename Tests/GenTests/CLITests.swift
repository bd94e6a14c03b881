import Foundation
import GenCore
import GenSite
import Testing

/// The `gen` binary as users run it: exit codes, output, and what it leaves on disk.
@Suite(.serialized) struct CLITests {
  /// The `gen` executable built beside the test bundle.
  static var binary: String {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
      let candidate = url.appendingPathComponent("gen").path
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue
      {
        return candidate
      }
      url.deleteLastPathComponent()
    }
    return Fixtures.repository + "/.build/debug/gen"
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func gen(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:])
    throws -> Run
  {
    try run(binary, arguments, in: directory, environment: environment)
  }

  /// Runs a program to its end and collects its status and output.
  static func run(
    _ executable: String, _ arguments: [String], in directory: String? = nil,
    environment: [String: String] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  static func snapshot(_ directory: String) -> [String: (Data, Date)] {
    var files: [String: (Data, Date)] = [:]
    for (relative, full) in SiteFiles.walk(directory) {
      let attributes = try? FileManager.default.attributesOfItem(atPath: full)
      files[relative] = (
        FileManager.default.contents(atPath: full) ?? Data(),
        attributes?[.modificationDate] as? Date ?? .distantPast
      )
    }
    return files
  }

  @Test func binaryExists() {
    #expect(
      FileManager.default.isExecutableFile(atPath: Self.binary), "gen binary not found at \(Self.binary)")
  }

  @Test func helpAndVersionExitZero() throws {
    let version = try Self.gen(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == GenVersion.current)
    let help = try Self.gen(["build", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("--drafts"))
  }

  @Test func usageErrorsExitTwo() throws {
    #expect(try Self.gen(["build", "--no-such-flag"]).status == 2)
    #expect(try Self.gen(["frobnicate"]).status == 2)
    let missing = try Self.gen(["check", "--site", "/no/such/site"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no folder '/no/such/site'"))
  }

  @Test func newSiteBuildsAndRebuildsIdentically() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-cli-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let created = try Self.gen(["new", root])
    #expect(created.status == 0, "\(created.stderr)")
    let first = try Self.gen(["build", "--site", root])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.hasPrefix("gen: built "), "one summary line: \(first.stdout)")
    #expect(first.stdout.split(separator: "\n").count == 1)
    let before = Self.snapshot(root + "/public")
    #expect(before["index.html"] != nil)
    Thread.sleep(forTimeInterval: 0.05)
    let second = try Self.gen(["build", "--site", root, "--verbose"])
    #expect(second.status == 0)
    for step in ["load", "validate", "compute", "render", "write"] {
      #expect(second.stdout.contains("  \(step)"))
    }
    // Each dataset's source: rows read, rollup rows, bytes, time.
    #expect(second.stdout.contains("  dataset   visits: content/data/visits.csv: "))
    #expect(second.stdout.contains(" rollup rows, "))
    // --refresh takes the datasets to refresh; a name without it, or not a dataset, is refused.
    #expect(try Self.gen(["build", "--site", root, "--refresh", "visits"]).status == 0)
    let stray = try Self.gen(["build", "--site", root, "visits"])
    #expect(stray.status == 2 && stray.stderr.contains("dataset names go after --refresh"), "\(stray.stderr)")
    let misspelt = try Self.gen(["build", "--site", root, "--refresh", "visist"])
    #expect(misspelt.status == 1)
    #expect(
      misspelt.stderr.contains("--refresh names 'visist', which is not a dataset in gen.yml"),
      "\(misspelt.stderr)")
    #expect(misspelt.stderr.contains("did you mean 'visits'?"))
    let after = Self.snapshot(root + "/public")
    #expect(Set(before.keys) == Set(after.keys))
    for (path, (bytes, date)) in before {
      #expect(after[path]?.0 == bytes, "\(path) changed bytes between identical builds")
      #expect(after[path]?.1 == date, "\(path) lost its modification time although unchanged")
    }
  }

  @Test func failedBuildLeavesPublicUntouched() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-cli-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try Self.gen(["new", root])
    #expect(try Self.gen(["build", "--site", root]).status == 0)
    let before = Self.snapshot(root + "/public")
    // Break a claim and a link: the build must fail with status 1 and write nothing.
    let page = root + "/content/index.md"
    var text = try String(contentsOfFile: page, encoding: .utf8)
    text = text.replacingOccurrences(of: "30% ± 3pp", with: "90%").replacingOccurrences(
      of: "about.md", with: "abuot.md")
    try text.write(toFile: page, atomically: true, encoding: .utf8)
    let failed = try Self.gen(["build", "--site", root])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("content/index.md:"), "\(failed.stderr)")
    #expect(failed.stderr.contains("does not hold"))
    #expect(failed.stderr.contains("abuot.md"))
    #expect(failed.stderr.contains("nothing was written"))
    let after = Self.snapshot(root + "/public")
    #expect(Set(before.keys) == Set(after.keys))
    for (path, (bytes, date)) in before {
      #expect(after[path]?.0 == bytes && after[path]?.1 == date, "\(path) was touched by a failed build")
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter {
      $0.hasPrefix(".public")
    }
    #expect(leftovers.isEmpty, "temporary folders left behind: \(leftovers)")
    // gen check reports the same and writes nothing.
    let check = try Self.gen(["check", "--site", root])
    #expect(check.status == 1)
  }

  @Test func metricsJSONIsValid() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-cli-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try Self.gen(["new", root])
    let run = try Self.gen(["metrics", "--json", "--site", root])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
    #expect(json?.count == 2)
    let share = json?.first { $0["name"] as? String == "firefox_share" }
    #expect(share?["value"] as? Double == 0.305)
    #expect(share?["formatted"] as? String == "30.5%")
    #expect(share?["period"] as? String == "week of 19 Jan 2026")
    let basis = share?["basis"] as? [String: Any]
    #expect(basis?["dataset"] as? String == "visits")
    let source = basis?["source"] as? [String: Any]
    #expect(source?["from"] as? String == "content/data/visits.csv")
    #expect((source?["rows_scanned"] as? Int ?? 0) > 0)
    #expect((source?["rollup_rows"] as? Int ?? 0) > 0)
  }

  @Test func refusesToReplaceAFolderThatIsNotASite() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-cli-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try Self.gen(["new", root])
    let precious = root + "/precious"
    try FileManager.default.createDirectory(atPath: precious, withIntermediateDirectories: true)
    try "keep me".write(toFile: precious + "/notes.txt", atomically: true, encoding: .utf8)
    let run = try Self.gen(["build", "--site", root, "--out", precious])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("gen: error: refusing to replace"))
    #expect(FileManager.default.fileExists(atPath: precious + "/notes.txt"))
    #expect(try Self.gen(["build", "--site", root, "--out", root + "/content"]).status == 2)

    // An index.html alone does not make a folder gen's to replace.
    try "<p>hand-made</p>".write(toFile: precious + "/index.html", atomically: true, encoding: .utf8)
    #expect(try Self.gen(["build", "--site", root, "--out", precious]).status == 2)
    #expect(FileManager.default.fileExists(atPath: precious + "/notes.txt"))

    // Through a symbolic link the site is still recognised as the site.
    let link = root + "-link"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: root)
    defer { try? FileManager.default.removeItem(atPath: link) }
    #expect(try Self.gen(["build", "--site", link, "--out", root]).status == 2)
    #expect(FileManager.default.fileExists(atPath: root + "/gen.yml"))

    // Through a symbolic link to an output, the folder it points to is updated.
    let outLink = root + "-outlink"
    let real = root + "-real"
    defer {
      try? FileManager.default.removeItem(atPath: outLink)
      try? FileManager.default.removeItem(atPath: real)
    }
    #expect(try Self.gen(["build", "--site", root, "--out", real]).status == 0)
    try FileManager.default.createSymbolicLink(atPath: outLink, withDestinationPath: real)
    try "# Changed\n".write(toFile: root + "/content/about.md", atomically: true, encoding: .utf8)
    #expect(try Self.gen(["build", "--site", root, "--out", outLink]).status == 0)
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: outLink)) == real, "still a link")
    #expect(
      (try? String(contentsOfFile: real + "/about/index.html", encoding: .utf8))?.contains("Changed") == true)

    // A folder gen wrote (it holds the marker) is replaced on the next build.
    let elsewhere = root + "-out"
    defer { try? FileManager.default.removeItem(atPath: elsewhere) }
    #expect(try Self.gen(["build", "--site", root, "--out", elsewhere]).status == 0)
    #expect(FileManager.default.fileExists(atPath: elsewhere + "/.gen-output"))
    #expect(try Self.gen(["build", "--site", root, "--out", elsewhere]).status == 0)
  }
}
