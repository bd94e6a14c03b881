import GenCore
import GenData
import GenYAML
import Testing

/// Aggregations over a range of periods, rolling means, and metric errors
/// (docs/metrics.md). Weekly CN shares within the top series (`MetricFixtures`):
/// 5 Jan 30/100 = 0.3, 12 Jan 120/200 = 0.6, 19 Jan 10/100 = 0.1, 26 Jan 0/100 = 0,
/// 2 Feb missing (no universe).
@Suite struct MetricAggregationTests {
  let engine: QueryEngine
  init() throws { engine = try MetricFixtures.engine() }

  func value(_ yaml: String) throws -> MetricValue { try TestData.metric(yaml, engine) }
  let weeks = MetricFixtures.cnTop + "per: week\n"
  let jan = MetricFixtures.cnTop + "per: week\nfrom: 2026-01-05\nto: 2026-01-26\n"

  @Test func meanAndPooledDiffer() throws {
    // mean of shares: (0.3 + 0.6 + 0.1 + 0) / 4 = 1.0 / 4 = 0.25
    let mean = try value(jan + "agg: mean")
    #expect(close(mean.value, 0.25))
    #expect(mean.formatted == "25.0%")
    #expect(mean.period == nil)
    #expect(mean.basis.aggregation == "mean of 4 weekly values")
    // pooled: Σ numerator / Σ universe = (30 + 120 + 10 + 0) / (100 + 200 + 100 + 100) = 160 / 500
    let pooled = try value(jan + "agg: pooled")
    #expect(close(pooled.value, 0.32))
    #expect(pooled.formatted == "32.0%")
    #expect(pooled.basis.aggregation == "pooled over 4 weekly periods (Σ numerator / Σ universe)")
  }

  @Test func missingPeriodsAreLeftOutNotCountedAsZero() throws {
    // Without a range the week of 2 Feb is in, but has no value: still (0.3+0.6+0.1+0)/4.
    let mean = try value(weeks + "agg: mean")
    #expect(close(mean.value, 0.25))
    #expect(mean.basis.periods.count == 4)
  }

  @Test func maxAndMinWithTheirPeriod() throws {
    let max = try value(weeks + "agg: max")
    #expect(max.value == 0.6)
    #expect(max.period == "week of 12 Jan 2026")
    let min = try value(weeks + "agg: min")
    #expect(min.value == 0)
    #expect(min.period == "week of 26 Jan 2026")
  }

  @Test func tiesKeepTheFirstPeriod() throws {
    // Rows within top per week: 3, 2, 3, 2, 0 (5, 12, 19, 26 Jan, 2 Feb).
    let range = "data: weekly\nmeasure: count\nwithin: { series: top }\nper: week\nto: 2026-01-26\n"
    let max = try value(range + "agg: max")
    #expect(max.value == 3)
    #expect(max.period == "week of 5 Jan 2026")
    let min = try value(range + "agg: min")
    #expect(min.value == 2)
    #expect(min.period == "week of 12 Jan 2026")
    // A week with rows but none matching `where` sums to 0: c/z is 20, 0, 20, 40.
    let c = try value(
      "data: weekly\nmeasure: sum\nwhere: { model: c/z }\nper: week\nto: 2026-01-26\nagg: min")
    #expect(c.value == 0)
    #expect(c.period == "week of 12 Jan 2026")
  }

  @Test func firstLastChangeRatio() throws {
    let range = MetricFixtures.cnTop + "per: week\nfrom: 2026-01-05\nto: 2026-01-19\n"
    let first = try value(range + "agg: first")
    #expect(first.value == 0.3)
    #expect(first.period == "week of 5 Jan 2026")
    let last = try value(range + "agg: last")
    #expect(last.value == 0.1)
    #expect(last.period == "week of 19 Jan 2026")
    // change = last − first = 0.1 − 0.3 = −0.2, written in percentage points.
    let change = try value(range + "agg: change")
    #expect(close(change.value, -0.2))
    #expect(change.format == .pp)
    #expect(change.formatted == "\u{2212}20.0 pp")
    // ratio = last / first = 0.1 / 0.3 = 1/3.
    let ratio = try value(range + "agg: ratio")
    #expect(close(ratio.value, 1.0 / 3))
    #expect(ratio.format == .ratio)
    #expect(ratio.formatted == "0.33×")
    // Over the data: first 0.3 (5 Jan), last 0 (26 Jan; 2 Feb has no value): change −30 pp.
    #expect(try value(weeks + "agg: change").formatted == "\u{2212}30.0 pp")
    #expect(try value(weeks + "agg: last").period == "week of 26 Jan 2026")
  }

  @Test func changeOfASumStaysInItsUnit() throws {
    // Weekly totals 200, 250, 100, 100, 10: change 10 − 200 = −190, ratio 10 / 200 = 0.05.
    let change = try value("data: weekly\nmeasure: sum\nper: week\nagg: change")
    #expect(change.value == -190)
    #expect(change.format == .si)
    #expect(try value("data: weekly\nmeasure: sum\nper: week\nagg: ratio").value == 0.05)
  }

