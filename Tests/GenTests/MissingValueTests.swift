import Foundation
import GenCore
import GenSite
import Testing

/// Data as it comes (docs/metrics.md): texts that mean "no value" (`missing:`), filters
/// on missing values, typed lookups whose values can be summed, and the warning for keys
/// without a match, capped and with the expected ones accepted.
@Suite struct MissingValueTests {
  /// Flights in R's style: NA for no value, in numbers and in text.
  static let flights = """
    day,carrier,tailnum,dep_delay,distance
    2013-01-01,UA,N1,10,100
    2013-01-01,UA,NA,NA,200
    2013-01-01,AA,N2,-5,300
    2013-01-02,AA,,20,400
    2013-01-02,B6,N3,NA,500
    2013-01-02,B6,N9,5,NA
    """
  static let planes = """
    tailnum,seats,year
    N1,100,2004
    N2,150,NA
    N3,200,2010
    """

  static func site(flights: String = flights, declaration: String, metrics: String) throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        flights:
          file: flights.csv
          time: day
      \(declaration)
        planes:
          file: planes.csv
          key: tailnum
          missing: [NA]
      -- flights.csv --
      \(flights)
      -- planes.csv --
      \(planes)
      -- content/index.md --
      ---
      title: T
      metrics:
      \(metrics)
      ---
      """)
  }

  static func values(_ site: TestSite) -> ([String: Double], [String]) {
    let result = site.build()
    return (
      Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.value.name, $0.value.value) }),
      result.diagnostics.sorted.map(\.description)
    )
  }

  @Test func declaredMissingTextsAreNoValue() throws {
    let site = try Self.site(
      declaration: "    missing: [NA]",
      metrics: """
          delay: { data: flights, measure: sum, value: dep_delay }
          delayed_rows: { data: flights, measure: count, where: { dep_delay: { not: missing } } }
          distance: { data: flights, measure: sum, value: distance }
          no_tail: { data: flights, measure: count, where: { tailnum: missing } }
          no_tail_empty: { data: flights, measure: count, where: { tailnum: "" } }
          with_tail: { data: flights, measure: count, where: { tailnum: { not: missing } } }
          not_n1: { data: flights, measure: count, where: { tailnum: { not: N1 } } }
        """)
    defer { site.remove() }
    let (values, messages) = Self.values(site)
    #expect(messages.isEmpty, "\(messages)")
    // dep_delay: 10 - 5 + 20 + 5 over four rows with a value; distance 1,500 over five.
    #expect(values["delay"] == 30)
    #expect(values["delayed_rows"] == 4)
    #expect(values["distance"] == 1_500)
    // tailnum missing: NA and the empty cell; not N1: N2, N3, N9 (missing rows never match a `not`).
    #expect(values["no_tail"] == 2)
    #expect(values["no_tail_empty"] == 2)
    #expect(values["with_tail"] == 4)
    #expect(values["not_n1"] == 3)
  }

  @Test func withoutMissingTextsNAIsABadNumber() throws {
    let site = try Self.site(
      declaration: "", metrics: "    delay: { data: flights, measure: sum, value: dep_delay }")
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.first?.hasPrefix("flights.csv:3:") == true, "\(errors)")
  }

  @Test func aColumnsOwnMissingTextsReplaceTheDatasets() throws {
    // Only dep_delay has NA as no value: distance's NA stays text, so the column is not summed.
    let site = try Self.site(
      declaration: "    columns:\n      dep_delay: { type: integer, missing: [NA, \"-\"] }",
      metrics: "    delay: { data: flights, measure: sum, value: dep_delay }")
    defer { site.remove() }
    let (values, messages) = Self.values(site)
    #expect(messages.isEmpty, "\(messages)")
    #expect(values["delay"] == 30)
  }

  @Test func jsonMissingTextsAreNoValue() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        flights: { file: flights.json, time: day, missing: [NA] }
      -- flights.json --
      [{"day": "2013-01-01", "delay": 10, "tail": "N1"}, {"day": "2013-01-01", "delay": "NA", "tail": "NA"}]
      -- content/index.md --
      ---
      title: T
      metrics:
        delay: { data: flights, measure: sum, value: delay }
        no_tail: { data: flights, measure: count, where: { tail: missing } }
      ---
      """)
    defer { site.remove() }
    let (values, messages) = Self.values(site)
    #expect(messages.isEmpty, "\(messages)")
    #expect(values["delay"] == 10)
    #expect(values["no_tail"] == 1)
  }

  @Test func typedLookupsCanBeSummed() throws {
    let site = try Self.site(
      declaration: """
            missing: [NA]
            columns:
              seats: { lookup: planes, key: tailnum, value: seats, type: integer, values: { "": 0 }, unmatched: [N9] }
              built: { lookup: planes, key: tailnum, value: year, type: integer, unmatched: ok }
        """,
      metrics: """
          seats: { data: flights, measure: sum, value: seats }
          seats_jan2: { data: flights, measure: sum, value: seats, per: day, at: 2013-01-02 }
          old: { data: flights, measure: count, where: { built: 2004 } }
        """)
    defer { site.remove() }
    let (values, messages) = Self.values(site)
    // N1 100 + N2 150 + N3 200, missing tails 0, N9 expected to have no match.
    #expect(messages.isEmpty, "\(messages)")
    #expect(values["seats"] == 450)
    #expect(values["seats_jan2"] == 200)
    #expect(values["old"] == 1)
  }

  @Test func aLookupValueThatDoesNotFitItsTypeIsAnError() throws {
    let site = try Self.site(
      declaration:
        "    missing: [NA]\n    columns:\n      seats: { lookup: planes, key: tailnum, value: seats, type: date }",
      metrics: "    n: { data: flights, measure: count }")
    defer { site.remove() }
    let errors = site.errors()
    #expect(
      errors.contains {
        $0.contains("lookup of column 'seats' gives '100', which is not a date")
          && $0.hasPrefix("gen.yml:8:7:")
      }, "\(errors)")
  }

  @Test func unmatchedKeysAreCappedAtTheTenLargestWithACount() throws {
    let rows = (1...14).map { "2013-01-01,UA,X\($0),\($0),1" }.joined(separator: "\n")
    let site = try Self.site(
      flights: "day,carrier,tailnum,dep_delay,distance\n\(rows)\n2013-01-01,UA,N1,1,1",
      declaration:
        "    value: dep_delay\n    columns:\n      seats: { lookup: planes, key: tailnum, value: seats }",
      metrics: "    n: { data: flights, measure: count }")
    defer { site.remove() }
    let (_, messages) = Self.values(site)
    #expect(messages.count == 1)
    let warning = try #require(messages.first)
    #expect(
      warning.contains(
        "14 values of 'tailnum' in dataset 'flights' have no match in 'planes': X14 (14 dep_delay), X13 (13 dep_delay)"
      ))
    #expect(warning.contains("X5 (5 dep_delay), and 4 more"))
    #expect(!warning.contains("X4 ("))
    #expect(warning.contains("accept them with 'unmatched: ok'"))
  }

  @Test func oneUnmatchedRowIsOneRow() throws {
    let site = try Self.site(
      flights: "day,tailnum\n2013-01-01,N1\n2013-01-01,X1",
      declaration: "    columns:\n      seats: { lookup: planes, key: tailnum, value: seats }",
      metrics: "    n: { data: flights, measure: count }")
    defer { site.remove() }
    let (_, messages) = Self.values(site)
    #expect(
      messages.first?.contains(
        "1 value of 'tailnum' in dataset 'flights' has no match in 'planes': X1 (1 row)") == true,
      "\(messages)")
  }
}
