import Foundation
import GenCore
import GenData
import GenSite
import Testing

/// A site modelled on the nycflights13 report (`Tests/Fixtures/sites/flights`): dates
/// from parts, UTC instants counted on New York days, `NA` for no value, a numeric lookup
/// and pages per origin with conditional text, built with no prep step. Every number is
/// worked out by hand from the twelve rows of `data/flights.csv`.
@Suite struct FlightsSiteTests {
  static let result = SitePipeline.run(BuildOptions(siteRoot: Fixtures.root + "/sites/flights"))

  static func value(_ name: String, page: String = "content/index.md") -> MetricValue? {
    result.metrics.first { $0.value.name == name && $0.page == page }?.value
  }

  static func text(_ path: String) -> String {
    result.output?.files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  @Test func itBuildsWithoutWarnings() {
    #expect(Self.result.output != nil)
    #expect(Self.result.diagnostics.sorted.isEmpty, "\(Self.result.diagnostics)")
  }

  @Test func theNumbersAreTheHandWorkedOnes() {
    #expect(Self.value("flights")?.value == 12)
    // Five on 1 January in New York: the four at 10:00 UTC and the one at 04:00 UTC on the 2nd.
    #expect(Self.value("jan1")?.value == 5)
    // Delays 2, 4, 2, −1, 43, 0, 15, −3, 10, 30 (two NA): 102 / 10.
    #expect(Self.value("mean_delay")?.value == 10.2)
    // Seats 149 × 2 + 149 × 2 + 178 × 2 + 200 × 3 over all 12 flights.
    #expect(close(Self.value("seats_per_flight")?.value, 1552.0 / 12))
    #expect(Self.value("no_tail")?.value == 2)
    #expect(Self.value("leader")?.group == "United")
    #expect(close(Self.value("leader")?.value, 5.0 / 12))
    let page = "content/origins/[origin].md"
    let jfk = Self.result.metrics.filter { $0.page == page && $0.pageURL.contains("jfk") }
    #expect(jfk.first { $0.value.name == "delay_here" }?.value.value == 74.0 / 4)
    #expect(jfk.first { $0.value.name == "top_here" }?.value.group == "JetBlue")
  }

  @Test func pagesSayWhatTheirOwnDataSays() {
    let index = Self.text("index.html")
    #expect(index.contains(">10.2</data> minutes"))
    #expect(index.contains(">129</data> seats per"))
    #expect(index.contains("<span class=\"metric-group\">United</span> flew the most"))
    #expect(Self.text("origins/jfk/index.html").contains(", more\nthan ten minutes."))
    #expect(Self.text("origins/ewr/index.html").contains(", within ten minutes."))
    // The table's own headings and whole numbers.
    #expect(index.contains("<th scope=\"col\">Airline</th><th scope=\"col\" class=\"num\">Flights</th>"))
    #expect(
      index.contains("United</a></th><td class=\"num\">5</td>")
        || index.contains("<th scope=\"row\">United</th><td class=\"num\">5</td>"), "\(index)")
  }

  @Test func fixedColoursHoldOnTheChart() {
    let svg = Self.text("daily-flights.svg")
    #expect(svg.contains(">United</text>") && svg.contains("class=\"label t1\""))
    // United is blue (1) and JetBlue orange (4); American takes a free colour.
    let labels = try! Regex(#"<text class="label t(\d)"[^>]*>([^<]+)</text>"#)
    let colours = Dictionary(
      svg.matches(of: labels).map { (String($0.output[2].substring!), String($0.output[1].substring!)) },
      uniquingKeysWith: { a, _ in a })
    #expect(colours["United"] == "1" && colours["JetBlue"] == "4")
    #expect(colours["American"].map { !["1", "4"].contains($0) } == true)
  }
}
