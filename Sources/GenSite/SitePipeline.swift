import Foundation
import GenCore
import GenData
import GenTemplates

/// The build, in five visible steps: load → validate → compute → render → write.
/// Nothing is written until every step before has passed without errors; `write` is
/// separate (`OutputWriter`) so that `gen check` and `gen metrics` run the same steps
/// without touching the disk.
public enum SitePipeline {
  /// Runs load, validate, compute and render.
  ///
  /// - Parameters:
  ///   - options: the site and build switches.
  ///   - stopAfterCompute: skip rendering (for `gen metrics`).
  ///   - cache: datasets kept between builds (`gen serve`); nil for one-off builds.
  ///   - clock: the clock step timings are read from.
  ///   - onStep: called with the name of each step as it starts (progress display).
  public static func run(
    _ options: BuildOptions, stopAfterCompute: Bool = false, cache: DatasetCache? = nil,
    clock: ContinuousClock = ContinuousClock(), onStep: (@Sendable (String) -> Void)? = nil
  ) -> BuildResult {
    var stats = BuildStats()
    var diagnostics = Diagnostics()
    func timed<T>(_ name: String, _ body: () -> T) -> T {
      onStep?(name)
      let start = clock.now
      let result = body()
      stats.timings.append(StepTiming(name: name, duration: clock.now - start))
      return result
    }
    func failed() -> BuildResult {
      BuildResult(diagnostics: diagnostics, output: nil, stats: stats, metrics: [])
    }

    // 1. load: config, pages, templates, datasets (in parallel).
    let loaded = timed("load") { LoadStep.run(options, cache: cache, into: &diagnostics) }
    stats.datasets = loaded.site.datasets.count
    stats.rows = loaded.site.datasets.values.reduce(0) { $0 + $1.rollup.sourceRows }
    stats.sources = loaded.site.datasets.mapValues(\.rollup.stats)
    if loaded.fatal { return failed() }

    // Errors do not stop the steps below: each works with what is sound, so that one
    // run reports every problem (a metric that failed is left out of the prose checks,
    // a missing template renders nothing). Only the write needs a build without errors.

    // 2. validate: pages from data, URLs, links targets, templates, metric names.
    let model = timed("validate") { ValidateStep.run(loaded.site, options, into: &diagnostics) }

    // 3. compute: metrics, expressions, chart and table data.
    let computed = timed("compute") { ComputeStep.run(model, into: &diagnostics) }
    stats.metrics = computed.reports.count
    stats.charts = computed.chartCount
    if stopAfterCompute {
      return BuildResult(diagnostics: diagnostics, output: nil, stats: stats, metrics: computed.reports)
    }

    // 4. render: charts, Markdown, templates, feeds, in memory.
    let output = timed("render") { RenderStep.run(computed, options, into: &diagnostics) }
    stats.pages = model.pages.count + 1
    stats.files = output.files.count + output.copies.count
    if diagnostics.hasErrors { return failed() }
    return BuildResult(diagnostics: diagnostics, output: output, stats: stats, metrics: computed.reports)
  }
}

/// The datasets of the last build of `gen serve`, keyed by every declaration and the
/// size and modification time of every file, so a rebuild after a page or template edit
/// does not parse data again. (A changed dataset reloads them all; large unchanged files
/// then come from the parsed-table cache.)
public final class DatasetCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entry: (key: String, datasets: [String: Dataset], diagnostics: Diagnostics)?

  /// An empty cache.
  public init() {}

  func lookup(_ key: String) -> ([String: Dataset], Diagnostics)? {
    lock.lock()
    defer { lock.unlock() }
    return entry.flatMap { $0.key == key ? ($0.datasets, $0.diagnostics) : nil }
  }

  func store(_ key: String, _ datasets: [String: Dataset], _ diagnostics: Diagnostics) {
    lock.lock()
    defer { lock.unlock() }
    entry = (key, datasets, diagnostics)
  }
}
