import GenCore
import GenData
import Testing

/// Days: parsed from and printed as ISO dates, with their calendar arithmetic (docs/metrics.md).
@Suite struct DayTests {
  @Test func parsesAndPrintsDays() throws {
    let d = try #require(Day(iso: "2026-02-16"))
    #expect(d.description == "2026-02-16")
    #expect(d.longLabel == "16 Feb 2026")
    #expect(d.civil == (2026, 2, 16))
    #expect(Day(iso: "1970-01-01")?.index == 0)
    #expect(Day(iso: "1969-12-31")?.index == -1)
    // 2026-01-01 − 1970-01-01 = 56 years with 14 leap days (1972 … 2024) = 56·365 + 14 = 20,454.
    #expect(Day(iso: "2026-01-01")?.index == 20_454)
    #expect(Day(iso: "2026-02-16T09:30:00Z")?.description == "2026-02-16")
    #expect(Day(iso: "2026-02-16 09:30")?.description == "2026-02-16")
  }

  @Test(arguments: [
    "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-02-16", "2026/02/16", "2026-02-16x", "",
  ])
  func rejectsWhatIsNotADay(_ text: String) {
    #expect(Day(iso: text) == nil)
  }

  @Test func leapYears() {
    #expect(Day(iso: "2024-02-29") != nil)
    #expect(Day(iso: "2000-02-29") != nil)
    #expect(Day(iso: "1900-02-29") == nil)
    #expect(Day(iso: "2024-03-01")!.index - Day(iso: "2024-02-28")!.index == 2)
  }

  @Test func isoWeekdays() {
    // 1970-01-01 was a Thursday; 2026-01-01 is a Thursday; 2026-02-16 a Monday.
    #expect(TestData.day("1970-01-01").isoWeekday == 4)
    #expect(TestData.day("1969-12-28").isoWeekday == 7)
    #expect(TestData.day("2026-01-01").isoWeekday == 4)
    #expect(TestData.day("2026-02-16").isoWeekday == 1)
    #expect(TestData.day("2026-02-22").isoWeekday == 7)
  }

  @Test func roundTripsEveryDayOfFourCenturies() {
    var d = TestData.day("1900-01-01")
    let end = TestData.day("2300-01-01")
    var count = 0
    while d < end {
      #expect(Day(iso: d.description) == d)
      d = d.advanced(by: 1)
      count += 1
    }
    // 400 Gregorian years hold 146,097 days.
    #expect(count == 146_097)
  }
}

/// Calendar periods: where each starts and ends, and how it is named.
@Suite struct PeriodUnitTests {
  func start(_ unit: PeriodUnit, _ day: String) -> String { unit.start(of: TestData.day(day)).description }
  func end(_ unit: PeriodUnit, _ day: String) -> String {
    unit.end(of: unit.start(of: TestData.day(day))).description
  }

  @Test func isoWeeksStartOnMonday() {
    // 2026-01-01 is a Thursday: its week began on Monday 2025-12-29.
    #expect(start(.week, "2026-01-01") == "2025-12-29")
    #expect(end(.week, "2026-01-01") == "2026-01-04")
    #expect(start(.week, "2026-02-16") == "2026-02-16")
    #expect(start(.week, "2026-02-22") == "2026-02-16")
    #expect(start(.week, "2026-02-23") == "2026-02-23")
    #expect(PeriodUnit.week.next(after: TestData.day("2025-12-29")).description == "2026-01-05")
  }

  @Test func monthsQuartersYears() {
    #expect(start(.month, "2026-02-16") == "2026-02-01")
    #expect(end(.month, "2026-02-16") == "2026-02-28")
    #expect(end(.month, "2024-02-03") == "2024-02-29")
    #expect(end(.month, "2025-12-31") == "2025-12-31")
    #expect(PeriodUnit.month.next(after: TestData.day("2025-12-01")).description == "2026-01-01")
    #expect(start(.quarter, "2026-02-16") == "2026-01-01")
    #expect(start(.quarter, "2026-06-30") == "2026-04-01")
    #expect(end(.quarter, "2026-08-15") == "2026-09-30")
    #expect(start(.quarter, "2026-12-31") == "2026-10-01")
    #expect(end(.quarter, "2026-12-31") == "2026-12-31")
    #expect(start(.year, "2026-07-04") == "2026-01-01")
    #expect(end(.year, "2026-07-04") == "2026-12-31")
    #expect(start(.day, "2026-07-04") == "2026-07-04")
    #expect(end(.day, "2026-07-04") == "2026-07-04")
  }

