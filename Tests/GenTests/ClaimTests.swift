import GenCore
import GenData
import Testing

/// Checked claims: `{{ name ~ 13% }}` holds when the value rounds to the figure at the
/// precision written, or lies within an explicit tolerance (docs/metrics.md).
@Suite struct ClaimTests {
  func claim(_ text: String) throws -> Claim {
    switch Claim.parse(text) {
    case .success(let c): return c
    case .failure(let e): throw e
    }
  }

  func holds(_ text: String, _ value: Double) throws -> Bool { try claim(text).holds(for: value) }

  @Test func wholePercentRoundsAtItsPrecision() throws {
    let c = try claim("13%")
    #expect(c.text == "13%")
    #expect(c.unit == .percent)
    #expect(c.decimals == 0)
    #expect(c.storedValue == 0.13)
    // 13.49% and 12.5% round to 13%; 13.51% does not.
    #expect(try holds("13%", 0.1349))
    #expect(try holds("13%", 0.125))
    #expect(try holds("13%", 0.13))
    #expect(!(try holds("13%", 0.1351)))
    #expect(!(try holds("13%", 0.1249)))
  }

  @Test func halfwayRoundsAwayFromZeroAsTheFormatterDoes() throws {
    // 0.135 is written "14%" by the formatter, so "13%" must not hold for it.
    #expect(Formatter.format(0.135, as: .percent, digits: 0) == "14%")
    #expect(!(try holds("13%", 0.135)))
    #expect(try holds("14%", 0.135))
    #expect(try holds("\u{2212}13%", -0.125))
    #expect(!(try holds("\u{2212}13%", -0.135)))
  }

  @Test(arguments: [0.0, 0.125, 0.135, 0.1349, 0.5125, 0.05, -0.2, 0.9995, 1.0 / 3, 2.0 / 3, 0.0049, 0.00051])
  func whatTheFormatterWritesAlwaysHolds(_ value: Double) throws {
    for digits in 0...3 {
      for format in [ValueFormat.percent, .pp] {
        let text = Formatter.format(value, as: format, digits: digits)
        #expect(try holds(text, value), "\(text) for \(value)")
      }
    }
    for x in [value * 1e12, value * 7.3e9, value * 123_456] {
      for digits in 0...2 {
        let si = Formatter.format(x, as: .si, digits: digits)
        #expect(try holds(si, x), "\(si) for \(x)")
        let number = Formatter.format(x, as: .number, digits: digits)
        #expect(try holds(number, x), "\(number) for \(x)")
      }
    }
  }

  @Test func decimalsWrittenAreRespected() throws {
    #expect(try claim("13.9%").decimals == 1)
    #expect(try holds("13.9%", 0.1394))
    #expect(try holds("13.9%", 0.1386))
    #expect(!(try holds("13.9%", 0.1396)))
    #expect(!(try holds("13.9%", 0.13)))
    // A trailing zero is precision too: 13.0% needs 12.95%–13.05%.
    #expect(try claim("13.0%").decimals == 1)
    #expect(!(try holds("13.0%", 0.1306)))
    #expect(try holds("13.0%", 0.1304))
  }

  @Test func explicitTolerance() throws {
    let c = try claim("13% ± 1pp")
    #expect(c.text == "13%")
    #expect(c.toleranceText == "1pp")
    #expect(close(c.tolerance, 0.01))
    // 12% … 14% inclusive.
    #expect(c.holds(for: 0.14))
    #expect(c.holds(for: 0.12))
    #expect(c.holds(for: 0.1351))
    #expect(!c.holds(for: 0.1401))
    #expect(!c.holds(for: 0.1199))
    // Other spellings: +/- and a bare number (in the claim's unit: points for a percent).
    #expect(try holds("13% +/- 2", 0.15))
    #expect(!(try holds("13% +/- 2", 0.1501)))
    #expect(try holds("13% ± 0.5 pp", 0.1349))
  }

  @Test func percentagePointClaimsForChanges() throws {
    let c = try claim("+12.3 pp")
    #expect(c.unit == .points)
    #expect(c.decimals == 1)
    #expect(c.holds(for: 0.1234))
    #expect(c.holds(for: 0.1226))
    #expect(!c.holds(for: 0.1236))
    // The typographic minus and the ASCII hyphen both mean a fall.
    #expect(try holds("\u{2212}20 pp", -0.2))
    #expect(try holds("-20pp", -0.2004))
    #expect(!(try holds("\u{2212}20 pp", 0.2)))
    #expect(try holds("\u{2212}3.1 pp ± 0.2pp", -0.0329))
  }

