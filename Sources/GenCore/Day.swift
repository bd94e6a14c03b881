/// A calendar day without time zone, stored as days since 1970-01-01 (proleptic
/// Gregorian). Dates in datasets and front matter are days; nothing in gen depends
/// on the machine's clock or time zone.
public struct Day: Sendable, Hashable, Comparable, Strideable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public var index: Int32

  /// A day from its index.
  public init(index: Int32) { self.index = index }

  /// A day from year, month (1–12) and day of month (1–31); nil when not a real date.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
      (-9999...9999).contains(year)
    else { return nil }
    index = Int32(Day.daysFromCivil(year: year, month: month, day: day))
  }

  /// Parses `YYYY-MM-DD`, also when followed by a time (`T…` or ` …`), which is ignored.
  public init?(iso text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard let day = bytes.withUnsafeBufferPointer({ Day.parse($0) }) else { return nil }
    self = day
  }

  /// Parses `YYYY-MM-DD` (optionally followed by `T` or a space and a time) from raw bytes.
  @inline(__always)
  public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
    guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
    if b.count > 10, b[10] != 0x54, b[10] != 0x20 { return nil }
    @inline(__always) func digit(_ i: Int) -> Int? {
      let v = Int(b[i]) &- 48
      return (0...9).contains(v) ? v : nil
    }
    guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
      let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
    else { return nil }
    return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
  }

  /// Year, month and day of month.
  public var civil: (year: Int, month: Int, day: Int) { Day.civilFromDays(Int(index)) }
  /// The year.
  public var year: Int { civil.year }
  /// The month, 1–12.
  public var month: Int { civil.month }

  /// ISO weekday: 1 = Monday … 7 = Sunday.
  public var isoWeekday: Int {
    let w = (Int(index) + 3) % 7  // 1970-01-01 was a Thursday
    return (w < 0 ? w + 7 : w) + 1
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    let c = civil
    guard (0...9999).contains(c.year) else {
      return "\(Day.pad(c.year, 4))-\(Day.pad(c.month, 2))-\(Day.pad(c.day, 2))"
    }
    let y = c.year
    let bytes: [UInt8] = [
      UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 0x2D,
      UInt8(48 + c.month / 10), UInt8(48 + c.month % 10), 0x2D, UInt8(48 + c.day / 10),
      UInt8(48 + c.day % 10),
    ]
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `16 Feb 2026`.
  public var longLabel: String {
    let c = civil
    return "\(c.day) \(Day.monthNames[c.month - 1]) \(c.year)"
  }

  /// Short month names, English.
  public static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  public static func < (a: Day, b: Day) -> Bool { a.index < b.index }
  public func distance(to other: Day) -> Int { Int(other.index) - Int(index) }
  public func advanced(by n: Int) -> Day { Day(index: index + Int32(n)) }

  /// Number of days in a month.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether a year is a Gregorian leap year.
  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  // Howard Hinnant's days_from_civil / civil_from_days.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(abs(n))
    return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
  }
}