  @Test func labels() {
    let d = TestData.day("2026-02-16")
    #expect(PeriodUnit.day.label(d) == "16 Feb 2026")
    #expect(PeriodUnit.week.label(d) == "week of 16 Feb 2026")
    #expect(PeriodUnit.week.shortLabel(d) == "16 Feb 2026")
    #expect(PeriodUnit.month.label(TestData.day("2026-02-01")) == "Feb 2026")
    #expect(PeriodUnit.quarter.label(TestData.day("2026-04-01")) == "Q2 2026")
    #expect(PeriodUnit.year.label(TestData.day("2026-01-01")) == "2026")
    #expect(PeriodUnit.week.plural == "weeks")
  }

  @Test func periodsInYear9999HaveAnEnd() throws {
    let december = try #require(Day(year: 9999, month: 12, day: 1))
    #expect(PeriodUnit.month.end(of: december).description == "9999-12-31")
    #expect(
      PeriodUnit.year.end(of: try #require(Day(year: 9999, month: 1, day: 1))).description == "9999-12-31")
    let d = try TestData.dataset("late", "day,v\n9999-12-01,1\n9999-12-15,2\n", time: "day", value: "v")
    let v = try TestData.metric(
      "data: late\nmeasure: sum\nper: month\nat: 9999-12-01\npartial: include",
      QueryEngine(datasets: ["late": d]))
    #expect(v.value == 3)
  }
}

/// Which days a dataset covers, from its dates and their granularity.
@Suite struct CoverageTests {
  func days(_ texts: String...) -> [Int32] { texts.map { TestData.day($0).index } }

  @Test func detectsGranularity() {
    #expect(Granularity.detect(days("2026-01-01", "2026-01-02", "2026-01-03")) == .days(1))
    // The most frequent step wins over a gap.
    #expect(Granularity.detect(days("2026-01-05", "2026-01-12", "2026-01-19", "2026-02-09")) == .days(7))
    #expect(Granularity.detect(days("2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01")) == .month)
    #expect(Granularity.detect(days("2025-01-01", "2025-04-01", "2025-07-01")) == .quarter)
    #expect(Granularity.detect(days("2024-01-01", "2025-01-01", "2026-01-01")) == .year)
    #expect(Granularity.detect(days("2026-01-01")) == .days(1))
    #expect(Granularity.detect([]) == .days(1))
    #expect(Granularity.days(1).description == "daily")
    #expect(Granularity.days(7).description == "weekly")
    #expect(Granularity.month.description == "monthly")
  }

  @Test func weeklyRowsDatedByTheirMondayCoverTheWholeWeek() {
    let c = Coverage(sortedDistinct: days("2026-02-09", "2026-02-16"), granularity: .days(7))
    #expect(c.first?.description == "2026-02-09")
    #expect(c.last?.description == "2026-02-22")
    #expect(c.covers(TestData.day("2026-02-09"), TestData.day("2026-02-22")))
    #expect(!c.covers(TestData.day("2026-02-09"), TestData.day("2026-02-23")))
    #expect(!c.covers(TestData.day("2026-02-08"), TestData.day("2026-02-15")))
    // February 2026 is only partly covered.
    #expect(!c.covers(TestData.day("2026-02-01"), TestData.day("2026-02-28")))
    #expect(c.touches(TestData.day("2026-02-01"), TestData.day("2026-02-28")))
  }

  @Test func gapsSplitTheCoverage() {
    let c = Coverage(sortedDistinct: days("2026-01-05", "2026-01-12", "2026-01-26"), granularity: .days(7))
    #expect(c.spans.count == 2)
    #expect(c.covers(TestData.day("2026-01-05"), TestData.day("2026-01-18")))
    #expect(!c.covers(TestData.day("2026-01-19"), TestData.day("2026-01-25")))
    #expect(!c.touches(TestData.day("2026-01-19"), TestData.day("2026-01-25")))
  }

  @Test func monthlyRowsCoverTheirMonth() {
    let c = Coverage(sortedDistinct: days("2026-01-01", "2026-02-01"), granularity: .month)
    #expect(c.last?.description == "2026-02-28")
    #expect(c.covers(TestData.day("2026-01-01"), TestData.day("2026-03-31")) == false)
    #expect(c.covers(TestData.day("2026-01-01"), TestData.day("2026-02-28")))
  }

  @Test func monthlyDataDatedMidMonthCoversItsMonths() {
    let dates = ["2025-01-15", "2025-02-15", "2025-03-15"].map { TestData.day($0).index }
    let coverage = Coverage(sortedDistinct: dates, granularity: .month)
    #expect(coverage.first?.description == "2025-01-01")
    #expect(coverage.covers(TestData.day("2025-01-01"), TestData.day("2025-03-31")))
  }

