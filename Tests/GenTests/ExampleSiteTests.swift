import Foundation
import GenCore
import GenData
import GenSite
import GenTemplates
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The repository's own site, built from a clean checkout: the report on OpenRouter's
/// shift to Chinese models.
@Suite struct ExampleSiteTests {
  static let result = SitePipeline.run(BuildOptions(siteRoot: Fixtures.repository))

  static func text(_ path: String) -> String {
    result.output?.files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  static func metric(_ name: String, page: String) -> MetricValue? {
    result.metrics.first { $0.value.name == name && $0.page == page }?.value
  }

  @Test func buildsWithoutErrorsAndOneWarning() {
    #expect(!Self.result.diagnostics.hasErrors, "\(Self.result.diagnostics)")
    let warnings = Self.result.diagnostics.warnings
    #expect(warnings.count == 1)
    #expect(warnings.first?.message.contains("openrouter/owl-alpha (13.08T total_tokens)") == true)
    #expect(warnings.first?.message.contains("stealth/ox-alpha (1.99T total_tokens)") == true)
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
    // Claims render the author's words, with the exact value beside them.
    let html = Self.text("overview/index.html")
    #expect(html.contains(">59%</data>"))
    #expect(html.contains(">4.13T</data>"))
  }

  @Test func homePageHasAnInlineSparkline() throws {
    let home = Self.text("index.html")
    #expect(
      home.contains(
        "<svg class=\"spark\" viewBox=\"0 0 72 18\" role=\"img\" aria-label=\"share of total_tokens where region = China: 65 weeks, from 3.6% to 69.8%\">"
      ))
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
    // Its models with their best place in any week's top list (rank_in_week).
    #expect(deepseek.contains(">Best weekly rank</th>"))
    #expect(
      deepseek.contains(
        "<th scope=\"row\">deepseek/deepseek-v3.2-20251201</th><td class=\"num\">16.47T</td><td class=\"num\">60.7%</td><td class=\"num\">2</td>"
      ))
    let index = Self.text("authors/index.html")
    #expect(index.contains("<a href=\"deepseek/index.html\">deepseek</a>"))
    #expect(index.contains("class=\"spark\""))
    #expect(!index.contains("class=\"page-list\""), "'list: false' leaves out the list of pages")
  }

  @Test func idsAreUniqueOnEveryPage() throws {
    for (path, bytes) in try #require(Self.result.output).files where path.hasSuffix(".html") {
      let ids = HTMLIDs.all(in: String(decoding: bytes, as: UTF8.self))
      #expect(ids.count == Set(ids).count, "\(path) repeats an id")
    }
  }

  @Test func eachWeekHasOneBasis() throws {
    // The week of 2 Feb 2026 is in both source series; gen.yml's dataset 'where' keeps one.
    let yaml = try String(contentsOfFile: Fixtures.repository + "/gen.yml", encoding: .utf8)
    let (datasets, _) = try TestData.load(yaml, root: Fixtures.repository)
    let weekly = try #require(datasets["weekly"])
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
