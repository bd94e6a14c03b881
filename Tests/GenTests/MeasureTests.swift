import Foundation
import GenCore
import GenSite
import Testing

/// `mean` and `ratio` measures, and `{{ m.group }}` (docs/metrics.md), against values
/// worked out by hand.
@Suite struct MeasureTests {
  static let flights = """
    day,carrier,dep_delay,seats
    2013-01-01,UA,10,100
    2013-01-01,UA,,150
    2013-01-01,AA,20,200
    2013-01-02,UA,30,100
    2013-01-02,AA,-10,300
    2013-01-02,B6,0,
    """

  static func site(_ metrics: String, prose: String = "") throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        flights: { file: flights.csv, time: day }
      -- flights.csv --
      \(flights)
      -- content/index.md --
      ---
      title: T
      metrics:
      \(metrics)
      ---
      \(prose)
      """)
  }

  static func values(_ site: TestSite) -> [String: Double] {
    let result = site.build()
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value.value) })
  }

  @Test func meanIsTheColumnsSumOverRowsWithAValue() throws {
    let site = try Self.site(
      """
        delay: { data: flights, measure: mean, value: dep_delay }
        delay_ua: { data: flights, measure: mean, value: dep_delay, where: { carrier: UA } }
        daily: { data: flights, measure: mean, value: dep_delay, per: day, agg: mean }
        pooled: { data: flights, measure: mean, value: dep_delay, per: day, agg: pooled }
        jan2: { data: flights, measure: mean, value: dep_delay, per: day, at: 2013-01-02 }
      """, prose: "{{ delay }} {{ jan2 }}")
    defer { site.remove() }
    let v = Self.values(site)
    // 10 + 20 + 30 − 10 + 0 over the five rows with a delay; UA: (10 + 30) / 2.
    #expect(v["delay"] == 10)
    #expect(v["delay_ua"] == 20)
    // 1 Jan: 30 / 2 = 15; 2 Jan: 20 / 3; their mean, and pooled 50 / 5.
    #expect(close(v["daily"], (15 + 20.0 / 3) / 2))
    #expect(v["pooled"] == 10)
    #expect(close(v["jan2"], 20.0 / 3))
    // Three figures: 6.67.
    #expect(try site.output()["index.html"]?.contains(">6.67<") == true)
  }

  @Test func ratioDividesTwoSumsOverTheSameRows() throws {
    let site = try Self.site(
      """
        per_row: { data: flights, ratio: [seats, rows] }
        per_row_ua: { data: flights, ratio: [seats, rows], where: { carrier: UA } }
        seats_per_delay: { data: flights, ratio: [seats, dep_delay], where: { carrier: UA } }
      """, prose: "{{ per_row }}")
    defer { site.remove() }
    let v = Self.values(site)
    // 850 seats over 6 rows; UA 350 over 3; UA seats 350 over delays 40.
    #expect(close(v["per_row"], 850.0 / 6))
    #expect(close(v["per_row_ua"], 350.0 / 3))
    #expect(v["seats_per_delay"] == 350.0 / 40)
    #expect(try site.output()["index.html"]?.contains(">142<") == true)
  }

  @Test func theLeadingGroupIsNamed() throws {
    let site = try Self.site(
      """
        top: { data: flights, measure: top_share, by: carrier, top: 1, value: seats }
        top_jan1: { data: flights, measure: top_share, by: carrier, top: 1, value: seats, per: day, at: 2013-01-01 }
        aa_rank: { data: flights, measure: rank, by: carrier, where: { carrier: AA }, value: seats }
        delay: { data: flights, measure: mean, value: dep_delay }
      """,
      prose:
        "{{ top.group }} holds {{ top }}; on 1 Jan {{ top_jan1.group }}; {{ aa_rank.group }} ranks {{ aa_rank }}."
    )
    defer { site.remove() }
    let result = site.build()
    let byName = Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value) })
    // Seats: AA 500 of 850 over both days; 1 Jan UA 250 to AA 200.
    #expect(byName["top"]?.group == "AA")
    #expect(close(byName["top"]?.value, 500.0 / 850))
    #expect(byName["top_jan1"]?.group == "UA")
    #expect(byName["aa_rank"]?.group == "AA" && byName["aa_rank"]?.value == 1)
    let page = try #require(try site.output()["index.html"])
    #expect(page.contains("<span class=\"metric-group\">AA</span> holds"))
    #expect(page.contains("on 1 Jan <span class=\"metric-group\">UA</span>"))
    try site.write(
      "content/index.md",
      "---\ntitle: T\nmetrics:\n  delay: { data: flights, measure: mean, value: dep_delay }\n---\n{{ delay.group }}\n"
    )
    #expect(site.errors().first?.contains("metric 'delay' has no leading group") == true)
  }

  @Test func maxOrMinByAGroupPicksTheGroup() throws {
    let site = try Self.site(
      """
        worst: { data: flights, measure: mean, value: dep_delay, by: carrier, agg: max }
        best: { data: flights, measure: mean, value: dep_delay, by: carrier, agg: min }
        most_seats: { data: flights, measure: sum, value: seats, by: carrier, agg: max }
        top_share: { data: flights, value: seats, by: carrier, agg: max, per: day }
      """, prose: "{{ worst.group }} was the most delayed ({{ worst }} minutes); {{ best.group }} the least.")
    defer { site.remove() }
    let result = site.build()
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let byName = Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value) })
    // Mean delays: UA (10 + 30) / 2 = 20, AA (20 − 10) / 2 = 5, B6 0.
    #expect(byName["worst"]?.group == "UA" && byName["worst"]?.value == 20)
    #expect(byName["best"]?.group == "B6" && byName["best"]?.value == 0)
    // Seats: AA 500, UA 350, B6 none (no seats, but a row: sum 0).
    #expect(byName["most_seats"]?.group == "AA" && byName["most_seats"]?.value == 500)
    // Shares of seats pooled over both days: AA 500 of 850.
    #expect(byName["top_share"]?.group == "AA")
    #expect(close(byName["top_share"]?.value, 500.0 / 850))
    #expect(
      try site.output()["index.html"]?.contains("<span class=\"metric-group\">UA</span> was the most delayed")
        == true)
  }

  @Test func badMeansAndRatiosAreErrors() throws {
    let site = try Self.site(
      """
        no_value: { data: flights, measure: mean }
        one_column: { data: flights, ratio: [seats] }
        pooled_sum: { data: flights, measure: sum, value: seats, per: day, agg: pooled }
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(
      errors.contains { $0.contains("measure 'mean' needs 'value': the column to average") }, "\(errors)")
    #expect(errors.contains { $0.contains("'ratio' is two columns") }, "\(errors)")
    #expect(errors.contains { $0.contains("'pooled' combines shares, means and ratios") }, "\(errors)")
  }
}

