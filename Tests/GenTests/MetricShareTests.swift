import GenCore
import GenData
import Testing

/// Share metrics of one period, denominators from another dataset, the other measures,
/// and impossible shares refused wherever they are used (docs/metrics.md). Data and hand
/// computations: `MetricFixtures`.
@Suite struct MetricShareTests {
  let engine: QueryEngine
  init() throws { engine = try MetricFixtures.engine() }

  func value(_ yaml: String) throws -> MetricValue { try TestData.metric(yaml, engine) }

  @Test func shareWithWhereAndWithinPerWeek() throws {
    let series = try engine.series(TestData.query(MetricFixtures.cnTop + "per: week")).get()
    // 30/100, 120/200, 10/100, 0/100 (rows but no CN), missing (no row of the universe).
    #expect(series.values == [0.3, 0.6, 0.1, 0, nil])
    #expect(series.numerators == [30, 120, 10, 0, 0])
    #expect(series.universes == [100, 200, 100, 100, 0])
    #expect(series.partial == [false, false, false, false, false])
    #expect(
      series.grid.starts.map(\.description) == [
        "2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02",
      ])
  }

  @Test func shareAtADateInsideTheWeek() throws {
    // 2026-01-14 is the Wednesday of the week of 12 Jan: 120 / 200 = 0.6.
    let v = try value(MetricFixtures.cnTop + "per: week\nat: 2026-01-14")
    #expect(v.value == 0.6)
    #expect(v.period == "week of 12 Jan 2026")
    #expect(v.periodStart?.description == "2026-01-12")
    #expect(v.format == .percent)
    #expect(v.formatted == "60.0%")
    #expect(v.basis.periods == ["week of 12 Jan 2026"])
  }

  @Test func periodWithRowsButNoneMatchingWhereIsZero() throws {
    // Week of 26 Jan: b/y 60 + c/z 40 in the universe, no CN row: 0 / 100 = 0.
    let v = try value(MetricFixtures.cnTop + "per: week\nat: 2026-01-26")
    #expect(v.value == 0)
    #expect(v.formatted == "0.0%")
  }

  @Test func periodWithoutUniverseRowsIsMissing() throws {
    // Week of 2 Feb: only d/w (series tail), so the universe is empty: no value, not 0.
    let errors = try TestData.metricError(MetricFixtures.cnTop + "per: week\nat: 2026-02-02", engine)
    #expect(errors.map(\.message) == ["metric 'm': no rows in the universe in week of 2 Feb 2026"])
  }

  @Test func shareWithoutWithinUsesEveryRow() throws {
    // Week of 5 Jan: 30 / (30 + 50 + 20 + 100) = 30 / 200.
    #expect(try value("data: weekly\nwhere: { origin: CN }\nper: week\nat: 2026-01-05").value == 0.15)
    // A list of values, or a negated one: (30 + 100) / 200.
    #expect(try value("data: weekly\nwhere: { origin: [CN, FR] }\nper: week\nat: 2026-01-05").value == 0.65)
    #expect(
      try value("data: weekly\nwhere: { origin: { not: US } }\nper: week\nat: 2026-01-05").value == 0.65)
    // Two filters are both required: CN and series top → 30 / 200.
    #expect(
      try value("data: weekly\nwhere: { origin: CN, series: top }\nper: week\nat: 2026-01-05").value == 0.15)
  }

  @Test func anotherMeasureColumn() throws {
    // `value: req`, week of 5 Jan within top: 1.5 / (1.5 + 1 + 0.5) = 0.5.
    #expect(try value(MetricFixtures.cnTop + "value: req\nper: week\nat: 2026-01-05").value == 0.5)
    // Week of 12 Jan: every req is missing, so the universe is empty (missing, not 0).
    let errors = try TestData.metricError(
      MetricFixtures.cnTop + "value: req\nper: week\nat: 2026-01-12", engine)
    #expect(errors.first?.message == "metric 'm': no rows in the universe in week of 12 Jan 2026")
  }

  @Test func withoutPerTheWholeRangeIsOnePeriod() throws {
    // All data: (30 + 120 + 10 + 0) / (100 + 200 + 100 + 100 + 0) = 160 / 500.
    let all = try value(MetricFixtures.cnTop)
    #expect(close(all.value, 0.32))
    #expect(all.period == nil)
    #expect(all.basis.periods == ["5 Jan 2026 – 8 Feb 2026"])
    // Σ tokens of every row: 200 + 250 + 100 + 100 + 10.
    #expect(try value("data: weekly\nmeasure: sum").value == 660)
    // from–to: the weeks of 12 and 19 Jan: 250 + 100.
    #expect(try value("data: weekly\nmeasure: sum\nfrom: 2026-01-12\nto: 2026-01-25").value == 350)
  }

  @Test func monthOfWeeklyDataStartingMidMonthIsPartial() throws {
    // January 2026 is covered from the 5th only: left out unless included.
    let errors = try TestData.metricError(MetricFixtures.cnTop + "per: month\nat: 2026-01-15", engine)
    #expect(errors.first?.message.contains("Jan 2026 is only partly covered") == true)
    // Included: the four January weeks, 160 / 500.
    let v = try value(MetricFixtures.cnTop + "per: month\nat: 2026-01-15\npartial: include")
    #expect(close(v.value, 0.32))
    #expect(v.period == "Jan 2026")
    #expect(v.basis.includedPartial == ["Jan 2026"])
  }

  // MARK: - Denominator from another dataset

  static let cnOfPlatform = "data: weekly\nwhere: { origin: CN }\ndenominator: { data: platform }\n"

  @Test func denominatorJoinedOnThePeriod() throws {
    let series = try engine.series(TestData.query(Self.cnOfPlatform + "per: week")).get()
    // 30/400, 120/500, 10/200, missing (platform has no week of 26 Jan), 0/100.
    #expect(series.values == [0.075, 0.24, 0.05, nil, 0])
    #expect(series.universes == [400, 500, 200, 0, 100])
    // The grid is the numerator's: platform's weeks of 29 Dec and 9 Feb are not on it.
    #expect(series.grid.starts.first?.description == "2026-01-05")
    #expect(series.grid.count == 5)
    // A week the denominator does not cover is not fully covered by both.
    #expect(series.partial == [false, false, false, true, false])
  }

  @Test func periodsOutsideTheNumeratorAreMissingNotZero() throws {
    for at in ["2026-02-09", "2025-12-29"] {
      let errors = try TestData.metricError(Self.cnOfPlatform + "per: week\nat: \(at)", engine)
      #expect(
        errors.map(\.message) == [
          "metric 'm': \(at) is outside the data of 'weekly' (5 Jan 2026 – 8 Feb 2026)"
        ])
    }
    // Inside the numerator but not the denominator: missing too, never 0.
    let errors = try TestData.metricError(
      Self.cnOfPlatform + "per: week\nat: 2026-01-26\npartial: include", engine)
    #expect(errors.map(\.message) == ["metric 'm': no rows in the universe in week of 26 Jan 2026"])
  }

  @Test func onlyPeriodsCoveredByBothCount() throws {
    // mean of 0.075, 0.24, 0.05, 0 (26 Jan is left out) = 0.365 / 4 = 0.09125.
    let mean = try value(Self.cnOfPlatform + "per: week\nagg: mean")
    #expect(close(mean.value, 0.09125))
    #expect(mean.basis.periods.count == 4)
    #expect(mean.basis.denominator == "total_tokens of 'platform'")
    // pooled: (30 + 120 + 10 + 0) / (400 + 500 + 200 + 100) = 160 / 1200.
    let pooled = try value(Self.cnOfPlatform + "per: week\nagg: pooled")
    #expect(close(pooled.value, 160.0 / 1200))
    // One period over both datasets' common weeks: 160 / (400 + 500 + 200).
    let range = try value(Self.cnOfPlatform + "from: 2026-01-05\nto: 2026-01-25")
    #expect(close(range.value, 160.0 / 1100))
    // Over the whole numerator range the platform misses a week: partial, so no value.
    let errors = try TestData.metricError(Self.cnOfPlatform, engine)
    #expect(errors.first?.message.contains("only partly covered") == true)
  }

  // MARK: - Other measures

  @Test func sumAndCount() throws {
    // Week of 5 Jan: 30 + 50 + 20 + 100 = 200; within top: 100; CN: 30.
    let sum = try value("data: weekly\nmeasure: sum\nper: week\nat: 2026-01-05")
    #expect(sum.value == 200)
    #expect(sum.format == .si)
    #expect(
      try value("data: weekly\nmeasure: sum\nwithin: { series: top }\nper: week\nat: 2026-01-05").value == 100
    )
    #expect(try value(MetricFixtures.cnTop + "measure: sum\nper: week\nat: 2026-01-05").value == 30)
    // Rows: 4 in the week of 5 Jan, 2 of them US.
    let count = try value("data: weekly\nmeasure: count\nper: week\nat: 2026-01-05")
    #expect(count.value == 4)
    #expect(count.format == .number)
    #expect(
      try value("data: weekly\nmeasure: count\nwhere: { origin: US }\nper: week\nat: 2026-01-05").value == 2)
    // Count ignores the value column: the week of 12 Jan has 3 rows though req is empty.
    #expect(try value("data: weekly\nmeasure: count\nvalue: req\nper: week\nat: 2026-01-12").value == 3)
  }

  @Test func topShare() throws {
    // Week of 5 Jan within top: top 2 of a 30, b 50, c 20 = (50 + 30) / 100.
    #expect(
      try value(
        "data: weekly\nmeasure: top_share\nby: model\ntop: 2\nwithin: { series: top }\nper: week\nat: 2026-01-05"
      ).value == 0.8)
    // All rows: top 2 of a 30, b 50, c 20, d 100 = (100 + 50) / 200.
    #expect(
      try value("data: weekly\nmeasure: top_share\nby: model\ntop: 2\nper: week\nat: 2026-01-05").value
        == 0.75)
    // Each period has its own top: week of 12 Jan, top 1 = a/x 120 of 250.
    let series = try engine.series(
      TestData.query("data: weekly\nmeasure: top_share\nby: model\ntop: 1\nper: week")
    ).get()
    // 100/200, 120/250, 70/100, 60/100, 10/10.
    #expect(series.values == [0.5, 0.48, 0.7, 0.6, 1])
  }

  @Test func topShareUniverseIncludesRowsWithoutAGroup() throws {
    // A row without a model still belongs to the period's universe: top 1 = 50 / (50 + 30 + 20).
    let d = try TestData.dataset(
      "u", "week,model,tokens\n2026-01-05,a,50\n2026-01-05,b,30\n2026-01-05,,20\n2026-01-12,a,1\n",
      time: "week", value: "tokens")
    let engine = QueryEngine(datasets: ["u": d])
    let v = try TestData.metric(
      "data: u\nmeasure: top_share\nby: model\ntop: 1\nper: week\nat: 2026-01-05", engine)
    #expect(v.value == 0.5)
  }

  @Test func hhi() throws {
    // Week of 5 Jan by origin: CN 30, US 70, FR 100 of 200 → 15%, 35%, 50%:
    // 15² + 35² + 50² = 225 + 1225 + 2500 = 3950.
    let byOrigin = try value("data: weekly\nmeasure: hhi\nby: origin\nper: week\nat: 2026-01-05")
    #expect(close(byOrigin.value, 3950))
    #expect(byOrigin.format == .number)
    // Within top by model: 30², 50², 20² (of 100) = 900 + 2500 + 400 = 3800.
    #expect(
      close(
        try value("data: weekly\nmeasure: hhi\nby: model\nwithin: { series: top }\nper: week\nat: 2026-01-05")
          .value, 3800))
    // One group holds everything: 100² = 10,000.
    #expect(try value("data: weekly\nmeasure: hhi\nby: origin\nper: week\nat: 2026-02-02").value == 10_000)
  }

  @Test func hhiIsOfTheUniverse() throws {
    // Week of 5 Jan, models other than d/w: 30, 50, 20 of a universe of 200 (d/w's 100
    // stays in it) → 15² + 25² + 10² = 225 + 625 + 100 = 950.
    let v = try TestData.metric(
      "data: weekly\nmeasure: hhi\nby: model\nwhere: { model: { not: d/w } }\nper: week\nat: 2026-01-05",
      engine)
    #expect(close(v.value, 950))
  }

  @Test func rank() throws {
    // Week of 5 Jan: d 100, b 50, a 30, c 20 → a is 3rd.
    let r = try value(
      "data: weekly\nmeasure: rank\nby: model\nwhere: { model: a/x }\nper: week\nat: 2026-01-05")
    #expect(r.value == 3)
    #expect(r.formatted == "3")
    // Week of 12 Jan: a 120, b 80, d 50 → 1st.
    #expect(
      try value("data: weekly\nmeasure: rank\nby: model\nwhere: { model: a/x }\nper: week\nat: 2026-01-12")
        .value == 1)
    // Ranked within the universe: week of 5 Jan within top, a 30 < b 50, > c 20 → 2nd.
    #expect(
      try value(
        "data: weekly\nmeasure: rank\nby: model\nwhere: { model: a/x }\nwithin: { series: top }\nper: week\nat: 2026-01-05"
      ).value == 2)
    // Absent in the week of 26 Jan: no rank.
    let errors = try TestData.metricError(
      "data: weekly\nmeasure: rank\nby: model\nwhere: { model: a/x }\nper: week\nat: 2026-01-26", engine)
    #expect(errors.first?.message == "metric 'm': no data in week of 26 Jan 2026")
  }

  @Test func rankWithTies() throws {
    // x 50, y 50, z 20: x and y share 1st place, z is 3rd (standard competition ranking).
    for (model, rank) in [("x", 1.0), ("y", 1.0), ("z", 3.0)] {
      let v = try value(
        "data: ties\nmeasure: rank\nby: model\nwhere: { model: \(model) }\nper: week\nat: 2026-01-05")
      #expect(v.value == rank, "\(model)")
    }
  }

  @Test func ranksAtOnceMatchRanksOneByOne() {
    var g = HostileInputTests.Generator(state: 9)
    for _ in 0..<200 {
      let values = (0..<g.int(12)).map { _ in Double(g.int(5)) }
      let expected = values.map { Ranking.rank(of: $0, among: values) }
      #expect(Ranking.ranks(values) == expected, "\(values)")
    }
  }

  // MARK: - Impossible shares

  @Test func impossibleSharesAreErrors() throws {
    let negative = try TestData.dataset(
      "n", "week,browser,visits\n2026-01-05,Firefox,-3\n2026-01-05,Chrome,4\n2026-01-12,Firefox,1\n",
      time: "week", value: "visits")
    let small = try TestData.dataset(
      "s", "week,total\n2026-01-05,2\n2026-01-12,9\n", time: "week", value: "total")
    let engine = QueryEngine(datasets: ["n": negative, "s": small])
    let below = try TestData.metricError(
      "data: n\nwhere: { browser: Firefox }\nper: week\nagg: mean", engine)
    #expect(
      below.first?.message
        == "metric 'm': the share in week of 5 Jan 2026 is −300.0%: the measure has negative values")
    let above = try TestData.metricError(
      "data: n\nwhere: { browser: Chrome }\ndenominator: { data: s }\nper: week\nat: 2026-01-05", engine)
    #expect(above.first?.message.contains("is 200.0%: the numerator is larger than its universe") == true)
  }

  @Test func chartsAndTablesRefuseImpossibleShares() throws {
    let site = try TestSite.visits(
      rows: "2026-01-05,Firefox,-100\n2026-01-05,Chrome,700\n2026-01-12,Firefox,20\n2026-01-12,Chrome,80",
      """
      -- content/index.md --
      ```chart
      type: area
      data: visits
      per: week
      by: browser
      ```

      ```table
      data: visits
      by: browser
      columns: [browser, share]
      ```

      ```table
      data: visits
      by: browser
      columns: [browser, sum]
      ```
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.allSatisfy { $0.contains("negative values") }, "\(errors)")
  }

  // MARK: - Formats

  @Test func formatAndDigitsOverrideTheDefault() throws {
    #expect(try value(MetricFixtures.cnTop + "per: week\nat: 2026-01-14\ndigits: 2").formatted == "60.00%")
    #expect(try value(MetricFixtures.cnTop + "per: week\nat: 2026-01-14\nformat: number").formatted == "0.60")
    #expect(try value("data: weekly\nmeasure: sum\nformat: number").formatted == "660")
  }
}
