import Foundation
import GenCore
import GenData
import GenSite
import GenTemplates
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The repository's own site, built from a clean checkout: its pages, charts, links and
/// numbers, checked against the data rather than against the report's wording.
@Suite struct ExampleSiteTests {
  static let result = SitePipeline.run(BuildOptions(siteRoot: Fixtures.repository))

  static func text(_ path: String) -> String {
    result.output?.files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  static func metric(_ name: String, page: String) -> MetricValue? {
    result.metrics.first { $0.value.name == name && $0.page == page }?.value
  }

  /// The example's datasets as gen.yml declares them, loaded on their own.
  static func datasets() throws -> [String: Dataset] {
    let yaml = try String(contentsOfFile: Fixtures.repository + "/gen.yml", encoding: .utf8)
    return try TestData.load(yaml, root: Fixtures.repository).datasets
  }

  /// The values of attribute `name` in the tags of `html` that start with `tag`
  /// (`<a `, `<figure class="chart`), in order.
  static func attributes(_ name: String, of tag: String, in html: String) -> [String] {
    var found: [String] = []
    var rest = html[...]
    while let open = rest.range(of: tag) {
      let after = rest[open.upperBound...]
      guard let end = after.firstIndex(of: ">") else { break }
      let inside = after[..<end]
      if let start = inside.range(of: " \(name)=\"") {
        let value = inside[start.upperBound...]
        if let close = value.firstIndex(of: "\"") { found.append(String(value[..<close])) }
      }
      rest = after[end...]
    }
    return found
  }

  /// The inline metrics of a page: `<data class="metric…" value="…">shown</data>`.
  static func inlineMetrics(in html: String) -> [(claim: Bool, value: Double, shown: String)] {
    var found: [(Bool, Double, String)] = []
    var rest = html[...]
    while let open = rest.range(of: "<data class=\"metric") {
      let after = rest[open.upperBound...]
      guard let valueStart = after.range(of: " value=\""),
        let valueEnd = after[valueStart.upperBound...].firstIndex(of: "\""),
        let tagEnd = after[valueEnd...].firstIndex(of: ">"),
        let close = after[tagEnd...].range(of: "</data>")
      else { break }
      let claim = after[..<valueStart.lowerBound].hasPrefix(" claim\"")
      let value = Double(after[valueStart.upperBound..<valueEnd]) ?? .nan
      found.append((claim, value, String(after[after.index(after: tagEnd)..<close.lowerBound])))
      rest = after[close.upperBound...]
    }
    return found
  }

  @Test func buildsWithoutErrorsOrWarnings() {
    // The two stealth models without a developer are accepted in gen.yml (`unmatched:`).
    #expect(Self.result.diagnostics.sorted.isEmpty, "\(Self.result.diagnostics)")
  }

  @Test func keyPagesExist() throws {
    let files = try #require(Self.result.output?.files)
    for path in [
      "index.html", "overview/index.html", "daily/index.html", "methodology/index.html", "sources/index.html",
      "authors/index.html", "authors/deepseek/index.html", "authors/qwen/index.html",
      "authors/moonshotai/index.html",
      "404.html",
    ] {
      #expect(files[path] != nil, "missing \(path)")
    }
    #expect(Self.result.output?.copies["data/top_models_weekly.csv"] != nil, "datasets are published")
  }

  @Test func chartsAreWrittenAsWellFormedSVGAndCSV() throws {
    let files = try #require(Self.result.output?.files)
    let svgs = files.keys.filter { $0.hasSuffix(".svg") && !$0.hasPrefix("assets/") }
    #expect(svgs.count >= 20)
    for path in svgs {
      let parser = XMLParser(data: Data(files[path]!))
      #expect(parser.parse(), "\(path) is not well-formed XML")
      #expect(files[String(path.dropLast(4)) + ".csv"] != nil, "\(path) has no CSV beside it")
    }
    let overview = Self.text("overview/index.html")
    #expect(overview.contains("<figure class=\"chart chart-area\" id=\"figure-share-by-origin\">"))
    #expect(overview.contains("role=\"img\""))
    #expect(overview.contains("<details><summary>Data table</summary>"))
    #expect(overview.contains("href=\"share-by-origin.svg\""))
    let csv = Self.text("overview/share-by-origin.csv")
    #expect(csv.hasPrefix("period_start,period,group,value,partial\n"))
    #expect(csv.contains("2026-02-16,week of 16 Feb 2026,China,0.58995"))
  }

  @Test func everyChartFigureHasItsDrawingDataAndLinks() throws {
    let files = try #require(Self.result.output?.files)
    var figures = 0
    for (path, bytes) in files where path.hasSuffix(".html") {
      let html = String(decoding: bytes, as: UTF8.self)
      let folder = (path as NSString).deletingLastPathComponent
      let prefix = folder.isEmpty ? "" : folder + "/"
      for figureID in Self.attributes("id", of: "<figure class=\"chart", in: html) {
        figures += 1
        #expect(figureID.hasPrefix("figure-"), "\(path): \(figureID)")
        let id = String(figureID.dropFirst("figure-".count))
        for ext in ["svg", "csv"] {
          #expect(files[prefix + id + "." + ext] != nil, "\(path): chart '\(id)' has no \(ext)")
          #expect(html.contains("href=\"\(id).\(ext)\""), "\(path): chart '\(id)' does not link its \(ext)")
        }
        #expect(html.contains("aria-labelledby=\"\(id)-"), "\(path): chart '\(id)' has no labelled drawing")
      }
    }
    // One figure for every chart file: none drawn without a place on a page.
    let svgs = files.keys.filter { $0.hasSuffix(".svg") && !$0.hasPrefix("assets/") }
    #expect(figures == svgs.count)
  }

  @Test func chartDataMatchesTheMetrics() throws {
    // The share chart's CSV holds the values the metrics quote: China's share among the
    // top models in the first and last weeks, and the platform's total of 16 Feb 2026.
    func value(_ csv: String, period: String, group: String) -> Double? {
      for line in csv.split(separator: "\n") {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        if cells.count == 5, cells[0] == period, cells[2] == group { return Double(cells[3]) }
      }
      return nil
    }
    let share = Self.text("overview/share-by-origin.csv")
    let first = try #require(Self.metric("cn_first", page: "content/overview.md"))
    let last = try #require(Self.metric("cn_last", page: "content/overview.md"))
    #expect(first.periodStart?.description == "2025-02-10")
    #expect(last.periodStart?.description == "2026-05-04")
    #expect(close(value(share, period: "2025-02-10", group: "China"), first.value))
    #expect(close(value(share, period: "2026-05-04", group: "China"), last.value))
    let platform = try #require(Self.metric("platform_feb16", page: "content/overview.md"))
    #expect(platform.value == 13_947_727_801_492)
    #expect(
      value(Self.text("overview/platform-tokens.csv"), period: "2026-02-16", group: "total_tokens")
        == 13_947_727_801_492)
  }

