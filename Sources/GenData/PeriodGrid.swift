import GenCore

/// The periods a query works on, and a fast map from a day to its period.
public struct PeriodGrid: Sendable {
  /// The unit, or nil when the whole range is one period.
  public var unit: PeriodUnit?
  /// First day of each period.
  public var starts: [Day]
  /// Last day of each period.
  public var ends: [Day]
  private var firstDay: Int32
  private var lookup: [Int32]

  /// A grid of `unit` periods from the period holding `first` to the one holding `last`.
  init(unit: PeriodUnit, first: Day, last: Day) {
    self.unit = unit
    var starts: [Day] = []
    var s = unit.start(of: first)
    while s <= last {
      starts.append(s)
      s = unit.next(after: s)
    }
    self.starts = starts
    ends = starts.map { unit.end(of: $0) }
    firstDay = starts.first?.index ?? first.index
    let lastDay = ends.last?.index ?? last.index
    lookup = [Int32](repeating: -1, count: Int(lastDay - firstDay) + 1)
    for (p, (start, end)) in zip(starts, ends).enumerated() {
      for d in start.index...end.index { lookup[Int(d - firstDay)] = Int32(p) }
    }
  }

  /// One period from `first` to `last`.
  init(single first: Day, last: Day) {
    unit = nil
    starts = [first]
    ends = [last]
    firstDay = first.index
    lookup = [Int32](repeating: 0, count: max(0, Int(last.index - first.index) + 1))
  }

  /// Number of periods.
  public var count: Int { starts.count }

  /// The period of a day, or -1 outside the grid.
  @inline(__always)
  func period(of day: Int32) -> Int {
    let i = Int(day) - Int(firstDay)
    if i < 0 || i >= lookup.count { return -1 }
    return Int(lookup[i])
  }

  /// The label of period `p`: `week of 16 Feb 2026`, or `10 Feb 2025 – 4 May 2026`.
  public func label(_ p: Int) -> String {
    if let unit { return unit.label(starts[p]) }
    return "\(starts[p].longLabel) – \(ends[p].longLabel)"
  }

  /// A short label for axes and table cells.
  public func shortLabel(_ p: Int) -> String {
    if let unit { return unit.shortLabel(starts[p]) }
    return label(p)
  }
}
