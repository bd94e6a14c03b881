import Foundation
import GenCore
import GenSite
import Testing

/// Times and zones in a dataset's time column (docs/metrics.md, "Times and zones"): a date
/// counts as written; an instant counts on its day in the declared `timezone:`; a time
/// column with times or zones and no declared zone is warned about, never silently cut.
@Suite struct TimestampParsingTests {
  @Test func datesTimesAndZonesAreRead() throws {
    let day = TestData.day("2013-01-01")
    #expect(Timestamp("2013-01-01") == Timestamp(day: day))
    #expect(Timestamp("2013-01-01 05:15") == Timestamp(day: day, seconds: 5 * 3600 + 15 * 60))
    #expect(Timestamp("2013-01-01T10:00:00Z") == Timestamp(day: day, seconds: 36_000, offset: 0))
    #expect(Timestamp("2013-01-01T05:00:00-05:00") == Timestamp(day: day, seconds: 18_000, offset: -18_000))
    #expect(
      Timestamp("2013-01-01 05:00:00.123456+0530") == Timestamp(day: day, seconds: 18_000, offset: 19_800))
    #expect(Timestamp("2013-01-01 10:00:00 UTC") == Timestamp(day: day, seconds: 36_000, offset: 0))
    #expect(Timestamp("2013-01-01 10:00:00+01") == Timestamp(day: day, seconds: 36_000, offset: 3600))
    #expect(Timestamp("2013-01-01T00:00:00")?.hasTimeOrZone == false)
    #expect(Timestamp("2013-01-01T00:00:00Z")?.hasTimeOrZone == true)
    for bad in [
      "2013-01-01T25:00", "2013-01-01T10", "2013-01-01 10:00 EST", "2013-01-01T10:00:00+5", "2013-1-01",
    ] {
      #expect(Timestamp(bad) == nil, "\(bad)")
    }
  }
}

@Suite struct TimeZoneSiteTests {
  /// Seven flights as instants (UTC), local New York days in the comments.
  static let flights = """
    time_hour,origin,passengers
    2013-01-01T04:59:59Z,JFK,1
    2013-01-01T05:00:00Z,JFK,2
    2013-01-01T23:30:00Z,EWR,4
    2013-01-02T04:30:00Z,EWR,8
    2013-03-10T06:59:59Z,LGA,16
    2013-03-10T07:00:00Z,LGA,32
    2013-11-03T05:30:00Z,JFK,64
    """
  // New York: 31 Dec (1), 1 Jan (2, 4), 1 Jan 23:30 EST = 2 Jan 04:30Z → 1 Jan (8),
  // 10 Mar 01:59:59 EST (16), 10 Mar 03:00 EDT (32), 3 Nov 01:30 EDT (64).

  static func site(_ declaration: String, data: String = flights, file: String = "flights.csv") throws
    -> TestSite
  {
    try TestSite(
      """
      -- gen.yml --
      title: Flights
      datasets:
        flights:
          file: \(file)
          time: time_hour
          value: passengers
      \(declaration)
      -- \(file) --
      \(data)
      -- content/index.md --
      ---
      title: Flights
      metrics:
        jan1: { data: flights, measure: sum, per: day, at: 2013-01-01 }
        first: { data: flights, measure: sum, per: day, agg: first }
        mar10: { data: flights, measure: sum, per: day, at: 2013-03-10 }
      ---
      {{ jan1 }} {{ first }} {{ mar10 }}
      """)
  }