  @Test func datasetCoverageFromItsTimeColumn() throws {
    let d = try TestData.dataset(
      "w", "week,n\n2026-02-16,1\n2026-02-09,2\n,3\n2026-02-16,4\n", time: "week", value: "n")
    #expect(d.coverage?.granularity == .days(7))
    #expect(d.coverage?.first?.description == "2026-02-09")
    #expect(d.coverage?.last?.description == "2026-02-22")
  }
}

/// Partial periods: flagged, left out of averages unless `partial: include` (docs/metrics.md).
@Suite struct PartialPeriodTests {
  /// Daily data from Monday 2026-01-05 to Wednesday 2026-01-21: the third week is partial.
  /// Each day of the two full weeks: CN 1, US 3 (share 0.25); Mon–Wed of the third: CN 3, US 1 (0.75).
  static func engine() throws -> QueryEngine {
    var lines = ["day,origin,tokens"]
    var d = TestData.day("2026-01-05")
    while d <= TestData.day("2026-01-21") {
      let late = d >= TestData.day("2026-01-19")
      lines.append("\(d),CN,\(late ? 3 : 1)")
      lines.append("\(d),US,\(late ? 1 : 3)")
      d = d.advanced(by: 1)
    }
    let daily = try TestData.dataset("daily", lines.joined(separator: "\n"), time: "day", value: "tokens")
    return QueryEngine(datasets: ["daily": daily])
  }

  @Test func lastWeekIsPartialAndLeftOutOfTheMean() throws {
    let engine = try Self.engine()
    let series = try engine.series(TestData.query("data: daily\nwhere: { origin: CN }\nper: week")).get()
    #expect(series.partial == [false, false, true])
    #expect(series.values == [0.25, 0.25, 0.75])
    let mean = try TestData.metric("data: daily\nwhere: { origin: CN }\nper: week\nagg: mean", engine)
    // (0.25 + 0.25) / 2; the partial week is not used.
    #expect(mean.value == 0.25)
    #expect(mean.basis.excludedPartial == ["week of 19 Jan 2026"])
    #expect(mean.basis.periods == ["week of 5 Jan 2026", "week of 12 Jan 2026"])
  }

  @Test func partialIncludeUsesIt() throws {
    let engine = try Self.engine()
    let mean = try TestData.metric(
      "data: daily\nwhere: { origin: CN }\nper: week\nagg: mean\npartial: include", engine)
    // (0.25 + 0.25 + 0.75) / 3 = 1.25 / 3
    #expect(close(mean.value, 1.25 / 3))
    #expect(mean.basis.includedPartial == ["week of 19 Jan 2026"])
    let last = try TestData.metric(
      "data: daily\nwhere: { origin: CN }\nper: week\nagg: last\npartial: include", engine)
    #expect(last.value == 0.75)
    #expect(last.period == "week of 19 Jan 2026")
  }

  @Test func atAPartialPeriodExplainsAndSuggestsInclude() throws {
    let engine = try Self.engine()
    let errors = try TestData.metricError(
      "data: daily\nwhere: { origin: CN }\nper: week\nat: 2026-01-20", engine)
    #expect(errors.count == 1)
    #expect(
      errors.first?.message
        == "metric 'm': week of 19 Jan 2026 is only partly covered by the data (5 Jan 2026 – 21 Jan 2026)")
    #expect(errors.first?.hint == "add 'partial: include' to use it anyway")
    let included = try TestData.metric(
      "data: daily\nwhere: { origin: CN }\nper: week\nat: 2026-01-20\npartial: include", engine)
    #expect(included.value == 0.75)
  }

  @Test func monthOfDailyDataEndingMidMonthIsPartial() throws {
    let engine = try Self.engine()
    let series = try engine.series(TestData.query("data: daily\nmeasure: sum\nper: month")).get()
    // January 2026 is covered from the 5th to the 21st only.
    #expect(series.partial == [true])
    // 14 days × 4 + 3 days × 4 = 68 tokens.
    #expect(series.values == [68])
  }

  @Test func dailyPeriodsOfDailyDataAreNeverPartial() throws {
    let engine = try Self.engine()
    let series = try engine.series(TestData.query("data: daily\nwhere: { origin: CN }\nper: day")).get()
    #expect(series.partial.allSatisfy { !$0 })
    #expect(series.values.count == 17)
  }

  @Test func weeklyRowsAreNotPartialWeeks() throws {
    let weekly = try TestData.dataset(
      "weekly", "week,origin,tokens\n2026-01-05,CN,1\n2026-01-05,US,3\n2026-01-12,CN,2\n2026-01-12,US,2\n",
      time: "week", value: "tokens")
    let engine = QueryEngine(datasets: ["weekly": weekly])
    let series = try engine.series(TestData.query("data: weekly\nwhere: { origin: CN }\nper: week")).get()
    #expect(series.partial == [false, false])
    #expect(series.values == [0.25, 0.5])
  }
}
