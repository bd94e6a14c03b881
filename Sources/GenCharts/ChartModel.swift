import GenCore
import GenData

/// The colour a series is drawn in: a class of `chart.css` (`c1`…`c7`, `c-other`,
/// `c-ink`), so that light and dark mode each have their own palette.
public enum SeriesColor: Sendable, Hashable {
  /// One of the palette's colours, 1…``Palette/slots``.
  case palette(Int)
  /// Grey: the merged "Other" group.
  case other
  /// The text colour: a single series that is a measure rather than a group.
  case ink

  /// The suffix of its CSS classes (`1`, `-other`, `-ink`).
  var classSuffix: String {
    switch self {
    case .palette(let slot): return String(slot)
    case .other: return "-other"
    case .ink: return "-ink"
    }
  }
}

/// One series of a chart: a group's values along the x axis.
public struct ChartSeries: Sendable {
  /// The group's name (or the measure's, for a single series).
  public var name: String
  /// One value per x position; nil where missing.
  public var values: [Double?]
  /// Whether this is the merged "Other" group.
  public var isOther: Bool
  /// The colour it is drawn in.
  public var color = SeriesColor.other
  /// Whether the series is drawn muted (another one is highlighted).
  public var muted = false
}

/// A chart's data, ready to draw: x positions, series, formats.
public struct ChartModel: Sendable {
  /// The spec.
  public var spec: ChartSpec
  /// The period unit of a time axis, nil for categories.
  public var unit: PeriodUnit?
  /// First day of each x position (time axes).
  public var days: [Day]
  /// Label of each x position (`week of 16 Feb 2026`, or a category).
  public var labels: [String]
  /// Whether each x position is a partial period.
  public var partial: [Bool]
  /// The series, largest first, "Other" last.
  public var series: [ChartSeries]
  /// How values are written.
  public var format: ValueFormat
  /// Decimals of value labels.
  public var digits: Int?
  /// Whether values are shares stacked to 100%.
  public var stacked100: Bool
  /// Whether the value axis is a rank (1 at the top).
  public var isRank = false
  /// Small multiples: one model per facet value.
  public var facets: [(title: String, model: ChartModel)] = []
  /// The measure's name (`total_tokens`), for the data table.
  public var measureName: String
  /// Partial periods left out (labels), for the note: a sum or count over part of a
  /// period would draw a drop that is not in the data.
  public var leftOutPartial: [String] = []

  /// Whether the chart shows one series that is a measure rather than a group.
  public var isSingleSeries: Bool {
    series.count == 1 && (spec.query.by == nil || [.topShare, .hhi, .rank].contains(spec.query.measure))
  }

  /// Formats a value as on the chart.
  public func formatted(_ value: Double?) -> String {
    Formatter.format(value, as: format, digits: digits, unit: unit ?? .day)
  }
}

extension ChartModel {
  /// The model without its partial periods, which are listed in `leftOutPartial`; the
  /// model as it is when every period is partial (then they are all there is to show).
  func droppingPartialPeriods() -> ChartModel {
    guard partial.contains(true), partial.contains(false) else { return self }
    let kept = partial.indices.filter { !partial[$0] }
    var model = self
    model.leftOutPartial = partial.indices.filter { partial[$0] }.map { labels[$0] }
    model.days = kept.filter { $0 < days.count }.map { days[$0] }
    model.labels = kept.map { labels[$0] }
    model.partial = kept.map { _ in false }
    for k in model.series.indices {
      model.series[k].values = kept.map { series[k].values.indices.contains($0) ? series[k].values[$0] : nil }
    }
    return model
  }
}