  @Test func overviewFiguresComeFromTheData() throws {
    let page = "content/overview.md"
    let feb16 = try #require(Self.metric("cn_share_feb16", page: page))
    // China among the top 10 in the week of 16 Feb 2026: (1.44+1.30+0.757+0.629+…)/total, from the CSV.
    #expect(abs(feb16.value - 0.58996) < 0.00001)
    #expect(feb16.formatted == "59.0%")
    #expect(feb16.period == "week of 16 Feb 2026")
    #expect(Self.metric("cn_tokens_feb9", page: page)?.formatted == "4.13T")
    #expect(Self.metric("us_tokens_feb9", page: page)?.formatted == "3.38T")
    #expect(Self.metric("platform_feb16", page: page)?.formatted == "13.95T")
    let bound = try #require(Self.metric("cn_bound_2025", page: page))
    #expect(bound.basis.denominator?.contains("'platform'") == true)
    #expect(bound.value > 0 && bound.value < Self.metric("cn_mean_2025", page: page)!.value)
    // Claims render the author's figure, with the exact value beside it: the claims of
    // China's share and tokens carry those metrics' values, and hold for them.
    let claims = Self.inlineMetrics(in: Self.text("overview/index.html")).filter(\.claim)
    let tokens = try #require(Self.metric("cn_tokens_feb9", page: page))
    for metric in [feb16, tokens] {
      let claim = try #require(
        claims.first { close($0.value, metric.value) }, "no claim of \(metric.name) on the page")
      #expect(
        try Claim.parse(claim.shown).get().holds(for: metric.value), "\(claim.shown) for \(metric.name)")
    }
  }

  @Test func everyInlineNumberIsAMetricOfItsPage() throws {
    let output = try #require(Self.result.output)
    var checked = 0
    for (path, bytes) in output.files where path.hasSuffix(".html") {
      let values = Self.result.metrics.filter { $0.pageURL + "index.html" == path }.map(\.value.value)
      for inline in Self.inlineMetrics(in: String(decoding: bytes, as: UTF8.self)) {
        checked += 1
        #expect(
          values.contains { close($0, inline.value) }, "\(path): \(inline.shown) is no metric of the page")
        if inline.claim {
          // A claim shows the author's figure, which must hold for the computed value.
          #expect(
            (try? Claim.parse(inline.shown).get().holds(for: inline.value)) == true,
            "\(path): \(inline.shown)")
        }
      }
    }
    #expect(checked >= 50)
  }

  @Test func homePageHasAnInlineSparkline() throws {
    let home = Self.text("index.html")
    #expect(
      home.contains(
        "<svg class=\"spark\" viewBox=\"0 0 72 18\" role=\"img\" aria-label=\"share of total_tokens where region = China: 65 weeks, from 3.6% to 69.8%\">"
      ))
    // The sparkline's ends are the page's first and last weekly shares.
    let first = try #require(Self.metric("cn_first", page: "content/index.md"))
    let last = try #require(Self.metric("cn_last", page: "content/index.md"))
    #expect(first.formatted == "3.6%")
    #expect(last.formatted == "69.8%")
    #expect(first.basis.periods.count == 65)
  }

  @Test func dailyPageUsesAllTokens() throws {
    let share = try #require(Self.metric("cn_all", page: "content/daily.md"))
    #expect(share.value > 0.4 && share.value < 0.8)
    #expect(share.basis.dataset == "daily")
    let html = Self.text("daily/index.html")
    #expect(html.contains("Hatched: partial week"))
    // The page's averages leave out its partial first and last weeks, and say so.
    #expect(
      html.contains(
        "<p class=\"page-note\">Averages and totals over several periods on this page leave out the periods the data covers only partly: week of 18 May 2026 and week of 17 Aug 2026.</p>"
      ))
  }

  @Test func authorPagesAreGeneratedFromData() throws {
    let deepseek = Self.text("authors/deepseek/index.html")
    #expect(deepseek.contains("<h1>deepseek</h1>"))
    #expect(deepseek.contains("deepseek/deepseek-chat-v3-0324"))
    // Its models with their tokens, share and best place in any week's top list (the
    // lowest rank_in_week), each in its own column.
    let row =
      "<th scope=\"row\">deepseek/deepseek-v3.2-20251201</th><td class=\"num\">16.47T</td><td class=\"num\">60.7%</td><td class=\"num\">2</td>"
    #expect(deepseek.contains(row))
    let table = try #require(
      deepseek.range(of: row).flatMap { deepseek[..<$0.lowerBound].range(of: "<thead>", options: .backwards) }
    )
    let head = deepseek[table.upperBound...].prefix { $0 != "\n" }
    #expect(head.components(separatedBy: "<th scope=\"col\"").count - 1 == 5, "one heading per column")
    let weekly = try #require(try Self.datasets()["weekly"])
    let slugs = try #require(weekly.table.column("model_slug"))
    let ranks = try #require(weekly.table.column("rank_in_week"))
    let best = (0..<weekly.table.rowCount).filter {
      slugs.string(at: $0) == "deepseek/deepseek-v3.2-20251201"
    }
    .compactMap { ranks.number(at: $0) }.min()
    #expect(best == 2)
    let index = Self.text("authors/index.html")
    #expect(index.contains("<a href=\"deepseek/index.html\">deepseek</a>"))
    #expect(index.contains("class=\"spark\""))
    #expect(!index.contains("class=\"page-list\""), "'list: false' leaves out the list of pages")
  }

  @Test func everyDeveloperHasAPageLinkedFromTheIndex() throws {
    let weekly = try #require(try Self.datasets()["weekly"])
    let column = try #require(weekly.table.column("author"))
    let authors = Set((0..<weekly.table.rowCount).compactMap { column.string(at: $0) })
    #expect(authors.count == 18)
    let files = try #require(Self.result.output?.files)
    let pages = Set(
      files.keys.filter {
        $0.hasPrefix("authors/") && $0.hasSuffix("/index.html") && $0 != "authors/index.html"
      }
      .map { String($0.dropFirst("authors/".count).dropLast("/index.html".count)) })
    #expect(pages == authors)
    let index = Self.text("authors/index.html")
    for author in authors {
      #expect(index.contains("<a href=\"\(author)/index.html\">\(author)</a>"), "\(author) is not linked")
    }
  }

  @Test func idsAreUniqueOnEveryPage() throws {
    for (path, bytes) in try #require(Self.result.output).files where path.hasSuffix(".html") {
      let ids = HTMLIDs.all(in: String(decoding: bytes, as: UTF8.self))
      #expect(ids.count == Set(ids).count, "\(path) repeats an id")
    }
  }

  @Test func everyLinkAndAnchorResolves() throws {
    let output = try #require(Self.result.output)
    var ids: [String: Set<String>] = [:]
    for (path, bytes) in output.files where path.hasSuffix(".html") {
      ids[path] = Set(HTMLIDs.all(in: String(decoding: bytes, as: UTF8.self)))
    }
    var checked = 0
    for (path, bytes) in output.files where path.hasSuffix(".html") {
      let html = String(decoding: bytes, as: UTF8.self)
      // Content headings carry an id and a link to it.
      for id in Self.attributes("id", of: "<h2", in: html) + Self.attributes("id", of: "<h3", in: html) {
        #expect(html.contains("href=\"#\(id)\""), "\(path): heading '\(id)' has no link to itself")
      }
      let folder = (path as NSString).deletingLastPathComponent
      for link in Self.attributes("href", of: "<a ", in: html)
        + Self.attributes("href", of: "<link ", in: html)
        + Self.attributes("src", of: "<img ", in: html)
      {
        guard !link.contains(":"), !link.hasPrefix("//") else { continue }
        checked += 1
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = parts[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var target = path
        if !file.isEmpty {
          let resolved = SitePath.normalize(folder.isEmpty ? String(file) : folder + "/" + file)
          target = try #require(resolved, "\(path): '\(link)' leaves the site")
          if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
          #expect(
            output.files[target] != nil || output.copies[target] != nil, "\(path): '\(link)' is broken")
        }
        if parts.count == 2 {
          #expect(ids[target]?.contains(String(parts[1])) == true, "\(path): no '#\(parts[1])' in \(target)")
        }
      }
    }
    #expect(checked >= 100)
  }

  @Test func eachWeekHasOneBasis() throws {
    // The week of 2 Feb 2026 is in both source series; gen.yml's dataset 'where' keeps one.
    let weekly = try #require(try Self.datasets()["weekly"])
    let weeks = try #require(weekly.table.column("week_start"))
    let series = try #require(weekly.table.column("series"))
    var seriesByWeek: [String: Set<String>] = [:]
    for row in 0..<weekly.table.rowCount {
      seriesByWeek[weeks.string(at: row) ?? "", default: []].insert(series.string(at: row) ?? "")
    }
    #expect(seriesByWeek.filter { $0.value.count > 1 }.isEmpty)
    #expect(seriesByWeek["2026-02-02"] == ["chart_top9"])
    #expect(weekly.table.rowCount == 598)
  }

  @Test func everyNumberInProseIsComputed() throws {
    // Every metric of the site is listed by `gen metrics` with a basis.
    #expect(Self.result.metrics.count >= 100)
    for report in Self.result.metrics { #expect(!report.value.basis.dataset.isEmpty) }
  }

  @Test func repositoryTemplatesAreTheBuiltInTheme() throws {
    let folder = Fixtures.repository + "/templates"
    let onDisk = SiteFiles.walk(folder)
    #expect(onDisk.map(\.relative) == DefaultTheme.files.map(\.path))
    for (relative, full) in onDisk {
      #expect(
        FileManager.default.contents(atPath: full).map(Array.init)
          == DefaultTheme.files.first { $0.path == relative }?.bytes)
    }
  }
}
