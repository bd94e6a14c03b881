import ArgumentParser
import Foundation
import GenCore
import GenSite

/// `gen build`: load, validate, compute, render, write.
struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build the site into public/ (or --out DIR).",
    discussion: "Nothing is written unless the whole site builds; the previous output stays as it was.")

  @OptionGroup var siteOptions: SiteOptions

  @Option(name: .long, help: "The output folder (default: SITE/public).")
  var out: String?

  func validate() throws {
    if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--out needs a folder, e.g. --out dist")
    }
    if !datasets.isEmpty, !refresh {
      throw ValidationError(
        "dataset names go after --refresh: gen build --refresh \(datasets.joined(separator: " "))")
    }
  }

  @Flag(name: .long, help: "Print the time of each build step and where each dataset came from.")
  var verbose = false

  @Flag(
    name: .long,
    help:
      "Run loaders and query databases again, whatever the cache holds: every dataset's, or those named after it."
  )
  var refresh = false

  @Argument(
    help: ArgumentHelp("With --refresh: the datasets to refresh (default: all).", valueName: "dataset"))
  var datasets: [String] = []

  func run() throws {
    var options = siteOptions.buildOptions()
    if refresh { options.refresh = Set(datasets) }
    let clock = ContinuousClock()
    let progress = Progress()
    let result = SitePipeline.run(options, clock: clock, onStep: { progress.update($0) })
    progress.finish()
    Report.diagnostics(result.diagnostics)
    guard let output = result.output, !result.diagnostics.hasErrors else {
      Report.failure(result.diagnostics)
      throw ExitCode(1)
    }
    let outDirectory =
      out.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? options.siteRoot + "/public"
    let start = clock.now
    let written: OutputWriter.Summary
    do {
      written = try OutputWriter.write(output, to: outDirectory, siteRoot: options.siteRoot)
    } catch {
      FileHandle.standardError.write(Data("gen: error: \(error.description)\n".utf8))
      throw ExitCode(error.refused ? 2 : 1)
    }
    var stats = result.stats
    stats.timings.append(StepTiming(name: "write", duration: clock.now - start))
    if verbose { Report.timings(stats) }
    print(
      Report.summary(
        stats, warnings: result.diagnostics.warnings.count, output: outDirectory, root: options.siteRoot,
        written: written))
  }
}
