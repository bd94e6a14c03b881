import Foundation
import GenCore

/// Axis ticks: d3-array's "nice" steps (1, 2 or 5 × 10ⁿ) for numbers, and month or
/// quarter starts for time.
public enum Ticks {
  /// The tick step for about `count` ticks between `start` and `stop` (d3 `tickIncrement`).
  public static func step(_ start: Double, _ stop: Double, count: Int) -> Double {
    let span = abs(stop - start)
    guard span > 0, span.isFinite, count > 0 else { return 1 }
    let raw = span / Double(count)
    var power = 1.0
    let exponent = Int((log10(raw)).rounded(.down))
    if exponent >= 0 {
      for _ in 0..<exponent { power *= 10 }
    } else {
      for _ in 0..<(-exponent) { power /= 10 }
    }
    let error = raw / power
    let factor: Double = error >= 7.0710678 ? 10 : error >= 3.1622777 ? 5 : error >= 1.4142136 ? 2 : 1
    return factor * power
  }

  /// Tick values from `start` to `stop` (inclusive where they fall on a step).
  public static func values(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    let s = step(start, stop, count: count)
    let first = (start / s).rounded(.up)
    let last = (stop / s).rounded(.down)
    // Non-finite or absurd ranges (an overflowed sum) get no ticks rather than a trap.
    guard first.isFinite, last.isFinite, last >= first, last - first <= 1000 else { return [] }
    return (Int(first)...Int(last)).map { Double($0) * s }
  }

  /// A domain `[0, max]` extended to a nice tick (d3 `nice`), with its ticks.
  public static func niceZeroBased(max: Double, count: Int = 5) -> (top: Double, ticks: [Double]) {
    guard max > 0, max.isFinite else { return (1, [0, 1]) }
    var top = max
    for _ in 0..<3 {
      let s = step(0, top, count: count)
      let niced = (top / s).rounded(.up) * s
      if niced == top { break }
      top = niced
    }
    return (top, values(0, top, count: count))
  }

  /// A domain extended to nice ticks at both ends (d3 `nice`), with its ticks.
  public static func nice(min low: Double, max high: Double, count: Int = 5) -> (
    low: Double, high: Double, ticks: [Double]
  ) {
    guard low.isFinite, high.isFinite else { return (0, 1, [0, 1]) }
    guard high > low else { return (low - 1, low + 1, values(low - 1, low + 1, count: count)) }
    var a = low
    var b = high
    for _ in 0..<3 {
      let s = step(a, b, count: count)
      let na = (a / s).rounded(.down) * s
      let nb = (b / s).rounded(.up) * s
      if na == a && nb == b { break }
      a = na
      b = nb
    }
    return (a, b, values(a, b, count: count))
  }

  /// Ticks at every k-th period start (the smallest k whose labels fit), for ranges too
  /// short for month ticks: `5 Jan 2026`, `12 Jan`, `19 Jan`.
  public static func periods(_ days: [Day], x: (Day) -> Double, fontSize: Double) -> [(
    day: Day, label: String
  )] {
    for k in 1...max(1, days.count) {
      var ticks: [(day: Day, label: String)] = []
      var lastYear = Int.min
      for day in stride(from: 0, to: days.count, by: k).map({ days[$0] }) {
        let c = day.civil
        let label = c.year == lastYear ? "\(c.day) \(Day.monthNames[c.month - 1])" : day.longLabel
        lastYear = c.year
        ticks.append((day, label))
      }
      let fits = zip(ticks, ticks.dropFirst()).allSatisfy { a, b in
        x(b.day) - x(a.day)
          >= (TextMetrics.width(a.label, size: fontSize) + TextMetrics.width(b.label, size: fontSize)) / 2 + 8
      }
      if fits { return ticks }
    }
    return days.first.map { [($0, $0.longLabel)] } ?? []
  }

  /// Time ticks: the first day of months every 1, 2, 3, 6 months or 1, 2, 5, 10, 20, 50,
  /// 100, 200, 500 or 1,000 years (the
  /// smallest interval whose labels fit), labelled `Feb 2025` at the first tick and at
  /// each January, otherwise `Mar`; yearly ticks are labelled `2025`.
  public static func months(
    from start: Day, to end: Day, x: (Day) -> Double, fontSize: Double
  ) -> [(day: Day, label: String)] {
    let c = start.civil
    let first = c.year * 12 + (c.month - 1) + (c.day == 1 ? 0 : 1)
    for interval in [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000] {
      var ticks: [(day: Day, label: String)] = []
      var index = (first + interval - 1) / interval * interval
      while let day = Day(year: index / 12, month: index % 12 + 1, day: 1), day <= end {
        let month = index % 12
        let label: String
        if interval >= 12 {
          label = "\(index / 12)"
        } else if ticks.isEmpty || month == 0 {
          label = "\(Day.monthNames[month]) \(index / 12)"
        } else {
          label = Day.monthNames[month]
        }
        ticks.append((day, label))
        index += interval
      }
      // Fits when neighbouring labels, centred on their ticks, keep 8 px apart.
      let fits = zip(ticks, ticks.dropFirst()).allSatisfy { a, b in
        x(b.day) - x(a.day)
          >= (TextMetrics.width(a.label, size: fontSize) + TextMetrics.width(b.label, size: fontSize)) / 2 + 8
      }
      if fits, !ticks.isEmpty { return ticks }
    }
    return []
  }
}