  static func values(_ site: TestSite) throws -> [String: Double] {
    let result = site.build()
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value.value) })
  }

  @Test func instantsCountOnTheirDayInTheDeclaredZone() throws {
    let site = try Self.site("    timezone: America/New_York")
    defer { site.remove() }
    #expect(site.build().diagnostics.warnings.isEmpty)
    #expect(try Self.values(site) == ["jan1": 14, "first": 1, "mar10": 48])
  }

  @Test func undeclaredZonesAreWarnedAboutAndCountAsWritten() throws {
    let site = try Self.site("")
    defer { site.remove() }
    let warnings = site.build().diagnostics.warnings.map(\.description)
    #expect(
      warnings == [
        "gen.yml:5:11: warning: time column 'time_hour' of dataset 'flights' holds instants with a zone ('2013-01-01T04:59:59Z' at flights.csv:2:1): each row counts on the date as written, which is not the local day everywhere (declare the zone whose days the report counts, e.g. 'timezone: America/New_York' or 'timezone: UTC', under the dataset in gen.yml)"
      ])
    #expect(try Self.values(site) == ["jan1": 7, "first": 7, "mar10": 48])
    // Declaring UTC keeps those days and the warning goes.
    let utc = try Self.site("    timezone: UTC")
    defer { utc.remove() }
    #expect(utc.build().diagnostics.warnings.isEmpty)
    #expect(try Self.values(utc) == ["jan1": 7, "first": 7, "mar10": 48])
  }

  @Test func timesOfDayWithoutAZoneAreWarnedAboutButMidnightIsADate() throws {
    let naive = try Self.site(
      "", data: "time_hour,passengers\n2013-01-01 00:00:00,1\n2013-01-01 17:45:00,2\n")
    defer { naive.remove() }
    #expect(
      naive.build().diagnostics.warnings.map(\.description).first?.contains(
        "holds times of day ('2013-01-01 17:45:00' at flights.csv:3:1): each row counts on its date; the time is not used"
      )
        == true)
    let midnight = try Self.site(
      "", data: "time_hour,passengers\n2013-01-01 00:00:00,1\n2013-01-02T00:00:00,2\n")
    defer { midnight.remove() }
    #expect(midnight.build().diagnostics.warnings.isEmpty)
  }

  @Test func jsonTimesFollowTheSameRules() throws {
    let records = Self.flights.split(separator: "\n").dropFirst().map { line in
      let cells = line.split(separator: ",")
      return "{\"time_hour\": \"\(cells[0])\", \"origin\": \"\(cells[1])\", \"passengers\": \(cells[2])}"
    }
    let json = "[" + records.joined(separator: ",\n") + "]"
    let declared = try Self.site("    timezone: America/New_York", data: json, file: "flights.json")
    defer { declared.remove() }
    #expect(declared.build().diagnostics.warnings.isEmpty)
    #expect(try Self.values(declared) == ["jan1": 14, "first": 1, "mar10": 48])
    let undeclared = try Self.site("", data: json, file: "flights.json")
    defer { undeclared.remove() }
    #expect(
      undeclared.build().diagnostics.warnings.first?.description.contains(
        "holds instants with a zone ('2013-01-01T04:59:59Z' at flights.json:1:2)") == true)
  }

  @Test func anUnknownZoneIsAnErrorWithASuggestion() throws {
    let site = try Self.site("    timezone: America/New_Yrok")
    defer { site.remove() }
    #expect(
      site.errors() == [
        "gen.yml:7:15: error: 'America/New_Yrok' is not a time zone gen knows (did you mean 'America/New_York'?; zones are named as in the tz database: America/New_York, Europe/Paris, UTC)"
      ])
  }
}

/// `{ date: [year, month, day] }`: a date made from the columns of its parts, usable as
/// the dataset's time column (docs/metrics.md, "Derived columns").
@Suite struct DateFromPartsTests {
  static func site(_ rows: String, parts: String = "[year, month, day]") throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        flights:
          file: flights.csv
          time: flight_date
          columns:
            flight_date: { date: \(parts) }
      -- flights.csv --
      year,month,day,carrier
      \(rows)
      -- content/index.md --
      ---
      title: T
      metrics:
        jan1: { data: flights, measure: count, per: day, at: 2013-01-01 }
        first: { data: flights, measure: count, per: month, agg: first, partial: include }
        ua_feb: { data: flights, where: { carrier: UA }, per: month, at: 2013-02-01, partial: include }
      ---
      """)
  }

  @Test func aDateFromPartsIsTheTimeColumn() throws {
    // Rows out of order, months written with and without a leading zero.
    let site = try Self.site(
      "2013,2,3,UA\n2013,1,1,UA\n2013,01,01,AA\n2013,1,31,AA\n2013,02,28,AA\n2013,2,1,UA\n2013,,5,UA")
    defer { site.remove() }
    let result = site.build()
    #expect(result.diagnostics.sorted.map(\.description).isEmpty, "\(result.diagnostics)")
    let values = Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value.value) })
    // 1 Jan: 2 rows; January: 3; February: UA 2 of 3 (the row without a month has no date).
    #expect(values["jan1"] == 2)
    #expect(values["first"] == 3)
    #expect(values["ua_feb"] == 2.0 / 3.0)
  }

  @Test func partsThatMakeNoDateAreAnError() throws {
    let site = try Self.site("2013,1,1,UA\n2013,13,1,UA\n2013,2,30,AA")
    defer { site.remove() }
    #expect(
      site.errors() == [
        "gen.yml:7:7: error: derived column 'flight_date' of dataset 'flights': '2013-2-30', '2013-13-1' are not dates (the parts year, month, day must be whole numbers making a real date)"
      ])
    let wrong = try Self.site("2013,1,1,UA", parts: "[year]")
    defer { wrong.remove() }
    #expect(wrong.errors().first?.contains("needs 'date: [YEAR, MONTH, DAY]'") == true)
  }
}