  @Test func sumOfPeriods() throws {
    // CN tokens per week: 30, 120, 10, 0, 0 → 160.
    let sum = try value("data: weekly\nmeasure: sum\nwhere: { origin: CN }\nper: week\nagg: sum")
    #expect(sum.value == 160)
    #expect(sum.basis.aggregation == "sum of 5 weekly values")
    // A month holds the sum of its weeks: January's four weeks 200 + 250 + 100 + 100 = 650.
    let january = try value("data: weekly\nmeasure: sum\nper: month\nat: 2026-01-31\npartial: include")
    #expect(january.value == 650)
  }

  @Test func rangeSelectsPeriodsByTheirStart() throws {
    // from 2026-01-07 (a Wednesday): the week of 5 Jan starts before it, so 12, 19, 26 Jan.
    let mean = try value(MetricFixtures.cnTop + "per: week\nfrom: 2026-01-07\nto: 2026-01-31\nagg: mean")
    // (0.6 + 0.1 + 0) / 3
    #expect(close(mean.value, 0.7 / 3))
    #expect(mean.basis.periods == ["week of 12 Jan 2026", "week of 19 Jan 2026", "week of 26 Jan 2026"])
  }

  @Test func rollingMean() throws {
    // rolling 3 at 26 Jan: (0.6 + 0.1 + 0) / 3 = 0.7 / 3; at 19 Jan: (0.3 + 0.6 + 0.1) / 3 = 1 / 3.
    #expect(close(try value(weeks + "rolling: 3\nat: 2026-01-26").value, 0.7 / 3))
    #expect(close(try value(weeks + "rolling: 3\nat: 2026-01-19").value, 1.0 / 3))
    // At 12 Jan there are only two weeks so far.
    let errors = try TestData.metricError(weeks + "rolling: 3\nat: 2026-01-12", engine)
    #expect(
      errors.map(\.message) == [
        "metric 'm': not enough periods before week of 12 Jan 2026 for a rolling mean of 3"
      ])
    // Rolling values 1/3 (19 Jan), 0.7/3 (26 Jan), none for 2 Feb (its share is missing).
    let max = try value(weeks + "rolling: 3\nagg: max")
    #expect(close(max.value, 1.0 / 3))
    #expect(max.period == "week of 19 Jan 2026")
    #expect(try value(weeks + "rolling: 3\nagg: last").period == "week of 26 Jan 2026")
  }

  // MARK: - Errors

  @Test func unknownDatasetSuggestsTheClosest() throws {
    let errors = try TestData.metricError("data: weekley\nmeasure: sum", engine)
    #expect(
      errors.map(\.description) == [
        "page.md:1:7: error: unknown dataset 'weekley' (did you mean 'weekly'?)"
      ])
  }

  @Test func unknownColumnsSuggestTheClosest() throws {
    let errors = try TestData.metricError(
      "data: weekly\nwhere: { orgin: CN }\nby: modle\nvalue: tokns\nmeasure: top_share\ntop: 2", engine)
    let lines = errors.map { "\($0.location!.line): \($0.message) (\($0.hint ?? ""))" }
    #expect(lines.contains("2: dataset 'weekly' has no column 'orgin' (did you mean 'origin'?)"))
    #expect(lines.contains("3: dataset 'weekly' has no column 'modle' (did you mean 'model'?)"))
    #expect(lines.contains("4: dataset 'weekly' has no column 'tokns' (did you mean 'tokens'?)"))
  }

  @Test func unknownFilterValue() throws {
    let errors = try TestData.metricError(
      "data: weekly\nwhere: { origin: CM }\nper: week\nat: 2026-01-05", engine)
    #expect(
      errors.map(\.description) == [
        "page.md:2:10: error: no row of dataset 'weekly' has origin = 'CM' (did you mean 'CN'?)"
      ])
    let far = try TestData.metricError("data: weekly\nwithin: { series: leaderboard }\nmeasure: sum", engine)
    #expect(far.first?.hint == "known values: 'tail', 'top'")
  }

  @Test func atOutsideTheData() throws {
    let errors = try TestData.metricError(weeks + "at: 2027-01-01", engine)
    #expect(
      errors.map(\.description) == [
        "page.md:5:5: error: metric 'm': 2027-01-01 is outside the data of 'weekly' (5 Jan 2026 – 8 Feb 2026)"
      ])
  }

  @Test func severalPeriodsNeedAggOrAt() throws {
    let errors = try TestData.metricError(weeks, engine)
    #expect(errors.map(\.message) == ["metric 'm': the range holds 5 weeks; say which value is wanted"])
    #expect(
      errors.first?.hint
        == "add 'agg:' (mean, pooled, max, min, first, last, change, ratio, sum) or 'at: DATE'")
  }

  @Test func pooledNeedsAShare() throws {
    let errors = try TestData.metricError("data: weekly\nmeasure: sum\nper: week\nagg: pooled", engine)
    #expect(
      errors.map(\.message) == [
        "metric 'm': 'pooled' combines shares, means and ratios; measure 'sum' is none of them"
      ])
    #expect(errors.first?.hint == "use 'sum' or 'mean'")
  }

  @Test func ratioFromZeroIsAnError() throws {
    let errors = try TestData.metricError(weeks + "from: 2026-01-26\nagg: ratio", engine)
    #expect(errors.map(\.message) == ["metric 'm': the first value is 0, so the ratio is undefined"])
  }

  @Test func rangeWithoutPeriods() throws {
    let errors = try TestData.metricError(weeks + "from: 2026-03-01\nagg: mean", engine)
    #expect(errors.map(\.message) == ["metric 'm': no week of the data falls in the range"])
  }

  @Test func measuresNeedTheirKeys() throws {
    let noBy = try TestData.metricError("data: weekly\nmeasure: hhi\nper: week\nagg: mean", engine)
    #expect(noBy.first?.message == "measure 'hhi' needs 'by': the column whose groups are ranked")
    let noTop = try TestData.metricError(
      "data: weekly\nmeasure: top_share\nby: model\nper: week\nagg: mean", engine)
    #expect(noTop.first?.message == "measure 'top_share' needs 'top': how many groups")
    let noTarget = try TestData.metricError(
      "data: weekly\nmeasure: rank\nby: model\nper: week\nagg: mean", engine)
    #expect(
      noTarget.first?.message
        == "measure 'rank' needs 'where' to name one value of 'model': the group being ranked")
    let noPer = try TestData.metricError("data: weekly\nrolling: 3\nagg: mean", engine)
    #expect(noPer.first?.message == "'rolling' needs 'per': the periods to average over")
  }

  @Test func timeKeysNeedATimeColumn() throws {
    let errors = try TestData.metricError("data: static\nmeasure: sum\nper: week\nagg: sum", engine)
    #expect(errors.first?.message == "dataset 'static' has no time column, so 'per' cannot be used")
    // Without time keys a dataset without dates is one period: 1 + 3.
    #expect(try value("data: static\nmeasure: sum").value == 4)
    #expect(try value("data: static\nwhere: { model: y }").value == 0.75)
  }

  @Test func unknownDenominatorDataset() throws {
    let errors = try TestData.metricError(
      "data: weekly\ndenominator: { data: platfrom }\nper: week\nagg: mean", engine)
    #expect(errors.first?.message == "unknown dataset 'platfrom'")
    #expect(errors.first?.hint == "did you mean 'platform'?")
  }

  @Test func atWithoutPerIsAnError() throws {
    let errors = try TestData.metricError("data: weekly\nmeasure: sum\nat: 2026-01-12", engine)
    #expect(errors.first?.message == "'at' picks one period, so it needs 'per' to say which kind")
  }

  @Test func periodsFinerThanTheDataAreAnError() throws {
    let errors = try TestData.metricError("data: weekly\nmeasure: sum\nper: day\nagg: mean", engine)
    #expect(
      errors.first?.message == "dataset 'weekly' is weekly: 'per: day' would split each of its rows' periods")
    // Weekly data per month is fine: January's weeks 650, February's 10, mean (650 + 10) / 2.
    let monthly = try TestData.metric(
      "data: weekly\nmeasure: sum\nper: month\nagg: mean\npartial: include", engine)
    #expect(monthly.value == 330)
  }

  @Test func emptyFilterListsAreRejected() throws {
    let problems = try TestData.problems("data: weekly\nwhere: { model: [] }", as: "metric")
    #expect(
      problems.sorted.map(\.message) == ["filter on 'model' lists no values, so it would match nothing"])

    #expect(try TestData.problems("data: weekly\nwhere: { model: { not: [] } }", as: "metric").hasErrors)
  }

  @Test func specErrorsAreReportedTogether() throws {
    var problems = Diagnostics()
    let node = try #require(
      YAMLParser.parse(
        "data: weekly\nper: fortnight\nagg: average\nfrom: 2026-02-01\nto: 2026-01-01\ntop: 0\nwher: { origin: CN }",
        path: "page.md", into: &problems))
    _ = MetricSpec.parse(name: "m", node: node, into: &problems)
    let lines = problems.errors.map { "\($0.location!.line): \($0.message)" }
    #expect(lines.contains("7: unknown key 'wher' in metric 'm'"))
    #expect(lines.contains("2: 'fortnight' is not a valid 'per' in metric 'm'"))
    #expect(lines.contains("3: 'average' is not a valid 'agg' in metric 'm'"))
    #expect(lines.contains("4: 'from' (2026-02-01) is after 'to' (2026-01-01) in metric 'm'"))
    #expect(lines.contains("6: 'top' in metric 'm' must be a whole number from 1 to 1000, not '0'"))
    #expect(problems.errors.first { $0.message.contains("wher") }?.hint == "did you mean 'where'?")
  }
}
