import GenCore
import GenData

/// Computes a chart's data from its spec with the metrics engine.
public enum ChartData {
  /// Default number of groups kept per chart type before "Other".
  static func defaultTop(_ type: ChartType) -> Int {
    switch type {
    case .area, .column, .line: return 6
    case .bar: return 10
    case .slope: return 8
    case .sparkline: return 1
    }
  }

  /// The chart's model; nil after reporting the problems that prevent drawing it.
  public static func build(_ spec: ChartSpec, engine: QueryEngine, into diagnostics: inout Diagnostics)
    -> ChartModel?
  {
    guard let facet = spec.facet, let dataset = engine.datasets[spec.query.data] else {
      return buildSingle(spec, engine: engine, into: &diagnostics)
    }
    guard let (codes, dictionary) = dataset.codes(of: facet) else {
      diagnostics.error(
        "dataset '\(dataset.name)' has no column '\(facet)'", at: spec.location(of: .facet),
        hint: Suggestion.hintOrList(for: facet, in: dataset.columnNames, noun: "column"))
      return nil
    }
    // Panels: the facet values with the largest measure first (at most 12).
    var totals = [Double](repeating: 0, count: dictionary.count)
    // Rows count as 1 when there is no measure column; a missing measure counts as nothing.
    let weights = dataset.weights(of: spec.query.value ?? dataset.valueColumn)
    for (row, code) in codes.enumerated() where code != Missing.code { totals[Int(code)] += weights[row] }
    let order = dictionary.indices.filter { totals[$0] > 0 }
      .sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : dictionary[$0] < dictionary[$1] }
      .prefix(12)
    var panels: [(String, ChartModel)] = []
    for index in order {
      var panel = spec
      panel.facet = nil
      panel.query.within.append(
        Filter(column: facet, values: [dictionary[index]], location: spec.location(of: .facet)))
      guard let model = buildSingle(panel, engine: engine, into: &diagnostics) else { return nil }
      panels.append((dictionary[index], model))
    }
    guard var first = panels.first?.1 else {
      diagnostics.error("facet column '\(facet)' has no values to draw", at: spec.location(of: .facet))
      return nil
    }
    first.spec = spec
    first.facets = panels
    return first
  }

  /// One chart without facets.
  static func buildSingle(_ spec: ChartSpec, engine: QueryEngine, into diagnostics: inout Diagnostics)
    -> ChartModel?
  {
    var builder = ChartBuilder(spec: spec, engine: engine, diagnostics: diagnostics.forTask())
    let model = builder.build()
    diagnostics.merge(builder.diagnostics)
    return model
  }
}
