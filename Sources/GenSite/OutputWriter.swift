import CGenSystem
import Foundation
import GenCore

#if canImport(Glibc)
  import Glibc
#endif

/// Step 5: writes the built site into a temporary folder beside the output, then
/// swaps it in. A failure leaves the previous output exactly as it was; files whose
/// bytes did not change keep their modification time (they are hard-linked from the
/// previous output).
public enum OutputWriter {
  /// What went wrong while writing.
  public struct WriteError: Error, CustomStringConvertible {
    /// Explanation for people.
    public var description: String
    /// Whether the output folder was refused (a usage error), rather than a write failing.
    public var refused = false
  }

  /// The file every output holds, so that a later build knows the folder is gen's to replace.
  public static let markerName = ".gen-output"
  static let markerText = Array(
    "This folder is written by 'gen build' and replaced as a whole on every build.\n".utf8)

  /// Counts of a write.
  public struct Summary: Sendable {
    /// Files written anew.
    public var written = 0
    /// Files kept from the previous output (same bytes, same modification time).
    public var unchanged = 0
  }

  /// Writes `output` to `directory`, replacing what was there.
  @discardableResult
  public static func write(_ output: SiteOutput, to directory: String, siteRoot: String) throws(WriteError)
    -> Summary
  {
    // Through a symbolic link, the folder it points to is replaced, not the link.
    let target = resolved(directory)
    try checkSafe(target, siteRoot: siteRoot)
    let parent = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    let temporary = parent + "/.\(name).tmp-\(getpid())"
    removeAbandoned(beside: name, in: parent)
    try makeFolder(temporary, in: parent)
    do {
      try createFolders(for: output, in: temporary)
      let summary = try writeFiles(output, into: temporary, previous: target)
      try swap(temporary, into: target, parent: parent, name: name)
      return summary
    } catch {
      // The disk is full, a file too large, the folder read-only: the previous output
      // stays as it was, and the reader is told so.
      try? FileManager.default.removeItem(atPath: temporary)
      let kept =
        FileManager.default.fileExists(atPath: target)
        ? "\(directory) still holds the previous build" : "nothing was written"
      throw WriteError(description: "\(error.description) (\(kept))", refused: error.refused)
    }
  }

