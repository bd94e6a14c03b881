import GenCore
import GenData
import Testing

/// How values are written (docs/metrics.md, formats).
@Suite struct FormatterTests {
  let minus = "\u{2212}"

  func f(_ v: Double?, _ format: ValueFormat, digits: Int? = nil) -> String {
    Formatter.format(v, as: format, digits: digits)
  }

  @Test func percent() {
    #expect(f(0.512, .percent) == "51.2%")
    #expect(f(0.5, .percent) == "50.0%")
    #expect(f(1, .percent) == "100.0%")
    #expect(f(0.13949, .percent) == "13.9%")
    #expect(f(0.1395, .percent, digits: 2) == "13.95%")
    #expect(f(0.512, .percent, digits: 0) == "51%")
    #expect(f(-0.05, .percent) == "\(minus)5.0%")
    // Rounds to zero: no sign.
    #expect(f(-0.00001, .percent) == "0.0%")
  }

  @Test func percentagePoints() {
    #expect(f(0.123, .pp) == "+12.3 pp")
    #expect(f(-0.123, .pp) == "\(minus)12.3 pp")
    #expect(f(-0.2, .pp) == "\(minus)20.0 pp")
    #expect(f(0, .pp) == "0.0 pp")
    #expect(f(-0.0004, .pp) == "0.0 pp")
    #expect(f(0.0004, .pp) == "0.0 pp")
    #expect(f(0.0005, .pp, digits: 2) == "+0.05 pp")
  }

  @Test func siSuffixes() {
    #expect(Formatter.si(13_947_727_801_492) == "13.95T")
    #expect(Formatter.si(13_947_727_801_492, digits: 3) == "13.948T")
    #expect(Formatter.si(1.24e9) == "1.24B")
    #expect(Formatter.si(1_235_444_125_410) == "1.24T")
    #expect(Formatter.si(1_235_444_125_410, digits: 3) == "1.235T")
    #expect(Formatter.si(830e6, digits: 0) == "830M")
    #expect(Formatter.si(12_500) == "12.50K")
    #expect(Formatter.si(4.13e15) == "4.13P")
    #expect(Formatter.si(-2.5e12) == "\(minus)2.50T")
    #expect(Formatter.si(512) == "512")
    #expect(Formatter.si(0) == "0")
    #expect(f(13_947_727_801_492, .si) == "13.95T")
  }

  @Test func siMovesUpAUnitWhenRoundingReachesAThousand() {
    // 999.996B is 1000.00B at two decimals: written 1.00T.
    #expect(Formatter.si(999.996e9) == "1.00T")
    #expect(Formatter.si(999_996) == "1.00M")
    #expect(Formatter.si(-999.996e9) == "\(minus)1.00T")
    #expect(Formatter.si(999.4e9) == "999B")
    #expect(Formatter.si(999.4e9, digits: 2) == "999.40B")
    #expect(Formatter.si(999.7e9, digits: 0) == "1T")
    // There is nothing above P.
    #expect(Formatter.si(999.996e15) == "1000P")
  }

  @Test func siFormatMovesToTheNextUnitOnlyWhenRoundingSaysSo() {
    #expect(Formatter.si(999.7e9, digits: 2) == "999.70B")
    #expect(Formatter.si(999.996e9, digits: 2) == "1.00T")
    #expect(Formatter.si(999.7e9, digits: 0) == "1T")
  }

  @Test func siWithoutDecimalsForThreeDigitValues() {
    // docs/metrics.md asks for "a sensible precision"; the expected default is 830M, not 830.00M.
    #expect(Formatter.si(830e6) == "830M")
  }

  @Test func numbers() {
    #expect(f(12_345, .number) == "12,345")
    #expect(f(1_234_567, .number) == "1,234,567")
    #expect(f(-1_234_567, .number) == "\(minus)1,234,567")
    #expect(f(0.52, .number) == "0.52")
    // Three figures at least, no more decimals than that (a daily mean is 923, not 922.67).
    #expect(f(922.666, .number) == "923")
    #expect(f(92.266, .number) == "92.3")
    #expect(f(9.2266, .number) == "9.23")
    #expect(f(1_234.5, .number) == "1,235")
    #expect(f(3, .number) == "3")
    #expect(f(12_345.678, .number, digits: 1) == "12,345.7")
    #expect(f(999, .number) == "999")
  }

  @Test func fourDigitNumbersAreGrouped() {
    #expect(f(4130, .number) == "4,130")
    #expect(f(3950, .number) == "3,950")
  }

  @Test func ratios() {
    #expect(f(1.52, .ratio) == "1.52×")
    #expect(f(1.0 / 3, .ratio) == "0.33×")
    #expect(f(2, .ratio, digits: 1) == "2.0×")
  }

  @Test func datesAndPeriods() {
    let day = Double(TestData.day("2026-02-16").index)
    #expect(Formatter.format(day, as: .date, unit: .week) == "week of 16 Feb 2026")
    #expect(Formatter.format(day, as: .date, unit: .day) == "16 Feb 2026")
    #expect(Formatter.format(Double(TestData.day("2026-02-01").index), as: .date, unit: .month) == "Feb 2026")
    #expect(
      Formatter.format(Double(TestData.day("2026-04-01").index), as: .date, unit: .quarter) == "Q2 2026")
  }

  @Test func dateFormatShowsThePeriodOfTheValue() throws {
    let engine = try MetricFixtures.engine()
    let peak = try TestData.metric(
      "data: weekly\nmeasure: sum\nper: week\nagg: max\nformat: date", engine)
    #expect(peak.formatted == "week of 12 Jan 2026")
    let errors = try TestData.metricError(
      "data: weekly\nmeasure: sum\nper: week\nagg: mean\nformat: date", engine)
    #expect(errors.first?.message.contains("'format: date' shows the period") == true)
    #expect(Formatter.format(1e300, as: .date) == "–")
  }

  @Test func missingValuesAreAnEnDash() {
    #expect(f(nil, .percent) == "–")
    #expect(f(.nan, .si) == "–")
    #expect(f(.infinity, .number) == "–")
  }

  @Test func plainNumberText() {
    #expect(NumberText.plain(13_947_727_801_492) == "13947727801492")
    #expect(NumberText.plain(0.1234) == "0.1234")
    #expect(NumberText.plain(1e-7) == "0.0000001")
    #expect(NumberText.plain(2.5e17) == "250000000000000000")
    #expect(NumberText.plain(-1.5) == "-1.5")
    #expect(NumberText.fixed(0.5, digits: 0) == "1")
    #expect(NumberText.fixed(-0.5, digits: 0) == "-1")
    #expect(NumberText.fixed(0.05, digits: 3) == "0.050")
  }
}
