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

  /// The chart's model, or the problems that prevent drawing it.
  public static func build(_ spec: ChartSpec, engine: QueryEngine) -> Result<ChartModel, Diagnostics> {
    guard let facet = spec.facet else { return buildSingle(spec, engine: engine) }
    guard let dataset = engine.datasets[spec.query.data], let (codes, dictionary) = dataset.codes(of: facet)
    else {
      if let dataset = engine.datasets[spec.query.data] {
        return .failure(
          Diagnostics([
            .error(
              "dataset '\(dataset.name)' has no column '\(facet)'", at: spec.query.location(of: "facet"),
              hint: Suggestion.hintOrList(for: facet, in: dataset.table.columnNames, noun: "column"))
          ]))
      }
      return buildSingle(spec, engine: engine)
    }
    // Panels: the facet values with the largest measure first (at most 12).
    var totals = [Double](repeating: 0, count: dictionary.count)
    let measure = spec.query.value ?? dataset.valueColumn
    let column = measure.flatMap { dataset.table.column($0) }
    for (row, code) in codes.enumerated() where code != Missing.code {
      // Rows count as 1 when there is no measure column; a missing measure counts as nothing.
      totals[Int(code)] += column.map { $0.number(at: row) ?? 0 } ?? 1
    }
    let order = dictionary.indices.filter { totals[$0] > 0 }
      .sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : dictionary[$0] < dictionary[$1] }
      .prefix(12)
    var panels: [(String, ChartModel)] = []
    for index in order {
      var panel = spec
      panel.facet = nil
      panel.query.within.append(
        Filter(column: facet, values: [dictionary[index]], location: spec.query.location(of: "facet")))
      switch buildSingle(panel, engine: engine) {
      case .success(let model): panels.append((dictionary[index], model))
      case .failure(let problems): return .failure(problems)
      }
    }
    guard var first = panels.first?.1 else {
      return .failure(
        Diagnostics([
          .error("facet column '\(facet)' has no values to draw", at: spec.query.location(of: "facet"))
        ]))
    }
    first.spec = spec
    first.facets = panels
    return .success(first)
  }

  static func buildSingle(_ spec: ChartSpec, engine: QueryEngine) -> Result<ChartModel, Diagnostics> {
    var q = spec.query
    let top = q.top ?? defaultTop(spec.type)
    func fail(_ message: String, _ key: String, hint: String? = nil) -> Result<ChartModel, Diagnostics> {
      .failure(Diagnostics([.error(message, at: q.location(of: key), hint: hint)]))
    }
    let timeAxis = spec.type != .bar
    if timeAxis && q.per == nil {
      return fail(
        "a \(spec.type.rawValue) chart needs 'per' (day, week, month, quarter or year) for its time axis",
        "type",
        hint: "add e.g. 'per: week'")
    }
    if spec.type == .bar {
      // Bars pool one range; 'at' with 'per' names the range of that one period.
      if let at = q.at, let unit = q.per {
        let start = unit.start(of: at)
        q.from = start
        q.to = unit.end(of: start)
        q.at = nil
      }
      q.per = nil
    }
    let measure = q.measure
    // Measures that use `by` inside each period (top_share, hhi, the rank of one named
    // group) give one value per period: one series.
    let rankOfOne = measure == .rank && q.filters.contains { $0.column == q.by }
    let perPeriodMeasure = measure == .topShare || measure == .hhi || rankOfOne
    if perPeriodMeasure && spec.type != .line && spec.type != .sparkline && spec.type != .column {
      return fail(
        "measure '\(measure.rawValue)' gives one value per period; draw it as a line, column or sparkline",
        "measure")
    }
    let format = spec.format ?? measure.defaultFormat

    // One series without groups (line, sparkline): the per-period values.
    if perPeriodMeasure
      || (q.by == nil
        && (spec.type == .line || spec.type == .sparkline || (spec.type == .column && measure != .share)))
    {
      let series: PeriodSeries
      switch engine.series(q) {
      case .success(let s): series = s
      case .failure(let d): return .failure(d)
      }
      if let (problem, hint) = MetricEvaluator.impossibleShare(series, q) {
        return fail(problem, "data", hint: hint)
      }
      let shown = (0..<series.grid.count).filter { series.inRange[$0] && series.values[$0] != nil }
      let name = q.filters.isEmpty ? series.measureName : q.filters.map(\.summary).joined(separator: ", ")
      return .success(
        ChartModel(
          spec: spec, unit: q.per, days: shown.map { series.grid.starts[$0] },
          labels: shown.map { series.grid.label($0) },
          partial: shown.map { series.partial[$0] },
          series: [ChartSeries(name: name, values: shown.map { series.values[$0] }, isOther: false)],
          format: format,
          digits: spec.digits, stacked100: false, isRank: measure == .rank, measureName: series.measureName))
    }

    if measure == .rank {
      q.measure = .sum
    }
    let fill = spec.type == .area || (spec.type == .column && measure == .share)
    let groups: GroupSeries
    switch engine.groupSeries(q, top: measure == .rank ? nil : top, fillRemainder: fill) {
    case .success(let g): groups = g
    case .failure(let d): return .failure(d)
    }
    if groups.periods.isEmpty {
      return fail("no data to draw in the chosen range", q.from != nil ? "from" : "data")
    }
    let useShares = measure == .share
    if useShares, let problem = groups.impossibleShare {
      return fail(
        problem, "data", hint: "shares need values of 0 or more; draw 'measure: sum' for net amounts")
    }
    func values(_ g: Int) -> [Double?] {
      useShares ? groups.shares[g] : groups.sums[g].map { Optional($0) }
    }

    switch spec.type {
    case .bar:
      var series: [ChartSeries] = []
      for g in groups.groups.indices where !groups.isOther[g] {
        let v =
          useShares
          ? (groups.universeTotal > 0 ? groups.totals[g] / groups.universeTotal : nil) : groups.totals[g]
        series.append(ChartSeries(name: groups.groups[g], values: [v], isOther: false))
      }
      series = Array(series.prefix(top))
      return .success(
        ChartModel(
          spec: spec, unit: nil, days: [], labels: [rangeLabel(groups)],
          partial: [groups.partial.contains(true)],
          series: series, format: format, digits: spec.digits, stacked100: false,
          measureName: groups.measureName))
    case .slope:
      let complete = groups.periods.indices.filter { !groups.partial[$0] }
      guard let a = complete.first, let b = complete.last, a != b else {
        return fail("a slope chart needs two complete periods in the range", q.from != nil ? "from" : "per")
      }
      let series = groups.groups.indices.filter { !groups.isOther[$0] }.map { g in
        ChartSeries(name: groups.groups[g], values: [values(g)[a], values(g)[b]], isOther: false)
      }
      return .success(
        ChartModel(
          spec: spec, unit: q.per,
          days: [groups.grid.starts[groups.periods[a]], groups.grid.starts[groups.periods[b]]],
          labels: [groups.label(a), groups.label(b)], partial: [false, false], series: series, format: format,
          digits: spec.digits, stacked100: false, measureName: groups.measureName))
    default:
      var series: [ChartSeries]
      if measure == .rank {
        // Rank of each group per period among all groups (1 = largest); the top groups by total are drawn.
        let n = groups.periods.count
        var ranks = [[Double?]](repeating: [Double?](repeating: nil, count: n), count: groups.groups.count)
        for i in 0..<n {
          let column = Ranking.ranks(groups.groups.indices.map { groups.sums[$0][i] })
          for g in groups.groups.indices { ranks[g][i] = column[g].map(Double.init) }
        }
        series = groups.groups.indices.prefix(top).map {
          ChartSeries(name: groups.groups[$0], values: ranks[$0], isOther: false)
        }
      } else {
        series = groups.groups.indices.map { g in
          ChartSeries(name: groups.groups[g], values: values(g), isOther: groups.isOther[g])
        }
      }
      if spec.type == .line { series.removeAll { $0.isOther } }
      return .success(
        ChartModel(
          spec: spec, unit: q.per, days: groups.periods.map { groups.grid.starts[$0] },
          labels: groups.periods.indices.map { groups.label($0) }, partial: groups.partial, series: series,
          format: format, digits: spec.digits, stacked100: fill && useShares, isRank: measure == .rank,
          measureName: groups.measureName))
    }
  }

  static func rangeLabel(_ g: GroupSeries) -> String {
    g.periods.first.map { g.grid.label($0) } ?? ""
  }
}
