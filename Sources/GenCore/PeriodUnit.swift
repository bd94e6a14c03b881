/// The calendar unit a metric or chart groups rows by.
public enum PeriodUnit: String, Sendable, Hashable, CaseIterable {
  case day
  case week
  case month
  case quarter
  case year

  /// The first day of the period holding `day` (weeks start on Monday, ISO 8601).
  @inline(__always)
  public func start(of day: Day) -> Day {
    switch self {
    case .day: return day
    case .week: return day.advanced(by: -(day.isoWeekday - 1))
    case .month:
      let c = day.civil
      return Day(year: c.year, month: c.month, day: 1)!
    case .quarter:
      let c = day.civil
      return Day(year: c.year, month: (c.month - 1) / 3 * 3 + 1, day: 1)!
    case .year: return Day(year: day.year, month: 1, day: 1)!
    }
  }

  /// The fewest days one period can span (28 for months).
  public var shortestDays: Int {
    switch self {
    case .day: return 1
    case .week: return 7
    case .month: return 28
    case .quarter: return 89
    case .year: return 365
    }
  }

  /// The first day of the period after the one starting at `start`.
  public func next(after start: Day) -> Day {
    switch self {
    case .day: return start.advanced(by: 1)
    case .week: return start.advanced(by: 7)
    case .month, .quarter, .year:
      let c = start.civil
      let step = self == .month ? 1 : self == .quarter ? 3 : 12
      let m = c.month - 1 + step
      // Computed without validation so the period after one in year 9999 still has an end.
      return Day(index: Int32(Day.daysFromCivil(year: c.year + m / 12, month: m % 12 + 1, day: 1)))
    }
  }

  /// The last day of the period starting at `start`.
  public func end(of start: Day) -> Day { next(after: start).advanced(by: -1) }

  /// A label for the period starting at `start`: `16 Feb 2026`, `week of 16 Feb 2026`,
  /// `Feb 2026`, `Q1 2026`, `2026`.
  public func label(_ start: Day) -> String {
    let c = start.civil
    switch self {
    case .day: return start.longLabel
    case .week: return "week of \(start.longLabel)"
    case .month: return "\(Day.monthNames[c.month - 1]) \(c.year)"
    case .quarter: return "Q\((c.month - 1) / 3 + 1) \(c.year)"
    case .year: return "\(c.year)"
    }
  }

  /// A short label for axes and tables: `16 Feb 2026` for days and weeks, otherwise as `label`.
  public func shortLabel(_ start: Day) -> String {
    switch self {
    case .day, .week: return start.longLabel
    default: return label(start)
    }
  }

  /// The plural noun, for messages ("12 weeks").
  public var plural: String { rawValue + "s" }
}
