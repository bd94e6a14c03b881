import Foundation
import GenCore
import GenSite

/// What the server shows, shared between the builds (which replace it) and the
/// request handlers (which read it). Guarded by a lock; every read is one copy of
/// small values (the site's bytes are shared, not copied).
final class SiteState: @unchecked Sendable {
  /// The last build that succeeded.
  struct GoodBuild: Sendable {
    /// The built site.
    var output: SiteOutput
    /// The reload script its pages carry.
    var reloadTag: String
  }

  /// Everything a request needs, read at once.
  struct Current: Sendable {
    /// Builds attempted so far, failed ones included.
    var buildCount = 0
    /// The version the reload script compares: changes with every build.
    var version: String
    /// The site being served, once a build has succeeded.
    var good: GoodBuild?
    /// The problems of the latest build, when it failed.
    var problems: Diagnostics?
  }

  private let lock = NSLock()
  private var current: Current
  private var stopping = false
  /// Tells this server's versions from those of an earlier run, so that a page left
  /// open across a restart reloads too.
  private let token: String

  /// An empty state: no build yet.
  init() {
    token = String(UInt64.random(in: 0..<(1 << 40)), radix: 36)
    current = Current(version: token + ".0")
  }

  /// The state now.
  func read() -> Current {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  /// The version that build number `build` will publish (letters, digits and a dot).
  func version(forBuild build: Int) -> String { token + "." + String(build) }

  /// Whether the server is stopping: requests waiting for a new version stop waiting.
  var isStopping: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopping
  }

  /// Marks the server as stopping, or (at a new start) as running.
  func stop(_ value: Bool) {
    lock.lock()
    defer { lock.unlock() }
    stopping = value
  }

  /// Shows a new site after a successful build.
  func publish(build: Int, good: GoodBuild) {
    lock.lock()
    defer { lock.unlock() }
    current = Current(buildCount: build, version: version(forBuild: build), good: good, problems: nil)
  }

  /// Keeps the last good site, with the problems of a failed build laid over it.
  func publish(build: Int, problems: Diagnostics) {
    lock.lock()
    defer { lock.unlock() }
    current = Current(
      buildCount: build, version: version(forBuild: build), good: current.good, problems: problems)
  }
}
