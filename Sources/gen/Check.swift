import ArgumentParser
import GenSite

/// `gen check`: every step but write; runs all claim checks.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate the site and run every claim check, writing nothing.")

  @OptionGroup var siteOptions: SiteOptions

  func run() throws {
    let progress = Progress()
    let result = SitePipeline.run(siteOptions.buildOptions(), onStep: { progress.update($0) })
    progress.finish()
    Report.diagnostics(result.diagnostics)
    if result.diagnostics.hasErrors {
      Report.failure(result.diagnostics, writes: false)
      throw ExitCode(1)
    }
    let s = result.stats
    print(
      "gen check: \(Report.plural(s.pages, "page")), \(Report.plural(s.charts, "chart")), "
        + "\(Report.plural(s.metrics, "metric")) and every claim hold; "
        + "\(Report.plural(result.diagnostics.warnings.count, "warning")); nothing written")
  }
}
