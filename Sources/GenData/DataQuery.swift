import GenCore

/// What a metric measures in each period.
public enum Measure: String, Sendable, Hashable, CaseIterable {
  /// numerator / universe.
  case share
  /// Σ of the value column over rows matching `where` and `within`.
  case sum
  /// Number of rows matching `where` and `within`.
  case count
  /// Share of the universe held by the `top` largest groups of `by`.
  case topShare = "top_share"
  /// Herfindahl–Hirschman index of the `by` groups: Σ (share × 100)², 0–10,000.
  case hhi
  /// Rank (1 = largest) of the group named in `where` among the `by` groups.
  case rank
  /// Mean of the value column per row: Σ column / rows with a value, over rows matching
  /// `where` and `within`.
  case mean
  /// Σ of one column / Σ of another (`ratio: [seats, rows]`; `rows` counts rows), over
  /// rows matching `where` and `within`.
  case ratio

  /// How a value of this measure is shown unless the author says otherwise.
  public var defaultFormat: ValueFormat {
    switch self {
    case .share, .topShare: return .percent
    case .sum: return .si
    case .count, .hhi, .rank, .mean, .ratio: return .number
    }
  }
}

/// How the values of several periods become one.
public enum Aggregation: String, Sendable, Hashable, CaseIterable {
  /// Mean of the period values.
  case mean
  /// Σ numerator / Σ universe over the periods (shares only).
  case pooled
  /// The largest period value, with its period.
  case max
  /// The smallest period value, with its period.
  case min
  /// The first period with a value.
  case first
  /// The last period with a value.
  case last
  /// last − first (percentage points for shares).
  case change
  /// last / first.
  case ratio
  /// Σ of the period values.
  case sum
}

/// Whether periods the data covers only partly are used.
public enum PartialPolicy: String, Sendable, Hashable, CaseIterable {
  case include
  case exclude
}

/// A row filter: `origin: CN`, `origin: [CN, US]`, `origin: { not: CN }`.
public struct Filter: Sendable, Hashable {
  /// The value that matches a missing (empty) cell: `where: { tailnum: missing }`.
  public static let missing = "missing"
  /// The column tested.
  public var column: String
  /// Accepted (or, with `negate`, rejected) values, as text.
  public var values: [String]
  /// Whether the filter keeps rows whose value is *not* listed.
  public var negate: Bool
  /// Where the filter is written.
  public var location: SourceLocation

  /// Creates a filter.
  public init(column: String, values: [String], negate: Bool = false, location: SourceLocation) {
    self.column = column
    self.values = values
    self.negate = negate
    self.location = location
  }

  /// `origin = CN`, `origin in (CN, US)`, `origin ≠ CN`.
  public var summary: String {
    let list = values.count == 1 ? values[0] : "(" + values.joined(separator: ", ") + ")"
    if values.count == 1 { return "\(column) \(negate ? "≠" : "=") \(list)" }
    return "\(column) \(negate ? "not in" : "in") \(list)"
  }
}

/// The universe of a share taken from another dataset, joined on the period.
public struct Denominator: Sendable {
  /// The other dataset.
  public var data: String
  /// Filters on the other dataset's rows.
  public var filters: [Filter]
  /// Its measure column (default: its `value:`).
  public var value: String?
  /// Where it is written.
  public var location: SourceLocation
}

/// The data keys shared by metrics, charts and tables (docs/metrics.md).
public struct DataQuery: Sendable {
  /// The keys of the data part of a spec.
  public enum Key: String, Sendable, Hashable, CaseIterable {
    case data
    case filters = "where"
    case within, denominator, per, at, from, to, measure, value, by, top, rolling, partial, ratio
  }

  /// The dataset.
  public var data: String
  /// Numerator filters.
  public var filters: [Filter] = []
  /// Universe filters.
  public var within: [Filter] = []
  /// A universe from another dataset.
  public var denominator: Denominator?
  /// The period unit; nil makes the whole range one period.
  public var per: PeriodUnit?
  /// A day inside the one period wanted.
  public var at: Day?
  /// First day of the range (inclusive).
  public var from: Day?
  /// Last day of the range (inclusive).
  public var to: Day?
  /// What is measured.
  public var measure: Measure = .share
  /// The measure column (default: the dataset's `value:`; without one, rows are counted).
  public var value: String?
  /// `ratio: [A, B]`: the columns divided (B may be `rows`).
  public var ratio: (numerator: String, denominator: String)?
  /// The grouping column.
  public var by: String?
  /// How many groups are kept (top N); the rest become "Other".
  public var top: Int?
  /// Rolling mean over this many periods.
  public var rolling: Int?
  /// Whether partial periods are used.
  public var partial: PartialPolicy = .exclude
  /// Where the spec starts.
  public var location: SourceLocation
  /// Where each key is written.
  public var keyLocations: [Key: SourceLocation] = [:]

  /// Creates a query on a dataset.
  public init(data: String, location: SourceLocation) {
    self.data = data
    self.location = location
  }

  /// The name of the one series a query without groups gives, by what it measures: its
  /// filters (`origin = CN`), the summed column (`tokens`), or for a count the dataset's
  /// rows (`flights`).
  public func seriesName(measureName: String) -> String {
    guard filters.isEmpty else { return filters.map(\.summary).joined(separator: ", ") }
    return measureName == "rows" ? data : measureName
  }

  /// Where a key is written, or the spec's start.
  public func location(of key: Key) -> SourceLocation { keyLocations[key] ?? location }
}
