/// A date as written in data, with the time of day and zone that may follow it:
/// `2013-01-01`, `2013-01-01 05:15`, `2013-01-01T10:00:00Z`, `2013-01-01T05:00:00-05:00`,
/// `2013-01-01 10:00:00.000 UTC`. gen counts days; the time and zone decide which day
/// an instant falls on in the zone a dataset declares (docs/metrics.md, "Times and zones").
public struct Timestamp: Sendable, Hashable {
  /// The date as written.
  public var day: Day
  /// Seconds since midnight, when a time of day is written.
  public var seconds: Int?
  /// The zone's offset from UTC in seconds (`Z` and `UTC` are 0), when one is written.
  public var offset: Int?

  /// A timestamp from its parts.
  public init(day: Day, seconds: Int? = nil, offset: Int? = nil) {
    self.day = day
    self.seconds = seconds
    self.offset = offset
  }

  /// Whether the value says more than a date: a time other than midnight, or a zone.
  public var hasTimeOrZone: Bool { (seconds ?? 0) != 0 || offset != nil }

  /// Seconds since 1970-01-01T00:00:00Z, for a value with a zone.
  public var utcSeconds: Int64? {
    offset.map { Int64(day.index) * 86_400 + Int64(seconds ?? 0) - Int64($0) }
  }

  /// Parses a date with an optional time (`T` or a space, `HH:MM`, optional `:SS` and
  /// fraction) and an optional zone (`Z`, `±HH:MM`, `±HHMM`, `±HH`, ` UTC`, ` GMT`).
  /// Nil when the bytes are not such a value.
  public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
    guard let day = Day.parse(UnsafeBufferPointer(rebasing: b.prefix(10))) else { return nil }
    if b.count == 10 { return Timestamp(day: day) }
    guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") else { return nil }
    var i = 11
    func digits(_ count: Int) -> Int? {
      guard i + count <= b.count else { return nil }
      var value = 0
      for k in i..<(i + count) {
        let d = Int(b[k]) &- 48
        guard (0...9).contains(d) else { return nil }
        value = value * 10 + d
      }
      i += count
      return value
    }
    func skip(_ byte: Character) -> Bool {
      guard i < b.count, b[i] == UInt8(ascii: byte.unicodeScalars.first!) else { return false }
      i += 1
      return true
    }
    guard let hours = digits(2), hours < 24, skip(":"), let minutes = digits(2), minutes < 60 else {
      return nil
    }
    var seconds = hours * 3600 + minutes * 60
    if skip(":") {
      guard let s = digits(2), s < 61 else { return nil }
      seconds += min(s, 59)
      if skip(".") || skip(",") {
        let start = i
        while i < b.count, (48...57).contains(b[i]) { i += 1 }
        guard i > start else { return nil }
      }
    }
    if i == b.count { return Timestamp(day: day, seconds: seconds) }
    _ = skip(" ")
    guard let offset = zone(b, from: i) else { return nil }
    return Timestamp(day: day, seconds: seconds, offset: offset)
  }

  /// A zone from `i` to the end: `Z`, `UTC`, `GMT`, `±HH`, `±HHMM`, `±HH:MM`.
  static func zone(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
    let rest = Array(b[i...])
    if rest == Array("Z".utf8) || rest == Array("z".utf8) || rest == Array("UTC".utf8)
      || rest == Array("GMT".utf8)
    {
      return 0
    }
    guard let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
    let digits = rest.dropFirst().filter { $0 != UInt8(ascii: ":") }
    guard [2, 4].contains(digits.count), digits.allSatisfy({ (48...57).contains($0) }),
      rest.count == digits.count + 1 || (rest.count == 6 && rest[3] == UInt8(ascii: ":"))
    else { return nil }
    let values = digits.map { Int($0) - 48 }
    let hours = values[0] * 10 + values[1]
    let minutes = digits.count == 4 ? values[2] * 10 + values[3] : 0
    guard hours <= 18, minutes < 60 else { return nil }
    let offset = hours * 3600 + minutes * 60
    return sign == UInt8(ascii: "-") ? -offset : offset
  }

  /// Parses text; see ``parse(_:)``.
  public init?(_ text: some StringProtocol) {
    var bytes = Array(text.utf8)
    guard let value = bytes.withUnsafeMutableBufferPointer({ Timestamp.parse(UnsafeBufferPointer($0)) })
    else { return nil }
    self = value
  }
}
