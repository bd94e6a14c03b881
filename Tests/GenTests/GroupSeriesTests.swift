import GenCore
import GenData
import Testing

/// Group shares per period for charts and tables (docs/metrics.md: group shares sum to
/// exactly 1 per period; "Other" collects the rest). Data: `MetricFixtures`.
///
/// Σ tokens by origin and week (5, 12, 19, 26 Jan, 2 Feb):
/// US 70, 80, 90, 100, 0 (total 340); CN 30, 120, 10, 0, 0 (160); FR 100, 50, 0, 0, 10 (160).
/// Week totals: 200, 250, 100, 100, 10.
@Suite struct GroupSeriesTests {
  let engine: QueryEngine
  init() throws { engine = try MetricFixtures.engine() }

  func groups(_ yaml: String, top: Int? = nil, fill: Bool = true) throws -> GroupSeries {
    try engine.groupSeries(TestData.query(yaml), top: top, fillRemainder: fill).get()
  }

  /// Σ of the shares of period `i`, added in the order the groups are stacked.
  func stackedTotal(_ g: GroupSeries, _ i: Int) -> Double? {
    var total = 0.0
    for row in g.shares {
      guard let s = row[i] else { return nil }
      total += s
    }
    return total
  }

  @Test func sharesByGroupAddUpToExactlyOne() throws {
    let g = try groups("data: weekly\nby: origin\nper: week")
    // US 340 first; CN and FR tie at 160 and are ordered by name.
    #expect(g.groups == ["US", "CN", "FR"])
    #expect(g.isOther == [false, false, false])
    #expect(g.sums == [[70, 80, 90, 100, 0], [30, 120, 10, 0, 0], [100, 50, 0, 0, 10]])
    #expect(g.universes == [200, 250, 100, 100, 10])
    #expect(g.totals == [340, 160, 160])
    #expect(g.universeTotal == 660)
    // Week of 5 Jan: 70/200, 30/200, 100/200.
    #expect(g.shares.map { $0[0] } == [0.35, 0.15, 0.5])
    // Week of 12 Jan: 80/250, 120/250, 50/250.
    #expect(close(g.shares[0][1], 0.32) && close(g.shares[1][1], 0.48) && close(g.shares[2][1], 0.2))
    for i in g.periods.indices { #expect(stackedTotal(g, i) == 1.0, "\(g.label(i))") }
    #expect(g.label(0) == "week of 5 Jan 2026")
    #expect(!g.hasDenominator)
    #expect(g.measureName == "tokens")
  }

  @Test func groupAbsentFromAPeriodHasShareZeroThere() throws {
    let g = try groups("data: weekly\nby: origin\nper: week")
    let cn = try #require(g.groups.firstIndex(of: "CN"))
    // No CN row in the weeks of 26 Jan and 2 Feb: 0, not missing.
    #expect(g.shares[cn][3] == 0)
    #expect(g.shares[cn][4] == 0)
    // Week of 2 Feb: FR alone.
    #expect(g.shares.map { $0[4] } == [0, 0, 1])
  }

  @Test func topGroupsAndOther() throws {
    let g = try groups("data: weekly\nby: origin\nper: week", top: 2)
    // The CN–FR tie at 160 goes to CN by name; FR becomes Other.
    #expect(g.groups == ["US", "CN", "Other"])
    #expect(g.isOther == [false, false, true])
    #expect(g.sums[2] == [100, 50, 0, 0, 10])
    for i in g.periods.indices { #expect(stackedTotal(g, i) == 1.0) }
    let one = try groups("data: weekly\nby: origin\nper: week", top: 1)
    #expect(one.groups == ["US", "Other"])
    // Other = CN + FR: 130, 170, 10, 0, 10.
    #expect(one.sums[1] == [130, 170, 10, 0, 10])
    #expect(one.shares[1][0] == 0.65)
    // More groups asked for than exist: no Other.
    #expect(try groups("data: weekly\nby: origin\nper: week", top: 10).groups == ["US", "CN", "FR"])
  }

  @Test func tiesAreBrokenByNameWhateverTheFileOrder() throws {
    // zeta appears first in the file, alpha and mid tie with it on 10 tokens.
    let d = try TestData.dataset(
      "t",
      "week,model,tokens\n2026-01-05,zeta,10\n2026-01-05,mid,10\n2026-01-05,alpha,10\n2026-01-12,big,40\n",
      time: "week", value: "tokens")
    let engine = QueryEngine(datasets: ["t": d])
    let g = try engine.groupSeries(TestData.query("data: t\nby: model\nper: week"), top: 2).get()
    #expect(g.groups == ["big", "alpha", "Other"])
    #expect(g.sums[2] == [20, 0])
  }

  @Test func fillRemainderPutsRowsOutsideWhereIntoOther() throws {
    let g = try groups("data: weekly\nwhere: { origin: CN }\nby: model\nper: week")
    #expect(g.groups == ["a/x", "Other"])
    // Other = week total − a/x: 200 − 30, 250 − 120, 100 − 10, 100 − 0, 10 − 0.
    #expect(g.sums[1] == [170, 130, 90, 100, 10])
    #expect(g.shares[0][0] == 0.15)
    #expect(g.shares[1][0] == 0.85)
    for i in g.periods.indices { #expect(stackedTotal(g, i) == 1.0) }
    // Without filling, the shares are the group's own and need not add up to 1.
    let raw = try groups("data: weekly\nwhere: { origin: CN }\nby: model\nper: week", fill: false)
    #expect(raw.groups == ["a/x"])
    #expect(raw.shares[0] == [0.15, 0.48, 0.1, 0, 0])
  }

  @Test func withoutByOneGroupHoldsTheNumerator() throws {
    let g = try groups("data: weekly\nwhere: { origin: CN }\nper: week")
    #expect(g.groups == ["origin = CN", "Other"])
    #expect(g.sums[0] == [30, 120, 10, 0, 0])
  }

  @Test func emptyUniverseGivesNoShares() throws {
    let g = try groups("data: weekly\nwithin: { series: top }\nby: origin\nper: week")
    // The week of 2 Feb has rows, none in the universe: shown, but without shares.
    #expect(g.universes == [100, 200, 100, 100, 0])
    #expect(g.shares.allSatisfy { $0[4] == nil })
    #expect(g.groups == ["US", "CN"])
    // 70/100 and 30/100; the last group takes 1 − 0.7 so that the week adds up to exactly 1.
    #expect(g.shares[0][0] == 0.7 && close(g.shares[1][0], 0.3))
    #expect(stackedTotal(g, 0) == 1.0)
  }

  @Test func denominatorFromAnotherDataset() throws {
    let g = try groups("data: weekly\nby: origin\ndenominator: { data: platform }\nper: week")
    #expect(g.hasDenominator)
    // The platform has no week of 26 Jan: only weeks covered by both are shown.
    #expect(
      g.periods.indices.map { g.label($0) } == [
        "week of 5 Jan 2026", "week of 12 Jan 2026", "week of 19 Jan 2026", "week of 2 Feb 2026",
      ])
    #expect(g.periods == [0, 1, 2, 4])
    #expect(g.universes == [400, 500, 200, 100])
    #expect(g.groups == ["US", "CN", "FR", "Other"])
    // Other = platform − named: 400 − 200, 500 − 250, 200 − 100, 100 − 10.
    #expect(g.sums[3] == [200, 250, 100, 90])
    // Week of 5 Jan: 70/400, 30/400, 100/400, 200/400.
    #expect(g.shares.map { $0[0] } == [0.175, 0.075, 0.25, 0.5])
    for i in g.periods.indices { #expect(stackedTotal(g, i) == 1.0) }
  }

  @Test func sharesAddUpOnlyWhenTheyReallyDo() throws {
    // A denominator (150 in the week of 5 Jan) smaller than the itemised rows (200).
    let small = try TestData.dataset(
      "small", "week,total\n2026-01-05,150\n2026-01-12,250\n", time: "week", value: "total")
    let weekly = try TestData.dataset("weekly", MetricFixtures.weeklyCSV, time: "week", value: "tokens")
    let e = QueryEngine(datasets: ["weekly": weekly, "small": small])
    let g = try e.groupSeries(
      TestData.query("data: weekly\nby: origin\nper: week\ndenominator: { data: small }\nto: 2026-01-11"),
      fillRemainder: true
    ).get()
    // 200 itemised of 150: the excess shows (shares sum to 4/3), not hidden by forcing the last group.
    let sum = g.shares.reduce(0) { $0 + ($1[0] ?? 0) }
    #expect(close(sum, 200.0 / 150.0))
  }

  @Test func tablesPoolCompletePeriodsOnly() throws {
    // Daily rows for 5–14 Jan 2026: the week of 12 Jan is partial.
    var csv = "day,model,v\n"
    for d in 5...14 {
      csv += "2026-01-\(d < 10 ? "0" : "")\(d),a,\(d)\n2026-01-\(d < 10 ? "0" : "")\(d),b,10\n"
    }
    let t = try TestData.dataset("d", csv, time: "day", value: "v")
    let e = QueryEngine(datasets: ["d": t])
    let g = try e.groupSeries(TestData.query("data: d\nby: model\nper: week"), fillRemainder: false).get()
    // Week of 5 Jan only: a = 5+…+11 = 56, b = 70.
    #expect(g.totals == [70, 56])
    #expect(g.excludedPartial == ["week of 12 Jan 2026"])
    let included = try e.groupSeries(
      TestData.query("data: d\nby: model\nper: week\npartial: include"), fillRemainder: false
    ).get()
    #expect(included.totals == [100, 95])
    #expect(included.excludedPartial.isEmpty)
  }

  @Test func rangeLimitsThePeriods() throws {
    let g = try groups("data: weekly\nby: origin\nper: week\nfrom: 2026-01-12\nto: 2026-01-19")
    #expect(g.periods == [1, 2])
    #expect(g.label(0) == "week of 12 Jan 2026")
    // Ordered by totals over the range: CN 130, US 170, FR 50.
    #expect(g.groups == ["US", "CN", "FR"])
    #expect(g.totals == [170, 130, 50])
  }

  @Test func exactlyOneWithAwkwardFractions() throws {
    // 60 days × 9 models with values that do not divide evenly; top 5 plus Other.
    var lines = ["day,model,tokens"]
    var seed: UInt64 = 0x5EED
    var d = TestData.day("2026-03-01")
    for _ in 0..<60 {
      for m in 0..<9 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let v = Double(seed >> 40) / 7.0 + 0.1
        lines.append("\(d),m\(m),\(NumberText.plain(v))")
      }
      d = d.advanced(by: 1)
    }
    let data = try TestData.dataset("r", lines.joined(separator: "\n"), time: "day", value: "tokens")
    let engine = QueryEngine(datasets: ["r": data])
    var naiveMisses = 0
    for top in [nil, 5, 1] as [Int?] {
      for per in ["day", "week", "month"] {
        let g = try engine.groupSeries(TestData.query("data: r\nby: model\nper: \(per)"), top: top).get()
        for i in g.periods.indices {
          #expect(stackedTotal(g, i) == 1.0, "top \(String(describing: top)), \(g.label(i))")
          let naive = g.sums.reduce(0.0) { $0 + $1[i] / g.universes[i] }
          if naive != 1.0 { naiveMisses += 1 }
          // Each share is its group's sum over the universe (the last one up to rounding).
          for k in g.groups.indices {
            #expect(close(g.shares[k][i], g.sums[k][i] / g.universes[i], tolerance: 1e-9))
          }
        }
      }
    }
    // Plain division would miss 1 in some periods: the exact total is the code's doing.
    #expect(naiveMisses > 0)
  }
}
