import Testing

/// Table blocks in pages: their columns, caption and notes, and errors where each column is written.
@Suite struct TableBlockTests {
  @Test func tablesShowTheLowestOrHighestValueOfAColumnPerGroup() throws {
    let site = try TestSite.visits(
      """
      -- content/index.md --
      ```table
      data: visits
      by: browser
      columns: [browser, sum, { min: place, title: Best place }, "max:place"]
      ```
      """)
    defer { site.remove() }
    try site.write(
      "content/data/visits.csv",
      "week,browser,visits,place\n2026-01-05,Firefox,30,2\n2026-01-05,Chrome,70,1\n2026-01-12,Firefox,50,1\n2026-01-12,Chrome,40,2\n"
    )
    let page = try #require(try site.output()["index.html"])
    #expect(
      page.contains(
        "<th scope=\"col\" class=\"num\">Best place</th><th scope=\"col\" class=\"num\">Highest place</th>"))
    #expect(
      page.contains(
        "<th scope=\"row\">Chrome</th><td class=\"num\">110</td><td class=\"num\">1</td><td class=\"num\">2</td>"
      ))
    #expect(
      page.contains(
        "<th scope=\"row\">Firefox</th><td class=\"num\">80</td><td class=\"num\">1</td><td class=\"num\">2</td>"
      ))

    try site.write(
      "content/index.md",
      "```table\ndata: visits\nby: browser\ncolumns: [browser, \"min:plase\", { max: nope }]\n```\n")
    // Every bad column, each where it is written.
    let errors = site.errors()
    #expect(errors.count == 2, "\(errors)")
    #expect(
      errors.first?.hasPrefix("content/index.md:4:20: error: dataset 'visits' has no numeric column 'plase'")
        == true, "\(errors)")
    #expect(
      errors.last?.hasPrefix("content/index.md:4:33: error: dataset 'visits' has no numeric column 'nope'")
        == true, "\(errors)")
  }

  @Test func columnsTakeATitleAndANumberFormat() throws {
    let rows =
      "2026-01-05,Firefox,58670\n2026-01-05,Chrome,41330\n2026-01-12,Firefox,20\n2026-01-12,Chrome,80"
    let site = try TestSite.visits(
      rows: rows,
      """
      -- content/index.md --
      ```table
      data: visits
      by: browser
      columns:
        - { column: browser, title: Browser }
        - { column: sum, title: Visits, format: number }
        - { column: share, digits: 2 }
        - { max: visits, title: Best week, format: si, digits: 1 }
      ```
      """)
    defer { site.remove() }
    let page = try #require(try site.output()["index.html"])
    #expect(
      page.contains("<th scope=\"col\">Browser</th><th scope=\"col\" class=\"num\">Visits</th>"), "\(page)")
    // 58,690 of 100,100 visits: 58.63%; the best week 58.7K.
    #expect(
      page.contains(
        "<th scope=\"row\">Firefox</th><td class=\"num\">58,690</td><td class=\"num\">58.63%</td><td class=\"num\">58.7K</td>"
      ), "\(page)")
    try site.write(
      "content/index.md",
      "```table\ndata: visits\nby: browser\ncolumns: [{ column: sum, format: money, titel: X }]\n```\n")
    let errors = site.errors()
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.contains { $0.contains("unknown key 'titel'") }, "\(errors)")
    #expect(errors.contains { $0.contains("'money'") }, "\(errors)")
  }

  @Test func tableTextsQuoteMetricsAndNotesFitTheColumns() throws {
    // Daily rows: one complete week and one partial day of the next.
    let days = (5...12).map { "2026-01-\($0 < 10 ? "0" : "")\($0)" }
    let rows = days.map { "\($0),Firefox,30\n\($0),Chrome,70" }.joined(separator: "\n")
    let site = try TestSite.visits(
      rows: rows,
      """
      -- content/index.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox }, per: week, at: 2026-01-05 }
      ---
      ```table
      data: visits
      by: browser
      per: week
      columns: [browser, "max:visits"]
      title: "Firefox had {{ ff }}"
      ```
      """)
    defer { site.remove() }
    let page = try #require(try site.output()["index.html"])
    #expect(page.contains("<caption>Firefox had 30.0%</caption>"))
    #expect(!page.contains("Totals and shares leave out"), "no totals or shares in this table")
  }
}
