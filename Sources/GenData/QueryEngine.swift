import GenCore
import Synchronization

/// Answers data queries on the loaded datasets: period grids, filters, per-period
/// sums and shares. Pure: the same datasets and query always give the same answer.
public final class QueryEngine: Sendable {
  /// The datasets by name.
  public let datasets: [String: Dataset]
  private let codeCache = Mutex(CodeCache())

  /// An engine over loaded datasets. Datasets that failed to load are known to the
  /// diagnostics of each query (``FailedName/dataset(_:)``): queries on them fail quietly.
  public init(datasets: [String: Dataset]) {
    self.datasets = datasets
  }

  /// A query checked against the data, ready to run.
  struct Resolved {
    typealias Denominator = (dataset: Dataset, filter: RowFilter, measure: MeasureColumn, name: String)
    var query: DataQuery
    var dataset: Dataset
    var grid: PeriodGrid
    var inRange: [Bool]
    var partial: [Bool]
    var within: RowFilter
    var numerator: RowFilter
    var measure: MeasureColumn
    var measureName: String
    var groups: (codes: [UInt32], dictionary: [String])?
    var rankTarget: Int?
    var denominator: Denominator?
  }

  /// The dataset a query reads, or nil after reporting why there is none.
  func lookupDataset(_ name: String, at location: SourceLocation, _ diagnostics: inout Diagnostics)
    -> Dataset?
  {
    if let dataset = datasets[name] { return dataset }
    if !diagnostics.hasFailed(.dataset(name)) {
      diagnostics.error(
        "unknown dataset '\(name)'", at: location,
        hint: Suggestion.hintOrList(for: name, in: Array(datasets.keys), noun: "dataset"))
    }
    return nil
  }

  /// Checks a query (dataset, columns, values, time keys) and builds its period grid;
  /// nil after reporting what is wrong.
  func resolve(_ q: DataQuery, into diagnostics: inout Diagnostics) -> Resolved? {
    let mark = diagnostics.count
    guard let dataset = lookupDataset(q.data, at: q.location(of: .data), &diagnostics) else { return nil }
    var codes = codeCache.withLock { $0 }
    defer { codeCache.withLock { $0.merge(codes) } }
    let (measure, measureName) = measureColumn(
      dataset, explicit: q.measure == .count ? nil : q.ratio?.numerator ?? q.value,
      count: q.measure == .count,
      location: q.location(of: q.ratio != nil ? .ratio : .value), &diagnostics)
    let groups = groupCodes(q, dataset, &codes, &diagnostics)
    var numeratorFilters = q.filters
    let rankTarget = rankTarget(q, dataset, groups: groups, filters: &numeratorFilters, &diagnostics)
    let within = RowFilter.compile(q.within, on: dataset, codes: &codes, diagnostics: &diagnostics)
    let numerator = RowFilter.compile(numeratorFilters, on: dataset, codes: &codes, diagnostics: &diagnostics)
    var denominator: Resolved.Denominator?
    if q.measure == .mean || q.measure == .ratio {
      // The same rows, another measure: rows with a value of the column, or the ratio's second.
      denominator = perRow(
        q, dataset, measureName: measureName, within: within, numerator: numerator, &diagnostics)
    } else if let d = q.denominator {
      if let other = lookupDataset(d.data, at: d.location, &diagnostics) {
        denominator = self.denominator(d, other, &codes, &diagnostics)
      } else if diagnostics.hasFailed(.dataset(d.data)) {
        return nil
      }
    }
    checkTime(q, dataset, denominator: denominator?.dataset, &diagnostics)
    if diagnostics.hasErrors(since: mark) { return nil }
    guard let (grid, inRange, partial) = periods(q, dataset, denominator: denominator?.dataset, &diagnostics)
    else { return nil }
    return Resolved(
      query: q, dataset: dataset, grid: grid, inRange: inRange, partial: partial, within: within,
      numerator: numerator, measure: measure, measureName: measureName, groups: groups,
      rankTarget: rankTarget, denominator: denominator)
  }