  @Test func siClaims() throws {
    let c = try claim("13.95T")
    #expect(c.unit == .trillion)
    #expect(c.decimals == 2)
    // The platform total of the week of 16 Feb 2026: 13,947,727,801,492.
    #expect(c.holds(for: 13_947_727_801_492))
    #expect(!c.holds(for: 13.94e12))
    #expect(try holds("4.13T", 4.126e12))
    #expect(try holds("1.235T", 1_235_444_125_410))
    #expect(!(try holds("1.24T", 1_234_900_000_000)))
    #expect(try holds("830M", 830.4e6))
    #expect(try holds("1.2 bn", 1.24e9))
    #expect(try holds("14T ± 0.1T", 13.948e12))
    #expect(!(try holds("14T ± 0.01", 13.948e12)))
  }

  @Test func toleranceMustBeInTheClaimsUnit() {
    guard case .failure(let e) = Claim.parse("13.95T ± 1pp") else {
      Issue.record("a pp tolerance on a token count must be refused")
      return
    }
    #expect(e.message.contains("not in the unit of '13.95T'"))
    #expect((try? Claim.parse("13% ± 1T").get()) == nil)
    #expect(close(try? Claim.parse("13.95T ± 0.5T").get().tolerance, 0.5e12))
    #expect(close(try? Claim.parse("13% ± 1").get().tolerance, 0.01))
  }

  @Test func plainNumbersWithThousandsSeparators() throws {
    let c = try claim("4,130")
    #expect(c.number == 4130)
    #expect(c.unit == Claim.Unit.none)
    #expect(c.holds(for: 4130.4))
    #expect(!c.holds(for: 4131))
    #expect(try holds("1,234,567", 1_234_567))
    #expect(try holds("3,950", 3950))
    #expect(try holds("1.52×", 1.5249))
    #expect(try holds("1.5x", 1.46))
  }

  @Test(arguments: ["thirteen", "13 %%", "1.2.3%", "13% ± x", "13 apples", "", "%", "1.234,5", "13% ± -1pp"])
  func badClaimTextIsAnError(_ text: String) {
    guard case .failure(let error) = Claim.parse(text) else {
      Issue.record("'\(text)' should not parse")
      return
    }
    #expect(!error.message.isEmpty)
  }

  @Test func errorMessagesSayWhatToWrite() {
    guard case .failure(let e) = Claim.parse("about 13") else {
      Issue.record("should fail")
      return
    }
    #expect(e.message == "'about 13' is not a figure; write it as 13%, 12.3 pp, 13.95T, 4,130 or 1.5×")
    guard case .failure(let t) = Claim.parse("13% ± lots") else {
      Issue.record("should fail")
      return
    }
    #expect(t.message == "tolerance 'lots' is not a figure; write e.g. ± 1pp")
  }

  @Test func claimsAgainstComputedMetrics() throws {
    let engine = try MetricFixtures.engine()
    // CN within top: mean 0.25, pooled 0.32, change −0.2 (MetricAggregationTests).
    let jan = MetricFixtures.cnTop + "per: week\nfrom: 2026-01-05\nto: 2026-01-26\n"
    let mean = try TestData.metric(jan + "agg: mean", engine)
    #expect(try holds("25%", mean.value))
    #expect(!(try holds("32%", mean.value)))
    let pooled = try TestData.metric(jan + "agg: pooled", engine)
    #expect(try holds("32.0%", pooled.value))
    let change = try TestData.metric(
      MetricFixtures.cnTop + "per: week\nfrom: 2026-01-05\nto: 2026-01-19\nagg: change", engine)
    #expect(try holds("\u{2212}20 pp", change.value))
    #expect(try holds("-19 pp ± 1pp", change.value))
  }

  @Test func claimsAreCheckedInTheirOwnTerms() throws {
    let site = try TestSite.visits(
      rows:
        "2026-01-05,Firefox,3000\n2026-01-05,Chrome,1025\n2026-01-12,Firefox,2000\n2026-01-12,Chrome,2000",
      """
      -- content/index.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox }, per: week, at: 2026-01-05 }
        ff_change: { data: visits, where: { browser: Firefox }, per: week, agg: change }
        chrome_total: { data: visits, where: { browser: Chrome }, measure: sum }
      ---
      A {{ ff ~ 75pp }}, B {{ ff_change ~ -25% }}, C {{ chrome_total ~ 4030 }},
      D {{ ff ~ 70% ± 1pp }}.
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 4, "\(errors)")
    #expect(
      errors.contains { $0.contains("'75pp' is written in points, for a change, but the metric is a share") })
    #expect(
      errors.contains { $0.contains("'-25%' is written in percent, but the metric is a change in points") })
    #expect(errors.contains { $0.contains("the data gives 3.03K (3,025)") })
    #expect(errors.contains { $0.hasSuffix("(update the figure, or widen the tolerance)") })
  }
}
