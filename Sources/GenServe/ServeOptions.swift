import GenSite

/// How `gen serve` runs.
public struct ServeOptions: Sendable {
  /// The site and build switches. `bodySuffix` is set by the server (the reload
  /// script) and whatever is given here is replaced.
  public var build: BuildOptions
  /// The port on 127.0.0.1; 0 picks a free one (`PreviewServer.start()` returns it).
  public var port: UInt16
  /// How often the site's files are checked for changes.
  public var pollInterval: Duration
  /// How long the files must stay unchanged before a rebuild starts, so that changes
  /// saved together (an editor's "save all", a `git checkout`) give one rebuild.
  public var debounce: Duration
  /// How long a page's request for the version waits for a new build before the
  /// server answers with the same version (and the page asks again).
  public var longPoll: Duration

  /// Options for serving a site.
  public init(
    build: BuildOptions, port: UInt16 = 8080, pollInterval: Duration = .milliseconds(100),
    debounce: Duration = .milliseconds(100), longPoll: Duration = .seconds(10)
  ) {
    self.build = build
    self.port = port
    self.pollInterval = pollInterval
    self.debounce = debounce
    self.longPoll = longPoll
  }
}
