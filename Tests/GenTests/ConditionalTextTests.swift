import Foundation
import GenCore
import GenSite
import Testing

/// Conditional text in prose (docs/site.md, "Conditional text"): pages from data say
/// what their own data says, and every mistake is an error at its expression.
@Suite struct ConditionalTextTests {
  /// Flights per airport and carrier: JFK is led by B6, EWR by UA.
  static func site(_ page: String) throws -> TestSite {
    try TestSite(
      """
      -- gen.yml --
      title: T
      datasets:
        flights: { file: flights.csv, time: day, value: flights }
      -- flights.csv --
      day,origin,carrier,flights
      2013-01-01,JFK,B6,60
      2013-01-01,JFK,UA,40
      2013-01-01,EWR,UA,90
      2013-01-01,EWR,B6,10
      -- content/origins/[origin].md --
      ---
      title: "{{ params.origin }}"
      data: flights
      metrics:
        ua: { data: flights, where: { origin: "{{ params.origin }}", carrier: UA }, within: { origin: "{{ params.origin }}" } }
      ---
      \(page)
      """)
  }

  @Test func eachPageFromDataKeepsTheBranchItsDataChooses() throws {
    let site = try Self.site(
      """
      United flies {{ ua }} of flights here{{#if ua > 50%}}, the largest share{{else}}, less than B6{{/if}}.
      {{#if params.origin == JFK}}JFK is *the* big one.{{/if}}

      - {{#if ua >= 0.9}}Almost all United.{{else}}Mixed.{{/if}}
      """)
    defer { site.remove() }
    let files = try site.output()
    let jfk = try #require(files["origins/jfk/index.html"])
    let ewr = try #require(files["origins/ewr/index.html"])
    #expect(jfk.contains("40.0%</data> of flights here, less than B6."))
    #expect(jfk.contains("JFK is <em>the</em> big one."))
    #expect(jfk.contains("<li>Mixed.</li>"))
    #expect(ewr.contains("90.0%</data> of flights here, the largest share."))
    #expect(!ewr.contains("JFK is"))
    #expect(ewr.contains("<li>Almost all United.</li>"))
    #expect(!jfk.contains("\u{1}") && !ewr.contains("\u{1}"))
  }

  @Test func mistakesAreErrorsAtTheirExpression() throws {
    let site = try Self.site(
      """
      Open {{#if ua > 50%}} and never closed.

      Closed {{/if}} without opening, {{else}} alone.

      {{#if ua}} no comparison, {{/if}} {{#if uaa > 1}}typo{{/if}} {{#if params.origin > JFK}}x{{/if}}
      """)
    defer { site.remove() }
    let errors = site.errors()
    #expect(
      errors.contains {
        $0.hasPrefix(
          "content/origins/[origin].md:7:6: error: '{{#if ua > 50%}}' is not closed by '{{/if}}' in the same paragraph"
        )
      }, "\(errors)")
    #expect(
      errors.contains {
        $0.hasPrefix("content/origins/[origin].md:9:8: error: '{{/if}}' without a '{{#if …}}' before it")
      }, "\(errors)")
    #expect(errors.contains { $0.contains("'{{else}}' outside a '{{#if …}}'") })
    #expect(errors.contains { $0.contains("'{{#if ua}}' needs a comparison") })
    #expect(errors.contains { $0.contains("unknown metric 'uaa' in '{{#if …}}'") }, "\(errors)")
    #expect(errors.contains { $0.contains("compares text with '>'") })
  }
}
