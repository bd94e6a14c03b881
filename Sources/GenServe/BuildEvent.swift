import GenCore
import GenSite

/// One build of `gen serve`, reported to whoever started the server (the command
/// prints it; tests observe it).
public struct BuildEvent: Sendable {
  /// 1 for the first build, then one more per rebuild, failed ones included.
  public var number: Int
  /// The files whose change started the build (relative to the site folder, or
  /// absolute for a dataset outside it); empty for the first build.
  public var changed: [String]
  /// Whether the site built; when not, the last good build is still served.
  public var succeeded: Bool
  /// Whether this build succeeded after the one before it failed.
  public var recovered: Bool
  /// Whether, after a failed build, an earlier good build is still being served.
  public var keptEarlierBuild: Bool
  /// Every problem found, errors and warnings.
  public var diagnostics: Diagnostics
  /// Counts and step timings.
  public var stats: BuildStats
  /// Wall time from the start of the build to the new site being served.
  public var duration: Duration
}
