import GenCore
import GenData

/// How a build runs.
public struct BuildOptions: Sendable {
  /// The site folder (holding `gen.yml`, `content/`, `templates/`).
  public var siteRoot: String
  /// Include pages marked `draft: true`.
  public var includeDrafts = false
  /// `SOURCE_DATE_EPOCH`, when set: the build date used where a date is needed and
  /// the content gives none.
  public var sourceDateEpoch: Int?
  /// HTML added before `</body>` of every page (the reload script of `gen serve`);
  /// never set by `gen build`.
  public var bodySuffix: String?
  /// Whether each dataset is reduced to the rollup the site uses (the default). Off,
  /// every column is kept: slower and larger, for checking that the reduction leaves
  /// out nothing the site shows.
  public var reducesData = true
  /// Datasets whose loaders run again whatever their cache holds (`--refresh`); empty:
  /// every loader; nil: none.
  public var refresh: Set<String>?
  /// Whether datasets may run loader programs and query databases. Off (the fuzz
  /// harnesses, which build sites from random input), such datasets are errors.
  public var reachesOutside = true

  /// Options for a site folder.
  public init(
    siteRoot: String, includeDrafts: Bool = false, sourceDateEpoch: Int? = nil, bodySuffix: String? = nil,
    reducesData: Bool = true
  ) {
    self.siteRoot = siteRoot
    self.includeDrafts = includeDrafts
    self.sourceDateEpoch = sourceDateEpoch
    self.bodySuffix = bodySuffix
    self.reducesData = reducesData
  }
}

/// How long a build step took.
public struct StepTiming: Sendable {
  /// `load`, `validate`, `compute`, `render`, `write`.
  public var name: String
  /// Wall time.
  public var duration: Duration

  /// A timing.
  public init(name: String, duration: Duration) {
    self.name = name
    self.duration = duration
  }
}

/// Counts for the summary line.
public struct BuildStats: Sendable {
  /// Pages written.
  public var pages = 0
  /// Charts drawn.
  public var charts = 0
  /// Datasets loaded.
  public var datasets = 0
  /// Rows over all datasets.
  public var rows = 0
  /// Metrics computed.
  public var metrics = 0
  /// Files in the output.
  public var files = 0
  /// Step timings in order.
  public var timings: [StepTiming] = []
  /// Where each dataset's rows came from and what reading them took, by dataset name.
  public var sources: [String: DatasetStats] = [:]

  /// Total time of the steps.
  public var total: Duration { timings.reduce(.zero) { $0 + $1.duration } }
}

/// The built site, in memory: every output file by its path inside the site.
public struct SiteOutput: Sendable {
  /// Files by path (`index.html`, `reports/shift/index.html`, `assets/style.1a2b3c4d.css`).
  public var files: [String: [UInt8]]
  /// Files copied from disk as they are (path inside the site → full source path),
  /// written without reading them into memory.
  public var copies: [String: String]

  /// An output.
  public init(files: [String: [UInt8]], copies: [String: String]) {
    self.files = files
    self.copies = copies
  }

  /// Every output path, sorted.
  public var paths: [String] { (Array(files.keys) + Array(copies.keys)).sorted() }
}

/// One computed metric, for `gen metrics`.
public struct MetricReport: Sendable {
  /// The page it belongs to (`content/overview.md`), or `gen.yml` for site metrics.
  public var page: String
  /// The page's output path, for pages from data.
  public var pageURL: String
  /// The value.
  public var value: MetricValue
}

/// The outcome of running the pipeline.
public struct BuildResult: Sendable {
  /// Every problem found, errors and warnings.
  public var diagnostics: Diagnostics
  /// The site, when there were no errors.
  public var output: SiteOutput?
  /// Counts and timings.
  public var stats: BuildStats
  /// Every metric of the site.
  public var metrics: [MetricReport]
}
