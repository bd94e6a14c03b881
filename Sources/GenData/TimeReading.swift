import Foundation
import GenCore

/// Turns the cells of a dataset's time column into days. A date counts as written. A
/// value with a zone (`2013-01-01T10:00:00Z`) is an instant: with `timezone:` declared,
/// it counts on its day in that zone; without, on the date as written, and the first such
/// value (or one with a time of day) is kept so that the build can warn that its handling
/// was not declared (docs/metrics.md, "Times and zones").
struct TimeReading {
  /// The zone whose days are counted, when the dataset declares one.
  private var local: LocalDays?
  /// The first value that says more than a date: its position (a file offset or a record
  /// index), its text, and whether it has a zone.
  private(set) var example: (position: Int, text: String, hasZone: Bool)?

  /// A reading for a dataset with `timezone:` (a zone identifier, already checked) or without.
  init(timezone: String?) {
    local = timezone.flatMap { TimeZone(identifier: $0) }.map { LocalDays(zone: $0) }
  }

  /// The day of a cell; nil when it is not a date. `position` locates it for the warning.
  mutating func day(_ b: UnsafeBufferPointer<UInt8>, position: Int) -> Int32? {
    if b.count == 10 { return Day.parse(b)?.index }
    guard let stamp = Timestamp.parse(b) else {
      // A date followed by text gen does not read as a time: the date as written, unless
      // a zone was declared (then the time matters and is not understood).
      guard local == nil, let day = Day.parse(b) else { return nil }
      note(b, position: position, hasZone: false)
      return day.index
    }
    if stamp.hasTimeOrZone { note(b, position: position, hasZone: stamp.offset != nil) }
    return local?.day(of: stamp).index ?? stamp.day.index
  }

  /// The day of a text cell; see ``day(_:position:)``.
  mutating func day(_ text: String, position: Int) -> Int32? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { day(UnsafeBufferPointer($0), position: position) }
  }

  private mutating func note(_ b: UnsafeBufferPointer<UInt8>, position: Int, hasZone: Bool) {
    guard local == nil, example.map({ position < $0.position }) ?? true else { return }
    example = (position, String(decoding: b, as: UTF8.self), hasZone)
  }

  /// The earlier of two readings' examples (readings of one file's chunks).
  mutating func merge(_ other: TimeReading) {
    if let e = other.example, example.map({ e.position < $0.position }) ?? true { example = e }
  }

  /// The warning for a time column whose times or zones are not declared, if any.
  /// `seenAt` names the value's place in the data, when known.
  func warning(_ spec: DatasetSpec, at location: SourceLocation?, seenAt: SourceLocation? = nil)
    -> Diagnostic?
  {
    spec.time.flatMap { warning(dataset: spec.name, column: $0, at: location, seenAt: seenAt) }
  }

  /// The warning for a time column `column` of dataset `dataset`; see above.
  func warning(
    dataset: String, column time: String, at location: SourceLocation?, seenAt: SourceLocation? = nil
  )
    -> Diagnostic?
  {
    guard let example else { return nil }
    let what = example.hasZone ? "instants with a zone" : "times of day"
    let consequence =
      example.hasZone
      ? "each row counts on the date as written, which is not the local day everywhere"
      : "each row counts on its date; the time is not used"
    return .warning(
      "time column '\(time)' of dataset '\(dataset)' holds \(what) ('\(example.text.prefix(40))'\(seenAt.map { " at \($0)" } ?? "")): \(consequence)",
      at: location,
      hint: "declare the zone whose days the report counts, e.g. 'timezone: America/New_York' "
        + "or 'timezone: UTC', under the dataset in gen.yml")
  }
}

/// The day in one time zone of instants, with the zone's offset kept per quarter hour
/// (offsets change at most every quarter hour, at daylight-saving changes).
struct LocalDays {
  let zone: TimeZone
  private var offsets: [Int64: Int64] = [:]

  init(zone: TimeZone) { self.zone = zone }

  /// The local day of an instant; a value without a zone is already local.
  mutating func day(of stamp: Timestamp) -> Day {
    guard let utc = stamp.utcSeconds else { return stamp.day }
    let quarter = floorDivide(utc, 900)
    let offset: Int64
    if let known = offsets[quarter] {
      offset = known
    } else {
      offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(quarter * 900))))
      offsets[quarter] = offset
    }
    return Day(index: Int32(floorDivide(utc + offset, 86_400)))
  }

  private func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }
}
