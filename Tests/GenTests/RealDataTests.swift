import GenCore
import GenData
import Testing

/// The real OpenRouter files (copied from ../shared/data/openrouter into
/// Tests/Fixtures/openrouter) against the figures their README gives.
@Suite struct RealDataTests {
  static let config = """
    datasets:
      weekly:
        file: openrouter/top_models_weekly.csv
        time: week_start
        value: total_tokens
        columns:
          total_tokens: integer
          origin: { lookup: authors, key: [model_slug, author], value: country, default: Unknown }
      platform:
        file: openrouter/platform_tokens_weekly.csv
        time: week_monday
        value: total_tokens
      authors:
        file: openrouter/authors.csv
        key: author
      daily_json:
        file: openrouter/rankings_daily.json
        keys: [date, model_permaslug]
        time: date
        value: total_tokens
        columns:
          author: { from: model_permaslug, before: "/" }
          origin:
            lookup: authors
            key: [model_permaslug, author]
            value: country
            default: Unmapped
            values: { other: Outside top 50 }
      daily_csv:
        file: openrouter/rankings_daily.csv
        time: date
        value: total_tokens
    """

  let datasets: [String: Dataset]
  let diagnostics: Diagnostics
  let engine: QueryEngine

  init() throws {
    (datasets, diagnostics) = try TestData.load(Self.config, root: TestData.fixtures.path)
    engine = QueryEngine(datasets: datasets)
  }

  func value(_ yaml: String) throws -> MetricValue { try TestData.metric(yaml, engine) }

  @Test func filesLoadWithTheirDocumentedShape() throws {
    #expect(!diagnostics.hasErrors, "\(diagnostics)")
    #expect(datasets["weekly"]?.table.rowCount == 608)
    #expect(datasets["platform"]?.table.rowCount == 112)
    #expect(datasets["authors"]?.table.rowCount == 36)
    #expect(datasets["daily_json"]?.table.rowCount == 4590)
    #expect(datasets["daily_csv"]?.table.rowCount == 4590)
    let weekly = try #require(datasets["weekly"])
    #expect(weekly.coverage?.granularity == .days(7))
    #expect(weekly.coverage?.first?.description == "2025-02-10")
    #expect(weekly.coverage?.last?.description == "2026-05-10")
    let platform = try #require(datasets["platform"])
    #expect(platform.coverage?.first?.description == "2024-03-04")
    #expect(platform.coverage?.last?.description == "2026-04-26")
    // Breakdown columns are empty where the scrape did not have them: missing, not 0.
    let prompt = try #require(weekly.table.column("prompt_tokens"))
    #expect(prompt.isMissing(0))
    #expect(datasets["daily_json"]?.coverage?.granularity == .days(1))
  }