  /// The codes of the `by` column; measures that rank groups need one.
  private func groupCodes(
    _ q: DataQuery, _ dataset: Dataset, _ codes: inout CodeCache, _ diagnostics: inout Diagnostics
  ) -> (codes: [UInt32], dictionary: [String])? {
    var groups: (codes: [UInt32], dictionary: [String])?
    if let by = q.by {
      if dataset.table.column(by) == nil {
        dataset.reportMissingColumn(by, at: q.location(of: .by), into: &diagnostics)
      }
      groups = codes.codes(of: by, in: dataset)
    } else if [.topShare, .hhi, .rank].contains(q.measure) {
      diagnostics.error(
        "measure '\(q.measure.rawValue)' needs 'by': the column whose groups are ranked", at: q.location,
        hint: "add e.g. 'by: model_slug'")
    }
    if q.measure == .topShare, q.top == nil {
      diagnostics.error(
        "measure 'top_share' needs 'top': how many groups", at: q.location, hint: "add e.g. 'top: 10'")
    }
    return groups
  }

  /// For `measure: rank`, the group being ranked: the `where` filter on the `by` column
  /// names it, and is taken out of the numerator's filters.
  private func rankTarget(
    _ q: DataQuery, _ dataset: Dataset, groups: (codes: [UInt32], dictionary: [String])?,
    filters: inout [Filter], _ diagnostics: inout Diagnostics
  ) -> Int? {
    guard q.measure == .rank, let by = q.by else { return nil }
    guard let i = filters.firstIndex(where: { $0.column == by }), filters[i].values.count == 1,
      !filters[i].negate
    else {
      diagnostics.error(
        "measure 'rank' needs 'where' to name one value of '\(by)': the group being ranked",
        at: q.location(of: .filters), hint: "e.g. 'where: { \(by): deepseek }'")
      return nil
    }
    let value = filters.remove(at: i).values[0]
    guard let dictionary = groups?.dictionary else { return nil }
    if let target = dictionary.firstIndex(of: value) { return target }
    diagnostics.error(
      "no row of dataset '\(dataset.name)' has \(by) = '\(value)'", at: q.location(of: .filters),
      hint: Suggestion.hintOrList(for: value, in: dictionary, noun: "value"))
    return nil
  }

  /// The universe taken from another dataset.
  private func denominator(
    _ d: Denominator, _ other: Dataset, _ codes: inout CodeCache, _ diagnostics: inout Diagnostics
  ) -> Resolved.Denominator {
    let filter = RowFilter.compile(d.filters, on: other, codes: &codes, diagnostics: &diagnostics)
    let (measure, name) = measureColumn(
      other, explicit: d.value, count: false, location: d.location, &diagnostics)
    if other.days == nil {
      diagnostics.error(
        "denominator dataset '\(other.name)' has no time column to join on", at: d.location,
        hint: "add 'time:' to dataset '\(other.name)' in gen.yml")
    }
    return (other, filter, measure, name)
  }

  /// The divisor of `mean` (the rows with a value of its column) and `ratio` (the second
  /// column's sum, or the rows), over the numerator's rows.
  private func perRow(
    _ q: DataQuery, _ dataset: Dataset, measureName: String, within: RowFilter, numerator: RowFilter,
    _ diagnostics: inout Diagnostics
  ) -> Resolved.Denominator? {
    let rows = RowFilter(tests: within.tests + numerator.tests)
    if q.denominator != nil {
      diagnostics.error(
        "measure '\(q.measure.rawValue)' divides by its own rows; it takes no 'denominator'",
        at: q.location(of: .denominator))
    }
    if q.measure == .mean {
      guard let present = dataset.rollup.measures[measureName]?.present, measureName != "rows" else {
        if measureName == "rows" {
          diagnostics.error(
            "measure 'mean' needs 'value': the column to average", at: q.location(of: .measure),
            hint: "e.g. 'value: dep_delay'")
        }
        return nil
      }
      return (dataset, rows, .count(present), "rows with \(measureName)")
    }
    guard let divisor = q.ratio?.denominator else { return nil }
    if divisor == "rows" { return (dataset, rows, .count(dataset.rollup.counts), "rows") }
    let (measure, name) = measureColumn(
      dataset, explicit: divisor, count: false, location: q.location(of: .ratio), &diagnostics)
    return (dataset, rows, measure, name)
  }

