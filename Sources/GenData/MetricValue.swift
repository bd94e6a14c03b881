import GenCore

/// What a metric's value rests on: stated next to every number (docs/metrics.md).
public struct MetricBasis: Sendable, Hashable {
  /// The dataset.
  public var dataset: String
  /// What is measured (`share of total_tokens`, `sum of total_tokens`).
  public var measure: String
  /// Numerator filters, as text.
  public var filters: [String]
  /// Universe filters, as text.
  public var within: [String]
  /// The denominator dataset and its filters, as text.
  public var denominator: String?
  /// The period unit (`week`), or nil for one range.
  public var unit: String?
  /// How periods were combined (`mean of 47 weekly values`), or nil for one period.
  public var aggregation: String?
  /// Labels of the periods used.
  public var periods: [String]
  /// Labels of partial periods left out.
  public var excludedPartial: [String]
  /// Labels of partial periods used anyway (`partial: include`).
  public var includedPartial: [String]

  /// One line: `share of total_tokens in weekly where origin = CN, within series = …, …`.
  public var summary: String {
    var parts = ["\(measure) in '\(dataset)'"]
    if !filters.isEmpty { parts.append("where " + filters.joined(separator: ", ")) }
    if !within.isEmpty { parts.append("within " + within.joined(separator: ", ")) }
    if let denominator { parts.append("over " + denominator) }
    if let first = periods.first, let last = periods.last {
      parts.append(periods.count == 1 ? first : "\(first) to \(last) (\(periods.count) \(unit ?? "period")s)")
    }
    if let aggregation { parts.append(aggregation) }
    if !excludedPartial.isEmpty {
      parts.append("partial left out: " + EnglishList.joined(excludedPartial, limit: EnglishList.noteLimit))
    }
    if !includedPartial.isEmpty {
      parts.append("partial included: " + EnglishList.joined(includedPartial, limit: EnglishList.noteLimit))
    }
    return parts.joined(separator: "; ")
  }
}

/// A computed metric, ready for prose, claims and `gen metrics`.
public struct MetricValue: Sendable {
  /// The metric's name.
  public var name: String
  /// The value at full precision (a fraction for shares).
  public var value: Double
  /// How it is written.
  public var format: ValueFormat
  /// Decimals written, when set.
  public var digits: Int?
  /// The period unit, for date formats.
  public var unit: PeriodUnit?
  /// The period the value belongs to (`at`, or where a max or min occurred), as a label.
  public var period: String?
  /// For measures over groups: the leading group (`top_share`, `hhi`: the largest over the
  /// value's periods) or the group ranked (`rank`).
  public var group: String?
  /// The first day of that period.
  public var periodStart: Day?
  /// What the value rests on.
  public var basis: MetricBasis
  /// Where the metric is declared.
  public var location: SourceLocation
  /// The author's description, if any.
  public var label: String?
  /// The per-period values behind the metric (in the range, after partial periods and
  /// `rolling`), for `{{ name.sparkline }}`; empty without `per`.
  public var series: [Double?] = []
  /// Which of those periods are partial.
  public var seriesPartial: [Bool] = []

  /// The value as written in prose.
  public var formatted: String {
    // A date-formatted metric shows the period its value belongs to (max's week, at's month).
    if format == .date { return period ?? "–" }
    return Formatter.format(value, as: format, digits: digits, unit: unit ?? .day)
  }
}
