import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import GenCore
import GenSite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The local preview server of `gen serve`: builds the site, serves it from memory on
/// 127.0.0.1, rebuilds it when one of its files changes, and makes open pages reload.
///
/// ```swift
/// let server = PreviewServer(ServeOptions(build: BuildOptions(siteRoot: root), port: 0)) { event in
///   print(event.succeeded ? "built" : "failed")
/// }
/// let url = try await server.start()  // http://127.0.0.1:PORT/
/// // ...
/// await server.stop()
/// ```
///
/// Every build gets the same `DatasetCache`, so a rebuild after a page edit does not
/// parse unchanged datasets again. A failed build keeps the last good site and lays
/// its problems over every page (see `ErrorOverlay`).
public actor PreviewServer {
  /// Why the server could not start, for people: what, where, what to do.
  public struct Failure: Error, CustomStringConvertible {
    /// Explanation.
    public var description: String
  }

  /// The options the server was made with.
  public nonisolated let options: ServeOptions
  private let state = SiteState()
  private let watcher: SiteWatcher
  private let cache = DatasetCache()
  private let onBuild: @Sendable (BuildEvent) -> Void
  private var http: HTTPServer?
  private var serverTask: Task<Void, Never>?
  private var watchTask: Task<Void, Never>?
  private var starting = false
  /// The address being served, once started.
  public private(set) var url: URL?

  /// A server for a site; `onBuild` hears of every build, the first one included.
  public init(_ options: ServeOptions, onBuild: @escaping @Sendable (BuildEvent) -> Void = { _ in }) {
    self.options = options
    self.watcher = SiteWatcher(siteRoot: options.build.siteRoot)
    self.onBuild = onBuild
  }

  /// The version open pages compare to know they are stale: it changes with every build.
  public nonisolated var version: String { state.read().version }

  /// Builds attempted so far, failed ones included.
  public nonisolated var buildCount: Int { state.read().buildCount }

  /// Starts listening on 127.0.0.1, builds the site and starts watching the files.
  /// A site that does not build still starts: its pages show the problems until the
  /// files are fixed.
  ///
  /// - Returns: the address, with the real port when the options ask for port 0.
  /// - Throws: `Failure` when the folder is not a site or the port cannot be used.
  @discardableResult
  public func start() async throws(Failure) -> URL {
    if let url { return url }
    guard !starting else { throw Failure(description: "the server is already starting") }
    starting = true
    defer { starting = false }
    state.stop(false)
    let root = options.build.siteRoot
    guard FileManager.default.fileExists(atPath: root + "/gen.yml") else {
      throw Failure(
        description: "no gen.yml in \(root) (run gen serve in a site folder, pass --site DIR, "
          + "or create a site with 'gen new DIR')")
    }
    let port = options.port
    let address: sockaddr_in
    do {
      address = try .inet(ip4: "127.0.0.1", port: port)
    } catch {
      throw Failure(description: "cannot make the address 127.0.0.1:\(port): \(error.localizedDescription)")
    }
    let server = HTTPServer(
      address: address, timeout: options.longPoll / .seconds(1) + 10, logger: .disabled,
      handler: SiteHandler(state: state, copiesFolder: root + "/content", longPoll: options.longPoll))
    let startError = StartError()
    serverTask = Task {
      do { try await server.run() } catch { startError.set(error) }
    }
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(10)
    while true {
      if let address = await server.listeningAddress, case .ip4(_, let real) = address {
        url = URL(string: "http://127.0.0.1:\(real)/")
        break
      }
      if let error = startError.error {
        serverTask = nil
        throw Failure(description: Self.explain(error, port: port))
      }
      if clock.now > deadline {
        await server.stop()
        serverTask?.cancel()
        serverTask = nil
        throw Failure(description: "the server did not start listening on 127.0.0.1:\(port) within 10 s")
      }
      try? await Task.sleep(for: .milliseconds(5))
    }
    http = server
    // Listening first, so a port in use is reported before any work; requests that
    // come before the first build is done wait for it.
    let watcher = self.watcher
    let snapshot = await Self.offPool { watcher.snapshot() }
    await build(changed: [])
    watchTask = Task { await self.watch(from: snapshot) }
    return url!
  }

  /// Stops watching, closes the listening socket and waits (briefly) for open requests;
  /// a page waiting for the next version is answered at once. Safe to call more than once.
  public func stop() async {
    watchTask?.cancel()
    await watchTask?.value
    watchTask = nil
    if let http {
      // Pages waiting for the next version are answered now; other requests take
      // milliseconds. What is still open after a quarter second is cancelled.
      state.stop(true)
      await http.stop(timeout: 0.25)
      await serverTask?.value
    }
    http = nil
    serverTask = nil
    url = nil
  }

  /// Polls the files; after a change, waits until they stay unchanged for `debounce`,
  /// then rebuilds once for everything that changed meanwhile.
  private func watch(from start: SiteSnapshot) async {
    let watcher = self.watcher
    var last = start
    let clock = ContinuousClock()
    while !Task.isCancelled {
      do { try await Task.sleep(for: options.pollInterval) } catch { return }
      var current = await Self.offPool { watcher.snapshot() }
      if current == last { continue }
      // Let changes that arrive together settle (at most two seconds).
      let settleBy = clock.now + .seconds(2)
      while clock.now < settleBy {
        do { try await Task.sleep(for: options.debounce) } catch { return }
        let again = await Self.offPool { watcher.snapshot() }
        if again == current { break }
        current = again
      }
      let changed = current.changes(since: last)
      // Taken before the build: a change saved during the build starts another one.
      last = current
      await build(changed: changed)
    }
  }

  /// Runs the pipeline off the cooperative threads and publishes its outcome.
  private func build(changed: [String]) async {
    let number = state.read().buildCount + 1
    let wasBroken = number > 1 && state.read().problems != nil
    let tag = ReloadScript.tag(version: state.version(forBuild: number))
    var serveBuild = options.build
    serveBuild.bodySuffix = tag
    let buildOptions = serveBuild
    let cache = self.cache
    let clock = ContinuousClock()
    let started = clock.now
    let result = await Self.offPool { SitePipeline.run(buildOptions, cache: cache) }
    let succeeded = result.output != nil && !result.diagnostics.hasErrors
    if succeeded, let output = result.output {
      state.publish(build: number, good: SiteState.GoodBuild(output: output, reloadTag: tag))
    } else {
      state.publish(build: number, problems: result.diagnostics)
    }
    onBuild(
      BuildEvent(
        number: number, changed: changed, succeeded: succeeded, recovered: succeeded && wasBroken,
        keptEarlierBuild: !succeeded && state.read().good != nil,
        diagnostics: result.diagnostics, stats: result.stats, duration: clock.now - started))
  }

  /// Runs blocking work (file stamps, the build) on a Dispatch queue, so the
  /// cooperative threads stay free to answer requests.
  private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
    }
  }

  /// A listening error in words.
  private static func explain(_ error: any Error, port: UInt16) -> String {
    if case .failed(_, let code, let message) = error as? SocketError {
      switch code {
      case EADDRINUSE:
        return "port \(port) on 127.0.0.1 is already in use (stop the program using it, "
          + "or pass --port 0 to pick a free port)"
      case EACCES:
        return "not allowed to listen on port \(port) (ports below 1024 need privileges; "
          + "pass --port 8080, or --port 0 to pick a free port)"
      default:
        return "cannot listen on 127.0.0.1:\(port): \(message)"
      }
    }
    return "cannot listen on 127.0.0.1:\(port): \(error.localizedDescription)"
  }
}

/// The error that ended the server task before it listened, if any.
private final class StartError: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (any Error)?

  var error: (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  func set(_ error: any Error) {
    lock.lock()
    defer { lock.unlock() }
    stored = error
  }
}
