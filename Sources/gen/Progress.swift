import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A one-line progress display on the terminal for builds that take longer than a
/// moment: nothing is shown for the first half second, nor when standard error is not a
/// terminal (CI logs stay clean).
final class Progress: @unchecked Sendable {
  private let lock = NSLock()
  private var step = "starting"
  private var shown = false
  private var finished = false
  private let start = Date()
  private let enabled = isatty(STDERR_FILENO) != 0

  /// Starts watching; call `update` as steps begin and `finish` at the end.
  init() {
    guard enabled else { return }
    Thread.detachNewThread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 0.1)
        lock.lock()
        if finished {
          lock.unlock()
          return
        }
        let elapsed = Date().timeIntervalSince(start)
        if elapsed >= 0.5 {
          shown = true
          let line = "\r\u{1B}[2Kgen: \(step)… \(String(format: "%.1f", elapsed)) s"
          FileHandle.standardError.write(Data(line.utf8))
        }
        lock.unlock()
      }
    }
  }

  /// The step now running.
  func update(_ name: String) {
    lock.lock()
    step = Progress.describe(name)
    lock.unlock()
  }

  /// Stops and clears the line.
  func finish() {
    lock.lock()
    finished = true
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    lock.unlock()
  }

  static func describe(_ step: String) -> String {
    switch step {
    case "load": return "loading config, pages, templates and datasets"
    case "validate": return "checking pages, links and templates"
    case "compute": return "computing metrics and charts"
    case "render": return "rendering pages"
    case "write": return "writing the site"
    default: return step
    }
  }
}
