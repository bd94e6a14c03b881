import GenCore
import GenData

/// Builds one chart's model: checks the spec against the chart type, then draws its
/// values from one period series (a measure over time) or from group series.
struct ChartBuilder {
  let spec: ChartSpec
  let engine: QueryEngine
  /// The query as the chart runs it (a bar chart's `at` becomes a range).
  var q: DataQuery
  /// Where problems go.
  var diagnostics: Diagnostics

  init(spec: ChartSpec, engine: QueryEngine, diagnostics: Diagnostics) {
    self.spec = spec
    self.engine = engine
    self.q = spec.query
    self.diagnostics = diagnostics
  }

  var top: Int { q.top ?? ChartData.defaultTop(spec.type) }
  var format: ValueFormat { spec.format ?? spec.query.measure.defaultFormat }
  /// Measures that use `by` inside each period (top_share, hhi, the rank of one named
  /// group) give one value per period: one series.
  var perPeriodMeasure: Bool {
    let rankOfOne = q.measure == .rank && q.filters.contains { $0.column == q.by }
    return q.measure == .topShare || q.measure == .hhi || rankOfOne
  }

  mutating func fail(_ message: String, at location: SourceLocation, hint: String? = nil) -> ChartModel? {
    diagnostics.error(message, at: location, hint: hint)
    return nil
  }

  mutating func build() -> ChartModel? {
    if spec.type != .bar && q.per == nil {
      return fail(
        "a \(spec.type.rawValue) chart needs 'per' (day, week, month, quarter or year) for its time axis",
        at: spec.location(of: .type), hint: "add e.g. 'per: week'")
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
    if perPeriodMeasure && spec.type != .line && spec.type != .sparkline && spec.type != .column {
      return fail(
        "measure '\(q.measure.rawValue)' gives one value per period; draw it as a line, column or sparkline",
        at: q.location(of: .measure))
    }
    // One series without groups (line, sparkline): the per-period values.
    if perPeriodMeasure
      || (q.by == nil
        && (spec.type == .line || spec.type == .sparkline || (spec.type == .column && q.measure != .share)))
    {
      return seriesModel()
    }
    return groupModel()
  }

  /// One series: a measure's value per period.
  mutating func seriesModel() -> ChartModel? {
    guard let series = engine.series(q, into: &diagnostics) else { return nil }
    if let (problem, hint) = MetricEvaluator.impossibleShare(series, q) {
      return fail(problem, at: q.location(of: .data), hint: hint)
    }
    let shown = (0..<series.grid.count).filter { series.inRange[$0] && series.values[$0] != nil }
    let name = q.seriesName(measureName: series.measureName)
    return withoutPartialSums(
      ChartModel(
        spec: spec, unit: q.per, days: shown.map { series.grid.starts[$0] },
        labels: shown.map { series.grid.label($0) }, partial: shown.map { series.partial[$0] },
        series: [ChartSeries(name: name, values: shown.map { series.values[$0] }, isOther: false)],
        format: format, digits: spec.digits, stacked100: false, isRank: q.measure == .rank,
        measureName: series.measureName))
  }

  /// A sum or count over part of a period draws a drop that is not in the data: such
  /// periods are left out (and named in the chart's note) unless `partial: include` is
  /// written. Shares, ranks and other ratios keep them, marked.
  func withoutPartialSums(_ model: ChartModel) -> ChartModel {
    let additive = q.measure == .sum || q.measure == .count
    let included = q.keyLocations[.partial] != nil && q.partial == .include
    return additive && !included && !model.stacked100 ? model.droppingPartialPeriods() : model
  }

  /// Series per group: bars, slopes, or groups over time.
  mutating func groupModel() -> ChartModel? {
    let measure = q.measure
    var grouped = q
    if measure == .rank { grouped.measure = .sum }
    let fill = spec.type == .area || (spec.type == .column && measure == .share)
    guard
      let groups = engine.groupSeries(
        grouped, top: measure == .rank ? nil : top, fillRemainder: fill, into: &diagnostics)
    else { return nil }
    let rangeKey: DataQuery.Key = q.from != nil ? .from : .data
    if groups.periods.isEmpty {
      return fail("no data to draw in the chosen range", at: q.location(of: rangeKey))
    }
    let useShares = measure == .share
    if useShares, let problem = groups.impossibleShare {
      return fail(
        problem, at: q.location(of: .data),
        hint: "shares need values of 0 or more; draw 'measure: sum' for net amounts")
    }
    switch spec.type {
    case .bar: return barModel(groups, useShares: useShares)
    case .slope: return slopeModel(groups, useShares: useShares)
    default: return timeModel(groups, useShares: useShares, stacked: fill && useShares)
    }
  }

  func values(_ groups: GroupSeries, _ g: Int, useShares: Bool) -> [Double?] {
    useShares ? groups.shares[g] : groups.sums[g].map { Optional($0) }
  }

  /// Bars: each group's total (or share) over the range, largest first.
  func barModel(_ groups: GroupSeries, useShares: Bool) -> ChartModel {
    var series: [ChartSeries] = []
    for g in groups.groups.indices where !groups.isOther[g] {
      let v =
        useShares
        ? (groups.universeTotal > 0 ? groups.totals[g] / groups.universeTotal : nil) : groups.totals[g]
      series.append(ChartSeries(name: groups.groups[g], values: [v], isOther: false))
    }
    return ChartModel(
      spec: spec, unit: nil, days: [], labels: [groups.periods.first.map { groups.grid.label($0) } ?? ""],
      partial: [groups.partial.contains(true)], series: Array(series.prefix(top)), format: format,
      digits: spec.digits, stacked100: false, measureName: groups.measureName)
  }

  /// Slopes: each group's value in the first and last complete periods.
  mutating func slopeModel(_ groups: GroupSeries, useShares: Bool) -> ChartModel? {
    let complete = groups.periods.indices.filter { !groups.partial[$0] }
    guard let a = complete.first, let b = complete.last, a != b else {
      return fail(
        "a slope chart needs two complete periods in the range",
        at: q.location(of: q.from != nil ? .from : .per))
    }
    let series = groups.groups.indices.filter { !groups.isOther[$0] }.map { g in
      let v = values(groups, g, useShares: useShares)
      return ChartSeries(name: groups.groups[g], values: [v[a], v[b]], isOther: false)
    }
    return ChartModel(
      spec: spec, unit: q.per,
      days: [groups.grid.starts[groups.periods[a]], groups.grid.starts[groups.periods[b]]],
      labels: [groups.label(a), groups.label(b)], partial: [false, false], series: series, format: format,
      digits: spec.digits, stacked100: false, measureName: groups.measureName)
  }

  /// Groups over time: shares, sums, or each group's rank per period.
  func timeModel(_ groups: GroupSeries, useShares: Bool, stacked: Bool) -> ChartModel {
    var series: [ChartSeries]
    if q.measure == .rank {
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
        ChartSeries(
          name: groups.groups[g], values: values(groups, g, useShares: useShares), isOther: groups.isOther[g])
      }
    }
    if spec.type == .line { series.removeAll { $0.isOther } }
    let model = ChartModel(
      spec: spec, unit: q.per, days: groups.periods.map { groups.grid.starts[$0] },
      labels: groups.periods.indices.map { groups.label($0) }, partial: groups.partial, series: series,
      format: format, digits: spec.digits, stacked100: stacked, isRank: q.measure == .rank,
      measureName: groups.measureName)
    return useShares ? model : withoutPartialSums(model)
  }
}
