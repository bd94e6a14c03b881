import ArgumentParser
import CGenSystem
import Dispatch
import Foundation
import GenCore
import GenServe
import GenSite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `gen serve`: build, serve on 127.0.0.1, rebuild on change, reload the open page.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build the site, serve it on 127.0.0.1 and rebuild it when a file changes.",
    discussion: """
      Open pages reload by themselves after each rebuild. A build that fails keeps the last \
      good site served and shows the errors in the terminal and over every page. The site is \
      served from memory: nothing is written to public/. Stop with Ctrl-C.
      """)

  @OptionGroup var siteOptions: SiteOptions

  @Option(name: .long, help: "The port to listen on (0 picks a free one).")
  var port: UInt16 = 8080

  func run() async throws {
    // A server answering many connections while it rebuilds: glibc's default of eight
    // malloc arenas per core let resident memory creep up under load (fragmentation,
    // not a leak: scripts/load-serve.sh, docs/testing.md); one per core holds it flat.
    gen_limit_malloc_arenas(Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
    let options = ServeOptions(build: siteOptions.buildOptions(), port: port)
    let root = options.build.siteRoot
    let server = PreviewServer(options) { event in Self.report(event, siteRoot: root) }
    let url: URL
    do {
      url = try await server.start()
    } catch {
      Self.write("gen: error: \(error.description)\n", to: .standardError)
      throw ExitCode(1)
    }
    Self.write("gen: serving \(url.absoluteString) (Ctrl-C to stop)\n", to: .standardOutput)
    let signal = await Self.waitForStopSignal()
    Self.write("\ngen: \(signal), stopping\n", to: .standardOutput)
    await server.stop()
  }

  /// One build in the terminal: problems in the `path:line:col: error: message` form
  /// of `gen build` on standard error, then one line.
  static func report(_ event: BuildEvent, siteRoot: String) {
    Report.diagnostics(event.diagnostics)
    let cause: String
    switch event.changed.count {
    case _ where !SiteFiles.isDirectory(siteRoot):
      // Moved or deleted while served: say so, rather than list every file as changed.
      cause = "the site folder \(siteRoot) is gone (moved or deleted?); "
    case 0: cause = ""
    case 1: cause = "\(event.changed[0]) changed; "
    default:
      cause = "\(event.changed[0]) and \(Report.plural(event.changed.count - 1, "more file")) changed; "
    }
    guard event.succeeded else {
      let errors = event.diagnostics.errors.count
      let kept =
        event.keptEarlierBuild
        ? "still serving the last good build, with the errors shown over every page"
        : "every page shows the errors until they are fixed"
      write("gen: \(cause)\(Report.plural(errors, "error")); \(kept)\n", to: .standardError)
      return
    }
    let s = event.stats
    let warnings = event.diagnostics.warnings.count
    var line = "gen: \(cause)\(event.number == 1 ? "built" : "rebuilt") \(Report.plural(s.pages, "page")), "
    line +=
      "\(Report.plural(s.charts, "chart")), \(Report.plural(s.datasets, "dataset")) (\(Report.plural(s.rows, "row"))), "
    line += "\(Report.plural(warnings, "warning")) in \(Report.milliseconds(event.duration))"
    if event.recovered { line += "; the errors are fixed" }
    write(line + "\n", to: .standardOutput)
  }

  /// Writes at once (no buffering), so a script reading the output sees each line.
  static func write(_ text: String, to handle: FileHandle) {
    handle.write(Data(text.utf8))
  }

  /// Waits for SIGINT (Ctrl-C) or SIGTERM and names the one that came.
  static func waitForStopSignal() async -> String {
    await withCheckedContinuation { continuation in
      let once = SignalWaiter(continuation)
      for (number, name) in [(SIGINT, "interrupted"), (SIGTERM, "terminated")] {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { once.fire(name) }
        once.keep(source)
        source.resume()
      }
    }
  }
}

/// Resumes the waiting task once, for the first signal, and keeps the signal sources
/// alive until then.
private final class SignalWaiter: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<String, Never>?
  private var sources: [any DispatchSourceSignal] = []

  init(_ continuation: CheckedContinuation<String, Never>) {
    self.continuation = continuation
  }

  func keep(_ source: any DispatchSourceSignal) {
    lock.lock()
    defer { lock.unlock() }
    sources.append(source)
  }

  func fire(_ name: String) {
    lock.lock()
    let waiting = continuation
    continuation = nil
    let toCancel = sources
    sources = []
    lock.unlock()
    for source in toCancel { source.cancel() }
    // Back to the default action: a second Ctrl-C ends the process at once.
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
    waiting?.resume(returning: name)
  }
}
