import GenCore

extension ChartModel {
  /// Warnings about parts of the spec that the data leaves without effect: `highlight`
  /// names that are no group of the chart, annotations outside its time range.
  public func unusedSpecWarnings() -> [Diagnostic] {
    var warnings: [Diagnostic] = []
    let names = Set(series.map(\.name) + facets.flatMap { $0.model.series.map(\.name) })
    let missing = spec.highlight.filter { !names.contains($0) }
    if !missing.isEmpty {
      warnings.append(
        .warning(
          "'highlight' names \(missing.map { "'\($0)'" }.joined(separator: ", ")), not a group of this chart",
          at: spec.location(of: .highlight),
          hint: Suggestion.hintOrList(for: missing[0], in: names.sorted(), noun: "group")))
    }
    let days = self.days + facets.flatMap(\.model.days)
    if let first = days.min(), let last = days.max() {
      for a in spec.annotations where a.at < first || a.at > unit.map({ $0.end(of: last) }) ?? last {
        warnings.append(
          .warning(
            "annotation '\(a.label)' (\(a.at)) is outside the chart's range, \(first) to \(last), and is not drawn",
            at: spec.location(of: .annotations)))
      }
    }
    return warnings
  }
}
