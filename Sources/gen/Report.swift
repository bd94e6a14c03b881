import Foundation
import GenCore
import GenData
import GenSite

/// How commands talk to people: problems on standard error, one summary line on
/// standard output.
enum Report {
  /// Prints every problem, sorted, to standard error.
  static func diagnostics(_ diagnostics: Diagnostics) {
    guard !diagnostics.isEmpty else { return }
    let text = diagnostics.sorted.map(\.description).joined(separator: "\n") + "\n"
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// The closing line of a failed run.
  static func failure(_ diagnostics: Diagnostics, writes: Bool = true) {
    let errors = diagnostics.errors.count
    let warnings = diagnostics.warnings.count
    var line = "gen: \(plural(errors, "error"))"
    if warnings > 0 { line += ", \(plural(warnings, "warning"))" }
    line += writes ? "; nothing was written\n" : "\n"
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// `3 pages`, `1 page`.
  static func plural(_ n: Int, _ noun: String) -> String {
    "\(NumberText.grouped(String(n))) \(noun)\(n == 1 ? "" : "s")"
  }

  /// Milliseconds with one decimal.
  static func milliseconds(_ d: Duration) -> String {
    let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    return NumberText.fixed(ms, digits: 1) + " ms"
  }

  /// Per-step timings (`--verbose`).
  static func timings(_ stats: BuildStats) {
    for t in stats.timings {
      print("  \(t.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(milliseconds(t.duration))")
    }
    for (name, source) in stats.sources.sorted(by: { $0.key < $1.key }) {
      print("  dataset   \(name): \(describe(source))")
    }
  }

  /// A dataset's source in words: where from, rows read and kept, bytes, time.
  static func describe(_ s: DatasetStats) -> String {
    "\(s.source): \(plural(s.rowsScanned, "row")) → \(plural(s.rollupRows, "rollup row")), "
      + "\(NumberText.grouped(String(s.bytes))) bytes read, \(String(format: "%.1f", s.milliseconds)) ms"
  }

  /// The one summary line of a build.
  static func summary(
    _ s: BuildStats, warnings: Int, output: String, root: String, written: OutputWriter.Summary
  ) -> String {
    let shown = output.hasPrefix(root + "/") ? String(output.dropFirst(root.count + 1)) : output
    return "gen: built \(plural(s.pages, "page")), \(plural(s.charts, "chart")), "
      + "\(plural(s.datasets, "dataset")) (\(plural(s.rows, "row"))), \(plural(s.metrics, "metric")), "
      + "\(plural(warnings, "warning")) in \(milliseconds(s.total)) → \(shown)/ "
      + "(\(written.written) written, \(written.unchanged) unchanged)"
  }
}