  /// Time keys need a time column; periods may not be finer than the data's step.
  private func checkTime(
    _ q: DataQuery, _ dataset: Dataset, denominator: Dataset?, _ diagnostics: inout Diagnostics
  ) {
    let usesTime = q.per != nil || q.at != nil || q.from != nil || q.to != nil || q.denominator != nil
    if usesTime, dataset.days == nil {
      let key: DataQuery.Key =
        q.per != nil ? .per : q.at != nil ? .at : q.from != nil ? .from : q.to != nil ? .to : .denominator
      diagnostics.error(
        "dataset '\(dataset.name)' has no time column, so '\(key.rawValue)' cannot be used",
        at: q.location(of: key),
        hint: "add 'time: DATE_COLUMN' to dataset '\(dataset.name)' in gen.yml")
    }
    if let unit = q.per {
      for d in [dataset] + (denominator.map { [$0] } ?? []) {
        // Weekly, monthly, quarterly or yearly data (an irregular step may just be sparse events).
        guard let granularity = d.coverage?.granularity, granularity.isCalendarStep,
          unit.shortestDays < granularity.shortestDays
        else { continue }
        diagnostics.error(
          "dataset '\(d.name)' is \(granularity): 'per: \(unit.rawValue)' would split each of its rows' periods",
          at: q.location(of: .per), hint: "use a period at least as long as the data's step")
      }
    }
    if q.at != nil, q.per == nil {
      diagnostics.error(
        "'at' picks one period, so it needs 'per' to say which kind", at: q.location(of: .at),
        hint: "add 'per: day', 'week', 'month', 'quarter' or 'year'")
    }
    if q.rolling != nil, q.per == nil {
      diagnostics.error("'rolling' needs 'per': the periods to average over", at: q.location(of: .rolling))
    }
  }

  /// The query's periods: which are in its range, and which the data covers only partly.
  private func periods(
    _ q: DataQuery, _ dataset: Dataset, denominator: Dataset?, _ diagnostics: inout Diagnostics
  ) -> (PeriodGrid, inRange: [Bool], partial: [Bool])? {
    guard let coverage = dataset.coverage, let first = coverage.first, let last = coverage.last else {
      if dataset.days != nil {
        diagnostics.error("dataset '\(dataset.name)' has no dated rows", at: q.location(of: .data))
        return nil
      }
      return (PeriodGrid(single: Day(index: 0), last: Day(index: 0)), [true], [false])
    }
    let grid: PeriodGrid
    let inRange: [Bool]
    if let unit = q.per {
      grid = PeriodGrid(unit: unit, first: first, last: last)
      inRange = grid.starts.map { s in (q.from.map { s >= $0 } ?? true) && (q.to.map { s <= $0 } ?? true) }
    } else {
      grid = PeriodGrid(single: q.from ?? first, last: q.to ?? last)
      inRange = [true]
    }
    let partial = (0..<grid.count).map { p in
      !coverage.covers(grid.starts[p], grid.ends[p])
        || (denominator?.coverage.map { !$0.covers(grid.starts[p], grid.ends[p]) } ?? false)
    }
    return (grid, inRange, partial)
  }

  private func measureColumn(
    _ dataset: Dataset, explicit: String?, count: Bool, location: SourceLocation,
    _ diagnostics: inout Diagnostics
  ) -> (MeasureColumn, String) {
    let rows = MeasureColumn.count(dataset.rollup.counts)
    if count { return (rows, "rows") }
    guard let name = explicit ?? dataset.valueColumn else { return (rows, "rows") }
    if let measure = dataset.rollup.measures[name] {
      switch measure.sums {
      case .integer(let v): return (.integer(v), name)
      case .decimal(let v): return (.decimal(v), name)
      default: break
      }
    }
    if let type = dataset.rollup.sourceType(of: name) ?? dataset.table.column(name)?.type {
      diagnostics.error(
        "column '\(name)' of dataset '\(dataset.name)' holds \(type.rawValue), not numbers to add up",
        at: location)
    } else {
      dataset.reportMissingColumn(name, at: location, into: &diagnostics)
    }
    return (rows, "rows")
  }

  /// Runs the accumulation of a resolved query.
  func accumulate(_ r: Resolved, grouped: Bool) -> (Accumulation, denominator: Accumulation?) {
    let acc = Accumulation.run(
      rows: r.dataset.rollup.counts.count, days: r.dataset.days, grid: r.grid, within: r.within,
      numerator: r.numerator,
      measure: r.measure, groupCodes: grouped ? r.groups?.codes : nil,
      groupCount: grouped ? (r.groups?.dictionary.count ?? 0) : 0)
    guard let d = r.denominator else { return (acc, nil) }
    let den = Accumulation.run(
      rows: d.dataset.rollup.counts.count, days: d.dataset.days, grid: r.grid, within: d.filter,
      numerator: .all,
      measure: d.measure, groupCodes: nil, groupCount: 0)
    return (acc, den)
  }
}
