import Foundation
import GenCore
import GenData
import GenSite
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Faults of the machine while `gen build` runs (docs/testing.md, "Faults"): a full disk,
/// a file size limit, a read-only output, a dataset written while gen reads it. Each
/// ends in a clear error and leaves the previous `public/` as it was; none is a crash.
@Suite(.serialized) struct FaultTests {
  /// A site with one page and one dataset; `extra` bytes of text make its page larger.
  static func site(extra: Int = 0) throws -> TestSite {
    let rows = (0..<200).map { "2026-01-\(String(format: "%02d", $0 % 28 + 1)),m\($0 % 7),\($0 * 13)" }
    return try TestSite(
      """
      -- gen.yml --
      title: Faults
      datasets:
        usage: { file: content/data/usage.csv, time: day, value: tokens }
      -- content/data/usage.csv --
      day,model,tokens
      \(rows.joined(separator: "\n"))
      -- content/index.md --
      ---
      title: Home
      metrics:
        total: { data: usage, measure: sum, value: tokens }
      ---
      Tokens: {{ total }}.
      \(String(repeating: "Words to make the page larger. ", count: extra / 31))
      """)
  }

  /// Runs `gen build` in `site`, through `sh -c` with `shell` before it (limits).
  static func build(_ site: TestSite, out: String, shell: String = "") throws -> CLITests.Run {
    let command = "\(shell) exec '\(CLITests.binary)' build --out '\(out)'"
    return try Self.shell(command, in: site.root)
  }

  /// Runs a shell command.
  static func shell(_ command: String, in directory: String? = nil) throws -> CLITests.Run {
    try CLITests.run("/bin/sh", ["-c", command], in: directory)
  }