  @Test func unmappedModelsAreReportedOnce() throws {
    // README: openrouter/owl-alpha and stealth/ox-alpha (in rankings_daily) are not in authors.csv.
    #expect(diagnostics.warnings.count == 1)
    let warning = try #require(diagnostics.warnings.first?.message)
    #expect(warning.contains("openrouter/owl-alpha ("))
    #expect(warning.contains("stealth/ox-alpha ("))
    #expect(warning.contains("in dataset 'daily_json' have no match in 'authors'"))
    #expect(!warning.contains("other ("), "`values:` maps 'other'")
    let daily = try #require(datasets["daily_json"]?.table)
    for (slug, origin) in zip(daily.column("model_permaslug")!.texts, daily.column("origin")!.texts) {
      if slug == "other" { #expect(origin == "Outside top 50") }
      if slug == "openrouter/owl-alpha" { #expect(origin == "Unmapped") }
      if slug?.hasPrefix("deepseek/") == true { #expect(origin == "CN") }
    }
    // Every model of the weekly file is mapped; stealth slugs by their full slug.
    let t = try #require(datasets["weekly"]?.table)
    #expect(!t.column("origin")!.texts.contains("Unknown"))
    for (slug, origin) in zip(t.column("model_slug")!.texts, t.column("origin")!.texts) {
      if slug == "openrouter/hunter-alpha" { #expect(origin == "CN") }
      if slug == "openrouter/quasar-alpha" { #expect(origin == "US") }
      if slug?.hasPrefix("deepseek/") == true { #expect(origin == "CN") }
    }
  }

  @Test func chineseVersusUSTokensInTheWeekOfFebruaryNinth() throws {
    // Week of 2026-02-09 (leaderboard top 10, tokens rounded to 3 significant digits):
    // CN: minimax 1440 + moonshotai 1300 + deepseek 757 + z-ai 629 = 4126 B = 4.126T → 4.13T.
    let cn = try value("data: weekly\nmeasure: sum\nwhere: { origin: CN }\nper: week\nat: 2026-02-09")
    #expect(cn.value == 4.126e12)
    #expect(cn.formatted == "4.13T")
    // US among the top 9 (ranks 1–9): google 776 + anthropic 627 + x-ai 557 + anthropic 524
    // + google 451 = 2935 B = 2.935T → 2.94T, the README's figure.
    let top9 = "where: { origin: US, rank_in_week: [1, 2, 3, 4, 5, 6, 7, 8, 9] }"
    let us9 = try value("data: weekly\nmeasure: sum\n\(top9)\nper: week\nat: 2026-02-09")
    #expect(us9.value == 2.935e12)
    #expect(try Claim.parse("2.94T").get().holds(for: us9.value))
    let cn9 = try value(
      "data: weekly\nmeasure: sum\nwhere: { origin: CN, rank_in_week: [1, 2, 3, 4, 5, 6, 7, 8, 9] }\nper: week\nat: 2026-02-09"
    )
    #expect(cn9.formatted == "4.13T")
    // All ten: rank 10 is arcee-ai/trinity-large-preview:free (440 B), whose author is US in
    // authors.csv: 2935 + 440 = 3375 B = 3.375T → 3.38T.
    let us = try value("data: weekly\nmeasure: sum\nwhere: { origin: US }\nper: week\nat: 2026-02-09")
    #expect(us.value == 3.375e12)
    #expect(us.formatted == "3.38T")
    // Share of the top 10 held by CN: 4126 / (4126 + 3375) = 0.55006.
    let share = try value("data: weekly\nwhere: { origin: CN }\nper: week\nat: 2026-02-09")
    #expect(close(share.value, 4126.0 / 7501))
    #expect(share.formatted == "55.0%")
  }

  @Test func platformTotalsOfTheReadme() throws {
    // README: week of 2026-02-16 = 13.948T; week of 2025-03-03 = 1.235T.
    let feb16 = try value("data: platform\nmeasure: sum\nper: week\nat: 2026-02-16")
    #expect(feb16.value == 13_947_727_801_492)
    #expect(Formatter.si(feb16.value, digits: 3) == "13.948T")
    #expect(feb16.formatted == "13.95T")
    #expect(feb16.period == "week of 16 Feb 2026")
    #expect(try Claim.parse("13.948T").get().holds(for: feb16.value))
    let mar3 = try value("data: platform\nmeasure: sum\nper: week\nat: 2025-03-05")
    #expect(mar3.value == 1_235_444_125_410)
    #expect(Formatter.si(mar3.value, digits: 3) == "1.235T")
  }

  @Test func shareOfAllPlatformTokensIsALowerBound() throws {
    // Named top-model CN tokens over the platform total, week of 2026-02-16.
    let named = try value("data: weekly\nmeasure: sum\nwhere: { origin: CN }\nper: week\nat: 2026-02-16")
    let share = try value(
      "data: weekly\nwhere: { origin: CN }\ndenominator: { data: platform }\nper: week\nat: 2026-02-16")
    #expect(close(share.value, named.value / 13_947_727_801_492))
    // The platform ends on 2026-04-20: later weeks of the numerator have no value.
    let errors = try TestData.metricError(
      "data: weekly\nwhere: { origin: CN }\ndenominator: { data: platform }\nper: week\nat: 2026-05-04",
      engine)
    #expect(errors.first?.message.contains("week of 4 May 2026") == true)
  }

  @Test func keyedJSONGivesTheSameTableAsTheCSVExport() throws {
    let json = try #require(datasets["daily_json"]?.table)
    let csv = try #require(datasets["daily_csv"]?.table)
    #expect(json.column("date")?.days == csv.column("date")?.days)
    #expect(json.column("model_permaslug")?.texts == csv.column("model_permaslug")?.texts)
    #expect(json.column("total_tokens")?.ints == csv.column("total_tokens")?.ints)
    #expect(json.column("total_tokens")?.type == .integer)
  }

  @Test func dailySharesAddUpToOne() throws {
    // Each day holds the top 50 plus `other`, so by model the shares of a day add up to exactly 1.
    let g = try engine.groupSeries(TestData.query("data: daily_json\nby: model_permaslug\nper: day"), top: 10)
      .get()
    #expect(g.periods.count == 90)
    #expect(g.groups.last == "Other")
    for i in g.periods.indices {
      var total = 0.0
      for row in g.shares { total += row[i] ?? 0 }
      #expect(total == 1.0, "\(g.label(i))")
    }
  }
}
