import ArgumentParser
import Foundation
import GenCore
import GenData
import GenSite

/// `gen metrics`: every metric of the site with its value, period and basis.
struct Metrics: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print every metric of the site: page, name, value, period and basis.")

  @OptionGroup var siteOptions: SiteOptions

  @Flag(name: .long, help: "Print JSON (full-precision values) instead of a table.")
  var json = false

  func run() throws {
    let progress = Progress()
    let result = SitePipeline.run(
      siteOptions.buildOptions(), stopAfterCompute: true, onStep: { progress.update($0) })
    progress.finish()
    Report.diagnostics(result.diagnostics)
    if result.diagnostics.hasErrors {
      Report.failure(result.diagnostics, writes: false)
      throw ExitCode(1)
    }
    let reports = result.metrics.sorted {
      ($0.page, $0.pageURL, $0.value.name) < ($1.page, $1.pageURL, $1.value.name)
    }
    print(
      json ? MetricsOutput.json(reports, sources: result.stats.sources) : MetricsOutput.table(reports),
      terminator: "")
  }
}

/// The two forms of `gen metrics` output.
enum MetricsOutput {
  /// The metrics as a JSON array; each metric's basis names its dataset's source (where
  /// the rows came from, rows read and kept, bytes, time).
  static func json(_ reports: [MetricReport], sources: [String: DatasetStats]) -> String {
    var out = "[\n"
    for (i, r) in reports.enumerated() {
      let v = r.value
      let b = v.basis
      func list(_ items: [String]) -> String { "[" + items.map(Escape.json).joined(separator: ", ") + "]" }
      out += "  {\n"
      out += "    \"page\": \(Escape.json(r.page)),\n"
      out += "    \"url\": \(Escape.json(r.pageURL)),\n"
      out += "    \"name\": \(Escape.json(v.name)),\n"
      out += "    \"value\": \(v.value.isFinite ? "\(v.value)" : "null"),\n"
      out += "    \"formatted\": \(Escape.json(v.formatted)),\n"
      out += "    \"format\": \(Escape.json(v.format.rawValue)),\n"
      out += "    \"period\": \(v.period.map(Escape.json) ?? "null"),\n"
      out += "    \"group\": \(v.group.map(Escape.json) ?? "null"),\n"
      out += "    \"basis\": {\n"
      out += "      \"dataset\": \(Escape.json(b.dataset)),\n"
      out += "      \"measure\": \(Escape.json(b.measure)),\n"
      out += "      \"where\": \(list(b.filters)),\n"
      out += "      \"within\": \(list(b.within)),\n"
      out += "      \"denominator\": \(b.denominator.map(Escape.json) ?? "null"),\n"
      out += "      \"per\": \(b.unit.map(Escape.json) ?? "null"),\n"
      out += "      \"aggregation\": \(b.aggregation.map(Escape.json) ?? "null"),\n"
      out += "      \"periods\": \(list(b.periods)),\n"
      out += "      \"partial_excluded\": \(list(b.excludedPartial)),\n"
      out += "      \"partial_included\": \(list(b.includedPartial)),\n"
      if let s = sources[b.dataset] {
        out += "      \"source\": { \"from\": \(Escape.json(s.source)), \"rows_scanned\": \(s.rowsScanned), "
        out += "\"rollup_rows\": \(s.rollupRows), \"bytes\": \(s.bytes), "
        out += "\"milliseconds\": \((s.milliseconds * 10).rounded() / 10) },\n"
      }
      out += "      \"summary\": \(Escape.json(b.summary))\n"
      out += "    }\n"
      out += "  }\(i == reports.count - 1 ? "" : ",")\n"
    }
    return out + "]\n"
  }

  static func table(_ reports: [MetricReport]) -> String {
    var out = ""
    var lastPage = ""
    for r in reports {
      let page = r.pageURL.isEmpty ? r.page : "\(r.page) → \(r.pageURL)"
      if page != lastPage {
        out += (out.isEmpty ? "" : "\n") + page + "\n"
        lastPage = page
      }
      let v = r.value
      out += "  \(v.name) = \(v.formatted)"
      if let period = v.period { out += "  [\(period)]" }
      out += "\n    \(v.basis.summary)\n"
    }
    return out.isEmpty ? "no metrics\n" : out
  }
}
