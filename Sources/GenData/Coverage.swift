import GenCore

/// The step between a dataset's dates: how much time one row's date stands for.
public enum Granularity: Sendable, Hashable, CustomStringConvertible {
  /// A fixed number of days (1 = daily, 7 = weekly).
  case days(Int)
  /// Calendar months.
  case month
  /// Calendar quarters.
  case quarter
  /// Calendar years.
  case year

  /// The usual step between sorted distinct dates (the most frequent difference).
  public static func detect(_ sortedDistinct: [Int32]) -> Granularity {
    guard sortedDistinct.count >= 2 else { return .days(1) }
    var counts: [Int32: Int] = [:]
    for i in 1..<sortedDistinct.count { counts[sortedDistinct[i] - sortedDistinct[i - 1], default: 0] += 1 }
    let step = Int(counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key)
    switch step {
    case 28...31: return .month
    case 89...92: return .quarter
    case 365...366: return .year
    default: return .days(step)
    }
  }

  /// The first day a row dated `day` stands for: the day itself for day steps, the start
  /// of its calendar month, quarter or year otherwise (a row dated 15 March or 31 March
  /// of monthly data stands for all of March).
  public func start(of day: Day) -> Day {
    switch self {
    case .days: return day
    case .month: return PeriodUnit.month.start(of: day)
    case .quarter: return PeriodUnit.quarter.start(of: day)
    case .year: return PeriodUnit.year.start(of: day)
    }
  }

  /// The last day a row dated `day` stands for.
  public func end(of day: Day) -> Day {
    switch self {
    case .days(let n): return day.advanced(by: n - 1)
    case .month: return PeriodUnit.month.end(of: PeriodUnit.month.start(of: day))
    case .quarter: return PeriodUnit.quarter.end(of: PeriodUnit.quarter.start(of: day))
    case .year: return PeriodUnit.year.end(of: PeriodUnit.year.start(of: day))
    }
  }

  /// The fewest days one step can span (28 for months).
  public var shortestDays: Int {
    switch self {
    case .days(let n): return n
    case .month: return 28
    case .quarter: return 89
    case .year: return 365
    }
  }

  /// Whether the step is a week, month, quarter or year.
  public var isCalendarStep: Bool { self == .days(7) || self == .month || self == .quarter || self == .year }

  /// `daily`, `weekly`, `every 3 days`, `monthly`, …
  public var description: String {
    switch self {
    case .days(1): return "daily"
    case .days(7): return "weekly"
    case .days(let n): return "every \(n) days"
    case .month: return "monthly"
    case .quarter: return "quarterly"
    case .year: return "yearly"
    }
  }
}

/// The days a dataset covers: the union of the spans its rows' dates stand for.
public struct Coverage: Sendable {
  /// Disjoint, sorted, inclusive day ranges.
  public private(set) var spans: [ClosedRange<Int32>]
  /// The dataset's granularity.
  public let granularity: Granularity

  /// Coverage of sorted distinct dates at a granularity.
  public init(sortedDistinct dates: [Int32], granularity: Granularity) {
    self.granularity = granularity
    var spans: [ClosedRange<Int32>] = []
    for date in dates {
      let d = granularity.start(of: Day(index: date)).index
      let end = granularity.end(of: Day(index: date)).index
      if let last = spans.last, d <= last.upperBound + 1 {
        spans[spans.count - 1] = min(last.lowerBound, d)...max(last.upperBound, end)
      } else {
        spans.append(d...end)
      }
    }
    self.spans = spans
  }

  /// The first covered day.
  public var first: Day? { spans.first.map { Day(index: $0.lowerBound) } }
  /// The last covered day.
  public var last: Day? { spans.last.map { Day(index: $0.upperBound) } }

  /// Whether every day from `start` to `end` is covered.
  public func covers(_ start: Day, _ end: Day) -> Bool {
    spans.contains { $0.lowerBound <= start.index && end.index <= $0.upperBound }
  }

  /// Whether any day from `start` to `end` is covered.
  public func touches(_ start: Day, _ end: Day) -> Bool {
    spans.contains { $0.lowerBound <= end.index && start.index <= $0.upperBound }
  }
}