/// `{ expr: … }` derived columns (docs/metrics.md, "Derived columns"): arithmetic on a
/// row's columns, summable and usable in filters, and a clear error for bad text.
@Suite struct ExpressionColumnTests {
  static func site(_ columns: String, metrics: String) throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        flights:
          file: flights.csv
          time: day
          missing: [NA]
          columns:
      \(columns)
      -- flights.csv --
      day,dep_delay,arr_delay
      2013-01-01,10,25
      2013-01-01,5,-5
      2013-01-02,NA,NA
      2013-01-02,30,12
      -- content/index.md --
      ---
      title: T
      metrics:
      \(metrics)
      ---
      """)
  }

  @Test func expressionsComputePerRowAndCanBeSummedAndFiltered() throws {
    let site = try Self.site(
      """
            gain: { expr: "dep_delay - arr_delay" }
            late: { expr: "if(arr_delay > 15 and not (dep_delay > 20), 1, 0)" }
            half: { expr: "dep_delay / 2" }
      """,
      metrics: """
            gain: { data: flights, measure: sum, value: gain }
            mean_gain: { data: flights, measure: mean, value: gain }
            late: { data: flights, measure: count, where: { late: 1 } }
            half: { data: flights, measure: sum, value: half }
        """)
    defer { site.remove() }
    let result = site.build()
    #expect(result.diagnostics.sorted.isEmpty, "\(result.diagnostics)")
    let v = Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value.value) })
    // Gains −15, 10, (missing), 18; late: only the first row (25 > 15, 10 not > 20).
    #expect(v["gain"] == 13)
    #expect(close(v["mean_gain"], 13.0 / 3))
    #expect(v["late"] == 1)
    #expect(v["half"] == 22.5)
  }

  @Test func badExpressionsAreErrorsAtTheirLine() throws {
    let site = try Self.site(
      """
            a: { expr: "dep_delay - " }
            b: { expr: "dep_delay + arr_dealy" }
            c: { expr: "system(1)" }
      """, metrics: "    n: { data: flights, measure: count }")
    defer { site.remove() }
    let errors = site.errors()
    #expect(
      errors.contains {
        $0.hasPrefix(
          "gen.yml:8:18: error: derived column 'a' of dataset 'flights': the expression ends too early")
      }, "\(errors)")
    #expect(errors.contains { $0.contains("unexpected '(' in 'system(1)' (at character 7)") }, "\(errors)")
    // Text that parses but names a column the data does not have: found when the data is read.
    let typo = try Self.site(
      "        b: { expr: \"dep_delay + arr_dealy\" }", metrics: "    n: { data: flights, measure: count }")
    defer { typo.remove() }
    let typoErrors = typo.errors()
    #expect(
      typoErrors.contains {
        $0.hasPrefix(
          "gen.yml:8:9: error: derived column 'b' reads column 'arr_dealy' in 'dep_delay + arr_dealy'")
          && $0.contains("'arr_delay'")
      }, "\(typoErrors)")
  }
}
