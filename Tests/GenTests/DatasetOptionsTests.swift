import Foundation
import GenCore
import GenData
import GenSite
import Testing

@Suite struct DatasetOptionsTests {
  @Test func semicolonSeparatedFiles() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: Delimiters
      datasets:
        eu: { file: content/data/eu.csv, delimiter: ";", time: day, value: v }
      -- content/data/eu.csv --
      day;country;v
      2026-01-05;"Côte d'Ivoire; CI";3
      2026-01-05;FR;1
      -- content/index.md --
      ---
      metrics:
        fr: { data: eu, where: { country: FR } }
      ---
      France: {{ fr ~ 25% }}.
      """)
    defer { site.remove() }
    let files = try site.output()
    #expect(files["index.html"]!.contains(">25%</data>"))
  }

  @Test func badDelimiterIsAnError() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: Delimiters
      datasets:
        eu: { file: content/data/eu.csv, delimiter: ";;" }
      -- content/data/eu.csv --
      a
      1
      -- content/index.md --
      Text.
      """)
    defer { site.remove() }
    #expect(
      site.errors() == [
        "gen.yml:3:47: error: 'delimiter' must be one character such as ';' or 'tab', not ';;'"
      ])
  }
}
