import GenCore
import Synchronization

/// Answers data queries on the loaded datasets: period grids, filters, per-period
/// sums and shares. Pure: the same datasets and query always give the same answer.
public final class QueryEngine: Sendable {
  /// The datasets by name.
  public let datasets: [String: Dataset]
  /// Datasets declared in the config that failed to load (their errors are reported
  /// already): queries on them fail without a second, misleading "unknown dataset".
  public let unavailable: Set<String>
  private let codeCache = Mutex(CodeCache())

  /// An engine over loaded datasets.
  public init(datasets: [String: Dataset], unavailable: Set<String> = []) {
    self.datasets = datasets
    self.unavailable = unavailable.subtracting(datasets.keys)
  }

  /// A query checked against the data, ready to run.
  struct Resolved {
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
    var denominator: (dataset: Dataset, filter: RowFilter, measure: MeasureColumn, name: String)?
  }

  /// Checks a query: dataset, columns, values, time keys; builds its period grid.
  func resolve(_ q: DataQuery) -> Result<Resolved, Diagnostics> {
    var diagnostics = Diagnostics()
    guard let dataset = datasets[q.data] else {
      if unavailable.contains(q.data) { return .failure(diagnostics) }
      diagnostics.error(
        "unknown dataset '\(q.data)'", at: q.location(of: "data"),
        hint: Suggestion.hintOrList(for: q.data, in: Array(datasets.keys), noun: "dataset"))
      return .failure(diagnostics)
    }
    let columns = dataset.table.columnNames
    func requireColumn(_ name: String, key: String) {
      if dataset.table.column(name) == nil {
        diagnostics.error(
          "dataset '\(dataset.name)' has no column '\(name)'", at: q.location(of: key),
          hint: Suggestion.hintOrList(for: name, in: columns, noun: "column"))
      }
    }
    var codes = codeCache.withLock { $0 }
    defer { codeCache.withLock { $0.merge(codes) } }

    // Measure column.
    let (measure, measureName) = measureColumn(
      dataset, explicit: q.measure == .count ? nil : q.value, count: q.measure == .count,
      location: q.location(of: "value"), &diagnostics)

    // Groups.
    var groups: (codes: [UInt32], dictionary: [String])?
    if let by = q.by {
      requireColumn(by, key: "by")
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

    // Filters; for rank, the `by` filter names the group being ranked.
    var numeratorFilters = q.filters
    var rankTarget: Int?
    if q.measure == .rank, let by = q.by {
      if let i = numeratorFilters.firstIndex(where: { $0.column == by }),
        numeratorFilters[i].values.count == 1,
        !numeratorFilters[i].negate
      {
        let value = numeratorFilters.remove(at: i).values[0]
        if let dictionary = groups?.dictionary {
          rankTarget = dictionary.firstIndex(of: value)
          if rankTarget == nil {
            diagnostics.error(
              "no row of dataset '\(dataset.name)' has \(by) = '\(value)'", at: q.location(of: "where"),
              hint: Suggestion.hintOrList(for: value, in: dictionary, noun: "value"))
          }
        }
      } else {
        diagnostics.error(
          "measure 'rank' needs 'where' to name one value of '\(by)': the group being ranked",
          at: q.location(of: "where"), hint: "e.g. 'where: { \(by): deepseek }'")
      }
    }
    let within = RowFilter.compile(q.within, on: dataset, codes: &codes, diagnostics: &diagnostics)
    let numerator = RowFilter.compile(numeratorFilters, on: dataset, codes: &codes, diagnostics: &diagnostics)

    // Denominator from another dataset.
    var denominator: Resolved.Denominator?
    if let d = q.denominator {
      if let other = datasets[d.data] {
        let filter = RowFilter.compile(d.filters, on: other, codes: &codes, diagnostics: &diagnostics)
        let (m, name) = measureColumn(
          other, explicit: d.value, count: false, location: d.location, &diagnostics)
        if other.days == nil {
          diagnostics.error(
            "denominator dataset '\(other.name)' has no time column to join on", at: d.location,
            hint: "add 'time:' to dataset '\(other.name)' in gen.yml")
        }
        denominator = (other, filter, m, name)
      } else if unavailable.contains(d.data) {
        return .failure(diagnostics)
      } else {
        diagnostics.error(
          "unknown dataset '\(d.data)'", at: d.location,
          hint: Suggestion.hintOrList(for: d.data, in: Array(datasets.keys), noun: "dataset"))
      }
    }

    // Time.
    let usesTime = q.per != nil || q.at != nil || q.from != nil || q.to != nil || q.denominator != nil
    if usesTime, dataset.days == nil {
      let key =
        q.per != nil
        ? "per" : q.at != nil ? "at" : q.from != nil ? "from" : q.to != nil ? "to" : "denominator"
      diagnostics.error(
        "dataset '\(dataset.name)' has no time column, so '\(key)' cannot be used", at: q.location(of: key),
        hint: "add 'time: DATE_COLUMN' to dataset '\(dataset.name)' in gen.yml")
    }
    if let unit = q.per {
      for d in [dataset] + (denominator.map { [$0.dataset] } ?? []) {
        // Weekly, monthly, quarterly or yearly data (an irregular step may just be sparse events).
        guard let granularity = d.coverage?.granularity, granularity.isCalendarStep,
          unit.shortestDays < granularity.shortestDays
        else { continue }
        diagnostics.error(
          "dataset '\(d.name)' is \(granularity): 'per: \(unit.rawValue)' would split each of its rows' periods",
          at: q.location(of: "per"), hint: "use a period at least as long as the data's step")
      }
    }
    if q.at != nil, q.per == nil {
      diagnostics.error(
        "'at' picks one period, so it needs 'per' to say which kind", at: q.location(of: "at"),
        hint: "add 'per: day', 'week', 'month', 'quarter' or 'year'")
    }
    if q.rolling != nil, q.per == nil {
      diagnostics.error("'rolling' needs 'per': the periods to average over", at: q.location(of: "rolling"))
    }
    if diagnostics.hasErrors { return .failure(diagnostics) }

    // Grid.
    let grid: PeriodGrid
    var inRange: [Bool]
    var partial: [Bool]
    if let coverage = dataset.coverage, let first = coverage.first, let last = coverage.last {
      if let unit = q.per {
        grid = PeriodGrid(unit: unit, first: first, last: last)
        inRange = grid.starts.map { s in (q.from.map { s >= $0 } ?? true) && (q.to.map { s <= $0 } ?? true) }
      } else {
        grid = PeriodGrid(single: q.from ?? first, last: q.to ?? last)
        inRange = [true]
      }
      partial = (0..<grid.count).map { p in
        !coverage.covers(grid.starts[p], grid.ends[p])
          || (denominator?.dataset.coverage.map { !$0.covers(grid.starts[p], grid.ends[p]) } ?? false)
      }
    } else if dataset.days != nil {
      diagnostics.error("dataset '\(dataset.name)' has no dated rows", at: q.location(of: "data"))
      return .failure(diagnostics)
    } else {
      grid = PeriodGrid(single: Day(index: 0), last: Day(index: 0))
      inRange = [true]
      partial = [false]
    }
    return .success(
      Resolved(
        query: q, dataset: dataset, grid: grid, inRange: inRange, partial: partial, within: within,
        numerator: numerator, measure: measure, measureName: measureName, groups: groups,
        rankTarget: rankTarget,
        denominator: denominator))
  }

  private func measureColumn(
    _ dataset: Dataset, explicit: String?, count: Bool, location: SourceLocation,
    _ diagnostics: inout Diagnostics
  ) -> (MeasureColumn, String) {
    if count { return (.count, "rows") }
    guard let name = explicit ?? dataset.valueColumn else { return (.count, "rows") }
    guard let column = dataset.table.column(name) else {
      diagnostics.error(
        "dataset '\(dataset.name)' has no column '\(name)'", at: location,
        hint: Suggestion.hintOrList(for: name, in: dataset.table.columnNames, noun: "column"))
      return (.count, "rows")
    }
    switch column.storage {
    case .integer(let v): return (.integer(v), name)
    case .decimal(let v): return (.decimal(v), name)
    default:
      diagnostics.error(
        "column '\(name)' of dataset '\(dataset.name)' holds \(column.type.rawValue), not numbers to add up",
        at: location)
      return (.count, "rows")
    }
  }

  /// Runs the accumulation of a resolved query.
  func accumulate(_ r: Resolved, grouped: Bool) -> (Accumulation, denominator: Accumulation?) {
    let acc = Accumulation.run(
      rows: r.dataset.table.rowCount, days: r.dataset.days, grid: r.grid, within: r.within,
      numerator: r.numerator,
      measure: r.measure, groupCodes: grouped ? r.groups?.codes : nil,
      groupCount: grouped ? (r.groups?.dictionary.count ?? 0) : 0)
    guard let d = r.denominator else { return (acc, nil) }
    let den = Accumulation.run(
      rows: d.dataset.table.rowCount, days: d.dataset.days, grid: r.grid, within: d.filter, numerator: .all,
      measure: d.measure, groupCodes: nil, groupCount: 0)
    return (acc, den)
  }
}

extension QueryEngine.Resolved {
  typealias Denominator = (dataset: Dataset, filter: RowFilter, measure: MeasureColumn, name: String)
}