  /// Whether this machine lets the tests mount a small tmpfs (root in a container that
  /// allows it, as CI's machine does); elsewhere the mount tests are skipped.
  static let canMount: Bool = {
    let point = FileManager.default.temporaryDirectory.appendingPathComponent("gen-mount-probe-\(getpid())")
      .path
    try? FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: point) }
    guard (try? Self.shell("mount -t tmpfs -o size=64k tmpfs '\(point)'"))?.status == 0 else { return false }
    _ = try? Self.shell("umount '\(point)'")
    return true
  }()

  /// A tmpfs of `size` at a new folder, for the length of `body`.
  static func withTmpfs(size: String, _ body: (String) throws -> Void) throws {
    let point = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gen-tmpfs-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
    defer {
      _ = try? Self.shell("umount '\(point)'")
      try? FileManager.default.removeItem(atPath: point)
    }
    try #require(try Self.shell("mount -t tmpfs -o size=\(size) tmpfs '\(point)'").status == 0)
    try body(point)
  }

  /// Files of a folder and their bytes, to show it unchanged.
  static func contents(_ folder: String) -> [String: Data] {
    var files: [String: Data] = [:]
    for (relative, full) in SiteFiles.walk(folder) {
      files[relative] = FileManager.default.contents(atPath: full)
    }
    return files
  }

  /// Nothing of a failed build is left beside the output (temporary folders).
  static func leftovers(beside output: String) -> [String] {
    let parent = (output as NSString).deletingLastPathComponent
    return ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter {
      $0.contains(".tmp-")
    }
  }

  @Test func aFileSizeLimitIsAnErrorAndKeepsThePreviousSite() throws {
    let site = try Self.site()
    defer { site.remove() }
    let out = site.root + "/public"
    #expect(try Self.build(site, out: out).status == 0)
    let before = Self.contents(out)
    // Now the page is larger than the limit (ulimit -f counts blocks of 1024 bytes).
    try site.write(
      "content/index.md", "---\ntitle: Home\n---\n" + String(repeating: "A larger page. ", count: 3_000))
    let run = try Self.build(site, out: out, shell: "ulimit -f 16;")
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("gen: error: cannot write index.html: File too large"), "\(run.stderr)")
    #expect(run.stderr.contains("still holds the previous build"), "\(run.stderr)")
    #expect(Self.contents(out) == before)
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  @Test(.enabled(if: FaultTests.canMount)) func aFullDiskIsAnErrorAndKeepsThePreviousSite() throws {
    try Self.withTmpfs(size: "200k") { disk in
      let site = try Self.site()
      defer { site.remove() }
      let out = disk + "/public"
      let first = try Self.build(site, out: out)
      #expect(first.status == 0, "\(first.stderr)")
      let before = Self.contents(out)
      try site.write(
        "content/index.md",
        "---\ntitle: Home\n---\n" + String(repeating: "A page larger than the disk holds. ", count: 8_000))
      let run = try Self.build(site, out: out)
      #expect(run.status == 1)
      #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
      #expect(run.stderr.contains("still holds the previous build"), "\(run.stderr)")
      #expect(Self.contents(out) == before)
      #expect(Self.leftovers(beside: out).isEmpty)
    }
  }

  @Test(.enabled(if: FaultTests.canMount)) func aReadOnlyOutputIsAnErrorAndKeepsThePreviousSite() throws {
    try Self.withTmpfs(size: "1m") { disk in
      let site = try Self.site()
      defer { site.remove() }
      let out = disk + "/public"
      #expect(try Self.build(site, out: out).status == 0)
      let before = Self.contents(out)
      #expect(try Self.shell("mount -o remount,ro '\(disk)'").status == 0)
      try site.write("content/index.md", "---\ntitle: Changed\n---\nNew text.\n")
      let run = try Self.build(site, out: out)
      #expect(run.status == 1)
      #expect(
        run.stderr.contains("Read-only file system") || run.stderr.contains("read-only"), "\(run.stderr)")
      #expect(Self.contents(out) == before)
    }
  }

  /// `kill -9` at random moments of `gen build`: `public/` is always the previous whole
  /// site or the new one, and the next build removes what the killed one left beside it.
  @Test func killedAtAnyMomentLeavesTheOldOrTheNewSite() throws {
    let site = try Self.site(extra: 20_000)
    defer { site.remove() }
    for k in 0..<60 { try site.write("content/p\(k).md", "---\ntitle: Page \(k)\n---\nText.\n") }
    let out = site.root + "/public"
    let first = try Self.build(site, out: out)
    #expect(first.status == 0, "\(first.stderr)")
    let old = Self.contents(out)
    try site.write("content/p0.md", "---\ntitle: Page zero, changed\n---\nNew.\n")
    let newOut = site.root + "/expected"
    let clock = ContinuousClock()
    let started = clock.now
    // (This build once crashed on CI, found to be a race in parallelMap: ParallelTests.)
    let expected = try Self.build(site, out: newOut)
    #expect(expected.status == 0, "status \(expected.status): \(expected.stderr)")
    // Kills spread over a whole build, and a little past it.
    let buildMicroseconds =
      Double((clock.now - started).components.attoseconds) / 1e12
      + Double((clock.now - started).components.seconds) * 1e6
    let new = Self.contents(newOut)
    #expect(old != new)
    var seen: [String: Int] = [:]
    for trial in 0..<10 {
      // posix_spawn and waitpid, not Foundation's Process: its waitUntilExit could hang
      // on a child killed at once (the child stayed a zombie, never reaped).
      let command = "cd '\(site.root)' && exec '\(CLITests.binary)' build --out '\(out)' >/dev/null 2>&1"
      var pid: pid_t = 0
      let words: [String] = ["/bin/sh", "-c", command]
      var arguments: [UnsafeMutablePointer<CChar>?] = words.map { word in word.withCString { strdup($0) } }
      arguments.append(nil)
      defer { for argument in arguments { free(argument) } }
      #expect(posix_spawn(&pid, "/bin/sh", nil, nil, arguments, environ) == 0)
      usleep(useconds_t(buildMicroseconds * 1.2 * Double(trial) / 9))
      kill(pid, SIGKILL)
      var status: Int32 = 0
      #expect(waitpid(pid, &status, 0) == pid)
      let now = Self.contents(out)
      #expect(now == old || now == new, "trial \(trial): public/ is neither the old nor the new site")
      seen[now == old ? "old" : "new", default: 0] += 1
      // Back to the old site for the next trial.
      try FileManager.default.removeItem(atPath: out)
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      for (path, data) in old {
        try FileManager.default.createDirectory(
          atPath: ((out + "/" + path) as NSString).deletingLastPathComponent,
          withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: out + "/" + path))
      }
    }
    print("kill -9 during gen build, public/ afterwards in 10 trials: \(seen.sorted { $0.key < $1.key })")
    let last = try Self.build(site, out: out)
    #expect(last.status == 0, "\(last.stderr)")
    #expect(Self.contents(out) == new)
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  @Test func aFileWrittenToSinceItWasMappedIsChanged() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gen-mapped-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
    let file = try MappedFile(path: path)
    #expect(!file.changedSinceMapped)
    // Replaced by a rename: the mapping still holds the old file, whole.
    try Data("a,b\n3,4\n".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    #expect(!file.changedSinceMapped)
    let same = try MappedFile(path: path)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("5,6\n".utf8))
    try handle.close()
    #expect(same.changedSinceMapped)
  }

  /// A file that shrinks under its mapping: touching the lost pages raised SIGBUS, which
  /// ended gen (and `gen serve` with it). Now they read as zeros and the file counts as
  /// changed, so the reader reports it and a server lives on.
  @Test func aFileCutShortUnderItsMappingReadsZerosAndIsChanged() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gen-cut-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    try Data(repeating: 0x78, count: 3 * page + 100).write(to: URL(fileURLWithPath: path))
    let file = try MappedFile(path: path)
    #expect(file.bytes[2 * page] == 0x78)
    #expect(truncate(path, 10) == 0)
    #expect(file.bytes[5] == 0x78)
    #expect(file.bytes[3 * page + 99] == 0)
    #expect(file.bytes[page] == 0)
    #expect(file.changedSinceMapped)
  }

  /// A dataset cut short or rewritten at random moments of `gen build`: each run ends
  /// with the site built (the change came before or after the read) or with an error
  /// naming the file, never with a crash.
  @Test func aDatasetWrittenWhileReadIsAnErrorNotACrash() throws {
    let site = try Self.site()
    defer { site.remove() }
    let data = site.root + "/content/data/usage.csv"
    var big = "day,model,tokens\n"
    for i in 0..<400_000 { big += "2026-01-\(String(format: "%02d", i % 28 + 1)),m\(i % 97),\(i)\n" }
    var outcomes: [String: Int] = [:]
    for trial in 0..<12 {
      try site.write("content/data/usage.csv", big)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CLITests.binary)
      process.arguments = ["build", "--out", site.root + "/public"]
      process.currentDirectoryURL = URL(fileURLWithPath: site.root)
      let err = Pipe()
      process.standardError = err
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      usleep(useconds_t(20_000 + trial * 25_000))
      if trial % 2 == 0 {
        #expect(truncate(data, off_t(big.utf8.count / 3)) == 0)
      } else {
        let handle = try #require(FileHandle(forWritingAtPath: data))
        try handle.seek(toOffset: UInt64(big.utf8.count / 2))
        try handle.write(contentsOf: Data("2026-02-01,\"unclosed\n".utf8))
        try handle.close()
      }
      let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationReason == .exit, "trial \(trial) ended by a signal: \(stderr)")
      let status = process.terminationStatus
      #expect(status == 0 || status == 1, "trial \(trial): \(stderr)")
      if status == 1 { #expect(stderr.contains("content/data/usage.csv"), "trial \(trial): \(stderr)") }
      let kind =
        status == 0
        ? "built"
        : stderr.contains("changed while gen read it")
          ? "changed" : stderr.contains("shorter") ? "cut" : "error"
      outcomes[kind, default: 0] += 1
    }
    print("dataset written while read, outcomes of 12 trials: \(outcomes.sorted { $0.key < $1.key })")
  }
}