  /// Removes the temporary folders of builds that were killed before they could (their
  /// process is gone): `.public.tmp-PID` and `.public.old-PID` beside the output.
  static func removeAbandoned(beside name: String, in parent: String) {
    let prefixes = [".\(name).tmp-", ".\(name).old-"]
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] {
      guard let prefix = prefixes.first(where: { entry.hasPrefix($0) }),
        let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(),
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      try? FileManager.default.removeItem(atPath: parent + "/" + entry)
    }
  }

  /// An empty temporary folder beside the output.
  static func makeFolder(_ temporary: String, in parent: String) throws(WriteError) {
    let fm = FileManager.default
    do {
      try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
      if fm.fileExists(atPath: temporary) { try fm.removeItem(atPath: temporary) }
    } catch {
      throw WriteError(description: "cannot create \(parent) for the output: \(systemReason(error))")
    }
    guard mkdir(temporary, 0o755) == 0 else {
      throw WriteError(
        description:
          "cannot create the folder \(temporary) for the new output: \(String(cString: strerror(errno)))")
    }
  }

  /// The system's own words for a Foundation file error ("Read-only file system"), which
  /// say more than its localized description.
  static func systemReason(_ error: Error) -> String {
    if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return error.localizedDescription
  }

  /// Every folder the output needs, one depth at a time, each depth in parallel
  /// (creating folders is slow on many disks).
  static func createFolders(for output: SiteOutput, in temporary: String) throws(WriteError) {
    var folders = Set<String>()
    for path in Array(output.files.keys) + Array(output.copies.keys) where path.contains("/") {
      var f = SitePath.directory(of: path)
      while !f.isEmpty, folders.insert(f).inserted { f = SitePath.directory(of: f) }
    }
    let byDepth = Dictionary(grouping: folders.sorted()) { $0.split(separator: "/").count }
    for depth in byDepth.keys.sorted() {
      let failures = parallelMap(byDepth[depth]!) { folder -> String? in
        if mkdir(temporary + "/" + folder, 0o755) == 0 || errno == EEXIST { return nil }
        return "cannot create folder \(folder) in the output: \(String(cString: strerror(errno)))"
      }
      if let failure = failures.compactMap({ $0 }).first { throw WriteError(description: failure) }
    }
  }

  /// What became of one file.
  enum FileOutcome: Sendable {
    case written
    /// The same bytes as in the previous output: hard-linked from it.
    case unchanged
    case failed(String)
  }

  /// Every file and copy, in parallel; unchanged files are hard-linked from the previous output.
  static func writeFiles(_ output: SiteOutput, into temporary: String, previous target: String)
    throws(WriteError)
    -> Summary
  {
    enum Job: Sendable {
      case bytes(String, [UInt8])
      case copy(String, String)
    }
    let jobs: [Job] =
      output.files.keys.sorted().map { .bytes($0, output.files[$0]!) }
      + output.copies.keys.sorted().map { .copy($0, output.copies[$0]!) } + [.bytes(markerName, markerText)]
    let outcomes = parallelMap(jobs) { job -> FileOutcome in
      switch job {
      case .bytes(let path, let bytes):
        let destination = temporary + "/" + path
        let previous = target + "/" + path
        if FileIO.sameBytes(previous, bytes), link(previous, destination) == 0 { return .unchanged }
        return FileIO.write(bytes, to: destination, shown: path)
      case .copy(let path, let source):
        let destination = temporary + "/" + path
        let previous = target + "/" + path
        if FileIO.size(previous) == FileIO.size(source), FileIO.size(source) >= 0,
          FileManager.default.contentsEqual(atPath: source, andPath: previous),
          link(previous, destination) == 0
        {
          return .unchanged
        }
        guard let data = SiteFiles.read(source) else {
          return .failed("cannot read \(source)")
        }
        return FileIO.write(Array(data), to: destination, shown: path)
      }
    }
    var summary = Summary()
    for outcome in outcomes {
      switch outcome {
      case .written: summary.written += 1
      case .unchanged: summary.unchanged += 1
      case .failed(let message): throw WriteError(description: message)
      }
    }
    return summary
  }

  /// Swaps the new folder in: atomically where the system can exchange two paths, else
  /// by two renames that put the old output back if the second fails.
  static func swap(_ temporary: String, into target: String, parent: String, name: String) throws(WriteError)
  {
    guard FileManager.default.fileExists(atPath: target) else {
      if rename(temporary, target) != 0 {
        throw WriteError(description: "cannot create \(target): \(String(cString: strerror(errno)))")
      }
      return
    }
    if gen_exchange_paths(temporary, target) == 0 {
      try? FileManager.default.removeItem(atPath: temporary)
      return
    }
    let old = parent + "/.\(name).old-\(getpid())"
    guard rename(target, old) == 0 else {
      throw WriteError(description: "cannot replace \(target): \(String(cString: strerror(errno)))")
    }
    guard rename(temporary, target) == 0 else {
      _ = rename(old, target)
      throw WriteError(description: "cannot replace \(target): \(String(cString: strerror(errno)))")
    }
    try? FileManager.default.removeItem(atPath: old)
  }

  /// Refuses to replace a folder that is not a gen output: the site itself, one of its
  /// source folders, a folder holding them, or a non-empty folder that gen did not write
  /// (no `.gen-output` marker; the site's own `public/` with an `index.html` is taken as
  /// an output of an earlier gen). Paths are compared with symbolic links resolved.
  static func checkSafe(_ target: String, siteRoot: String) throws(WriteError) {
    let fm = FileManager.default
    let real = resolved(target)
    let root = resolved(siteRoot)
    func refuse(_ message: String) -> WriteError { WriteError(description: message, refused: true) }
    for source in [root, root + "/content", root + "/templates"]
    where source == real || source.hasPrefix(real == "/" ? "/" : real + "/") {
      throw refuse("refusing to write the site into \(target): it holds the site's sources")
    }
    if real.hasPrefix(root + "/content/") || real.hasPrefix(root + "/templates/") {
      throw refuse("refusing to write the site into \(target), inside the site's sources")
    }
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw refuse("\(target) exists and is not a folder") }
      let entries = (try? fm.contentsOfDirectory(atPath: target)) ?? []
      let ownPublic = real == root + "/public" && entries.contains("index.html")
      if !entries.isEmpty, !entries.contains(markerName), !ownPublic {
        throw refuse(
          "refusing to replace \(target): it is not empty and gen did not write it (no \(markerName) file); remove it or choose another --out"
        )
      }
    }
  }

  /// A path with symbolic links resolved, for the part of it that exists.
  static func resolved(_ path: String) -> String {
    func real(_ p: String) -> String? {
      guard let c = realpath(p, nil) else { return nil }
      defer { free(c) }
      return String(cString: c)
    }
    var existing = URL(fileURLWithPath: path).standardizedFileURL.path
    var rest: [String] = []
    while true {
      if let base = real(existing) {
        if rest.isEmpty { return base }
        return (base.hasSuffix("/") ? base : base + "/") + rest.joined(separator: "/")
      }
      if existing == "/" || existing.isEmpty { return path }
      rest.insert((existing as NSString).lastPathComponent, at: 0)
      existing = (existing as NSString).deletingLastPathComponent
    }
  }
}

/// Plain POSIX file reads and writes: faster than FileManager for many small files.
enum FileIO {
  /// The size of a regular file, or -1.
  static func size(_ path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return -1 }
    return Int(info.st_size)
  }

  /// Whether the file at `path` holds exactly `bytes`.
  static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
    guard size(path) == bytes.count else { return false }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: bytes.count)
    var offset = 0
    while offset < bytes.count {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, bytes.count - offset) }
      if n <= 0 { return false }
      offset += n
    }
    return buffer == bytes
  }

  /// Writes a new file; a failure names it as `shown` (its path in the output).
  static func write(_ bytes: [UInt8], to path: String, shown: String) -> OutputWriter.FileOutcome {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return .failed("cannot write \(shown): \(String(cString: strerror(errno)))") }
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
      if n <= 0 {
        let reason = n == 0 ? "nothing could be written" : String(cString: strerror(errno))
        close(fd)
        return .failed("cannot write \(shown): \(reason)")
      }
      offset += n
    }
    // Some file systems (NFS, a full disk with delayed allocation) report the failure here.
    guard close(fd) == 0 else { return .failed("cannot write \(shown): \(String(cString: strerror(errno)))") }
    return .written
  }
}
