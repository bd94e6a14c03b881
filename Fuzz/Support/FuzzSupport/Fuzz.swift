import CFuzzDriver
import Foundation

/// The body a harness runs on each input (set once, before the driver starts).
nonisolated(unsafe) private var harnessBody: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Runs libFuzzer with `body` as the target: command-line flags are libFuzzer's own
/// (`-max_total_time=60 corpus/`). Never returns.
public func runFuzzer(_ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
  harnessBody = body
  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    harnessBody?(UnsafeBufferPointer(start: data, count: size))
    return 0
  }
  exit(status)
}

/// An input split into named parts: lines `=== name` start a part, text before the
/// first such line is the part named "". Lets one input carry several files.
public func fuzzParts(_ bytes: UnsafeBufferPointer<UInt8>) -> [(name: String, text: String)] {
  let text = String(decoding: bytes, as: UTF8.self)
  var parts: [(name: String, text: String)] = [("", "")]
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    if line.hasPrefix("=== ") {
      parts.append((String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces), ""))
    } else {
      parts[parts.count - 1].text += line + "\n"
    }
  }
  return parts
}

/// A scratch folder for harnesses that need files (on /dev/shm when it exists), emptied
/// before each use.
public struct FuzzScratch {
  /// The folder.
  public let path: String

  /// A fresh folder named after the harness.
  public init(_ harness: String) {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    path = "\(base)/gen-fuzz-\(harness)-\(getpid())"
  }

  /// Empties the folder, then writes `files` (relative path → text) into it.
  public func reset(_ files: [(path: String, text: String)]) {
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for file in files where Self.isSafe(file.path) {
      let full = "\(path)/\(file.path)"
      try? FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: full, contents: Data(file.text.utf8))
    }
  }

  /// Whether a carved file name stays inside the folder (no absolute paths, no `..`).
  static func isSafe(_ relative: String) -> Bool {
    !relative.isEmpty && !relative.hasPrefix("/")
      && !relative.split(separator: "/").contains { $0 == ".." || $0 == "." }
  }
}

/// Writes a line to standard error at once (a harness about to fail says why).
public func fuzzLog(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
