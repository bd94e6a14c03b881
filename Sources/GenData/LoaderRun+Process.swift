import Foundation
import GenCore

extension LoaderRun {
  /// The last lines a loader wrote to standard error, each also passed on to gen's own
  /// standard error prefixed with the dataset's name.
  final class ErrorLines: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    private var last: [String] = []
    let prefix: String

    init(prefix: String) { self.prefix = prefix }

    func take(_ data: Data) {
      lock.lock()
      defer { lock.unlock() }
      pending.append(data)
      while let newline = pending.firstIndex(of: 0x0A) {
        emit(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
        pending.removeSubrange(pending.startIndex...newline)
      }
    }

    func finish() -> [String] {
      lock.lock()
      defer { lock.unlock() }
      if !pending.isEmpty { emit(String(decoding: pending, as: UTF8.self)) }
      pending = Data()
      return last
    }

    private func emit(_ line: String) {
      FileHandle.standardError.write(Data("\(prefix)\(line)\n".utf8))
      last.append(line)
      if last.count > 10 { last.removeFirst() }
    }
  }

  /// Runs the loader with its standard output going to `output`; false after reporting
  /// a program that cannot start, exits with an error, or runs past its timeout.
  static func run(
    _ spec: DatasetSpec, _ loader: DatasetSpec.Loader, siteRoot: String, output: String, options: Options,
    _ diagnostics: inout Diagnostics
  ) -> Bool {
    let location = spec.location(of: "command")
    let shown = loader.command.joined(separator: " ")
    guard FileManager.default.createFile(atPath: output, contents: nil),
      let handle = FileHandle(forWritingAtPath: output)
    else {
      diagnostics.error("cannot write the output of the loader of dataset '\(spec.name)'", at: location)
      return false
    }
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = loader.command
    process.currentDirectoryURL = URL(fileURLWithPath: siteRoot)
    process.environment = options.environment
    process.standardOutput = handle
    process.standardInput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    let lines = ErrorLines(prefix: "[\(spec.name)] ")
    errors.fileHandleForReading.readabilityHandler = { lines.take($0.availableData) }
    do {
      try process.run()
    } catch {
      diagnostics.error(
        "cannot run the loader of dataset '\(spec.name)': \(shown)", at: location, hint: "\(error)")
      return false
    }
    let deadline = Date().addingTimeInterval(loader.timeout)
    var timedOut = false
    while process.isRunning {
      if Date() >= deadline {
        timedOut = true
        // Foundation starts the program as the leader of a process group of its own:
        // signalling the group stops its children too.
        let group = -process.processIdentifier
        kill(group, SIGTERM)
        let grace = Date().addingTimeInterval(2)
        while process.isRunning, Date() < grace { usleep(10_000) }
        kill(group, SIGKILL)
        break
      }
      usleep(5_000)
    }
    process.waitUntilExit()
    errors.fileHandleForReading.readabilityHandler = nil
    // What is left in the pipe (after a timeout, only what has arrived: a child may hold it open).
    if !timedOut { lines.take(errors.fileHandleForReading.readDataToEndOfFile()) }
    let tail = lines.finish()
    let said = tail.isEmpty ? "" : "; its last lines:\n    " + tail.joined(separator: "\n    ")
    if timedOut {
      diagnostics.error(
        "the loader of dataset '\(spec.name)' ran past its timeout of \(Int(loader.timeout)) s and was stopped\(said)",
        at: location, hint: "make it faster, or raise 'timeout:'")
      return false
    }
    guard process.terminationStatus == 0 else {
      let how =
        process.terminationReason == .uncaughtSignal
        ? "was killed by signal \(process.terminationStatus)"
        : "exited with status \(process.terminationStatus)"
      diagnostics.error("the loader of dataset '\(spec.name)' (\(shown)) \(how)\(said)", at: location)
      return false
    }
    return true
  }
}
