import Foundation
import GenCore
import GenData
import Testing

/// Loading declared datasets from files, derived columns (lookups and parts), and
/// the checks of `time:`, `value:` and `key:` (docs/metrics.md).
@Suite struct DatasetLoaderTests {
  static let root = TestData.fixtures.path

  static let authors = """
      authors:
        file: data/authors.csv
        key: author
    """

  /// The origin of each model in `data/usage.csv` by `authors.csv` (full slug first, then
  /// author) with the default `Unknown`.
  static let origins: [String: String?] = [
    "deepseek/deepseek-v3.2": "CN", "openrouter/hunter-alpha": "CN", "openrouter/owl-alpha": "Unknown",
    "stealth/ox-alpha": "Unknown", "anthropic/claude-4.5-sonnet": "US", "qwen/qwen3": "CN",
    "mystery/model": "Unknown",
  ]

  func load(_ yaml: String) throws -> (datasets: [String: Dataset], diagnostics: Diagnostics) {
    try TestData.load("datasets:\n" + yaml, root: Self.root)
  }

  @Test func lookupTriesFullSlugThenAuthorWithDefaultAndOneWarning() throws {
    let (datasets, diagnostics) = try load(
      """
        usage:
          file: data/usage.csv
          time: week
          value: total_tokens
          columns:
            origin: { lookup: authors, key: [model_slug, author], value: country, default: Unknown }
      \(Self.authors)
      """)
    let usage = try #require(datasets["usage"])
    // deepseek/… → author deepseek → CN; openrouter/hunter-alpha → its full slug → CN;
    // owl-alpha, ox-alpha and mystery/model have no match → the default.
    #expect(usage.table.texts("origin", by: "model_slug") == Self.origins)
    #expect(!diagnostics.hasErrors, "\(diagnostics)")
    // One warning lists every unmapped model with its token total, largest first:
    // ox-alpha 1.5e12; owl-alpha 200 + 300 = 500; mystery/model has no token count (0, not 1).
    #expect(diagnostics.warnings.count == 1)
    let warning = try #require(diagnostics.warnings.first)
    #expect(
      warning.message
        == "3 values of 'model_slug' in dataset 'usage' have no match in 'authors': stealth/ox-alpha (1.50T total_tokens), openrouter/owl-alpha (500 total_tokens), mystery/model (0 total_tokens)"
    )
    #expect(
      warning.hint
        == "they get 'origin' = 'Unknown'; add them to data/authors.csv, or accept them with 'unmatched: ok' (or a list of keys)"
    )
    #expect(warning.location?.path == "gen.yml")
  }

  @Test func extraValuesTakePrecedenceAndNoDefaultLeavesMissing() throws {
    let (datasets, diagnostics) = try load(
      """
        usage:
          file: data/usage.csv
          time: week
          columns:
            origin:
              lookup: authors
              key: [model_slug, author]
              value: country
              values: { deepseek: XX, "openrouter/owl-alpha": Stealth }
      \(Self.authors)
      """)
    let usage = try #require(datasets["usage"]?.table)
    // deepseek: `values` wins over authors.csv (CN); owl-alpha mapped by `values`.
    #expect(
      usage.texts("origin", by: "model_slug") == [
        "deepseek/deepseek-v3.2": "XX", "openrouter/hunter-alpha": "CN", "openrouter/owl-alpha": "Stealth",
        "stealth/ox-alpha": nil, "anthropic/claude-4.5-sonnet": "US", "qwen/qwen3": "CN",
        "mystery/model": nil,
      ])
    // Without `value:` on the dataset the warning counts rows.
    #expect(
      diagnostics.warnings.map(\.message) == [
        "2 values of 'model_slug' in dataset 'usage' have no match in 'authors': mystery/model (1 row), stealth/ox-alpha (1 row)"
      ])
    #expect(diagnostics.warnings.first?.hint?.contains("their 'origin' is missing") == true)
  }

  @Test func partsOfATextColumnFeedALookup() throws {
    let (datasets, diagnostics) = try load(
      """
        usage:
          file: data/usage.csv
          time: week
          value: total_tokens
          columns:
            vendor: { from: model_slug, before: "/" }
            model: { from: model_slug, after: "/" }
            origin: { lookup: authors, key: [model_slug, vendor], value: country, default: Unknown }
      \(Self.authors)
      """)
    let t = try #require(datasets["usage"]?.table)
    let vendors = t.texts("vendor", by: "model_slug")
    #expect(vendors["deepseek/deepseek-v3.2"] == "deepseek")
    #expect(vendors["openrouter/owl-alpha"] == "openrouter")
    #expect(Set(vendors.values.compactMap { $0 }).count == 6)
    #expect(t.texts("model", by: "model_slug")["deepseek/deepseek-v3.2"] == "deepseek-v3.2")
    #expect(t.texts("model", by: "model_slug")["stealth/ox-alpha"] == "ox-alpha")
    // The lookup matches on the derived `vendor` column.
    #expect(t.texts("origin", by: "model_slug") == Self.origins)
    #expect(!diagnostics.hasErrors, "\(diagnostics)")
  }

  @Test func lookupOfALookup() throws {
    let (datasets, diagnostics) = try load(
      """
        usage:
          file: data/usage.csv
          time: week
          value: total_tokens
          columns:
            origin: { lookup: authors, key: [model_slug, author], value: country, default: Unknown }
            region: { lookup: regions, key: [origin], value: region, default: Other }
      \(Self.authors)
        regions:
          file: data/regions.csv
          key: country
      """)
    #expect(!diagnostics.hasErrors, "\(diagnostics)")
    #expect(
      datasets["usage"]?.table.texts("region", by: "model_slug")
        == Self.origins.mapValues { ["CN": "China", "US": "US"][$0 ?? ""] ?? "Other" })
    // The second lookup warns about the one origin it cannot map, with its total:
    // Unknown = 200 + 1.5e12 + 300 + 0.
    #expect(diagnostics.warnings.last?.message.hasSuffix("'regions': Unknown (1.50T total_tokens)") == true)
  }

  @Test func lookupErrorsAreReportedWithSuggestions() throws {
    let (_, diagnostics) = try load(
      """
        usage:
          file: data/usage.csv
          time: week
          columns:
            origin: { lookup: autors, key: author, value: country }
            kind: { lookup: nokey, key: author, value: country }
            place: { lookup: authors, key: [model_slg], value: country }
            land: { lookup: authors, key: author, value: contry }
      \(Self.authors)
        nokey:
          file: data/authors.csv
      """)
    let messages = diagnostics.errors.map { "\($0.message) | \($0.hint ?? "")" }
    #expect(
      messages.contains(
        "lookup of column 'origin' names dataset 'autors', which is not declared | did you mean 'authors'?"))
    #expect(
      messages.contains {
        $0.hasPrefix("dataset 'nokey' is used for a lookup but has no 'key:'")
      })
    #expect(
      messages.contains(
        "lookup of column 'place' matches on 'model_slg', which dataset 'usage' does not have | did you mean 'model_slug'?"
      ))
    #expect(messages.contains("lookup dataset 'authors' has no column 'contry' | did you mean 'country'?"))
  }

  @Test func emptyLookupKeyListIsRejected() throws {
    let lookupProblems = try TestData.problems(
      "file: data/w.csv\ncolumns:\n  origin: { lookup: authors, key: [], value: origin }", as: "dataset")
    #expect(
      lookupProblems.sorted.map(\.message).contains { $0.contains("'key'") && $0.contains("empty list") })
  }

  @Test func timeValueAndKeyColumnsAreChecked() throws {
    let (_, diagnostics) = try load(
      """
        a:
          file: data/usage.csv
          time: model_slug
          value: author
        b:
          file: data/usage.csv
          time: wek
          value: total_tokns
          key: autor
      """)
    let messages = diagnostics.errors.map { "\($0.message) | \($0.hint ?? "")" }
    #expect(
      messages.contains {
        $0.hasPrefix("time column 'model_slug' of dataset 'a' holds text values, not dates")
      })
    #expect(
      messages.contains {
        $0.hasPrefix("value column 'author' of dataset 'a' holds text, not numbers")
      })
    #expect(messages.contains("dataset 'b' has no column 'wek' | did you mean 'week'?"))
    #expect(messages.contains("dataset 'b' has no column 'total_tokns' | did you mean 'total_tokens'?"))
    #expect(messages.contains("dataset 'b' has no column 'autor' | did you mean 'author'?"))
    // Each error points into gen.yml, at the key's value.
    #expect(diagnostics.errors.allSatisfy { $0.location?.path == "gen.yml" && ($0.location?.line ?? 0) > 0 })
  }

  @Test func aFewBadCellsInTheTimeOrValueColumnAreNamedWhereTheyAre() throws {
    let root = try TestData.folder([
      "v.csv": "week,browser,visits\n2026-01-05,Firefox,310\n2026-01-05,Chrome,many\n2026-02-30,Safari,170\n",
      "empty.csv": "week,visits\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (datasets, problems) = try TestData.load(
      """
      datasets:
        v: { file: v.csv, time: week, value: visits }
        empty: { file: empty.csv, time: week, value: visits }
      """, root: root)
    #expect(
      problems.sorted.map(\.description) == [
        "gen.yml:3:18: error: dataset 'empty' has no rows (empty.csv holds no data)",
        "v.csv:3:19: error: 'many' in column 'visits' is not a number (fix the value, leave the cell empty for a missing value, or change the column's type in gen.yml)",
        "v.csv:4:1: error: '2026-02-30' in column 'week' is not a date (YYYY-MM-DD) (fix the value, leave the cell empty for a missing value, or change the column's type in gen.yml)",
      ])
    // Datasets with errors are left out, so what uses them is not reported a second time.
    #expect(datasets.isEmpty)
  }

  @Test func tsvAndJSONByExtension() throws {
    let (datasets, diagnostics) = try load(
      """
        tsv:
          file: data/usage.tsv
          time: day
          value: tokens
        daily:
          file: data/daily.json
          keys: [date, model_permaslug]
          time: date
          value: total_tokens
          columns:
            author: { from: model_permaslug, before: "/" }
      """)
    #expect(!diagnostics.hasErrors, "\(diagnostics)")
    #expect(datasets["tsv"]?.table.column("model")?.texts == ["qwen, max", "kimi"])
    #expect(datasets["tsv"]?.table.column("tokens")?.ints == [5, 7])
    let daily = try #require(datasets["daily"])
    #expect(daily.table.column("total_tokens")?.ints == [600, 400, 300, 700])
    // `other` has no "/": the whole value is kept.
    #expect(daily.table.column("author")?.texts == ["deepseek", "other", "anthropic", "other"])
    #expect(daily.coverage?.granularity == .days(1))
  }

  @Test func everyBrokenDatasetIsReportedInOneRun() throws {
    let (datasets, diagnostics) = try load(
      """
        ragged:
          file: data/ragged.csv
        gone:
          file: data/missing.csv
        fine:
          file: data/regions.csv
          key: country
      """)
    #expect(datasets.keys.sorted() == ["fine"])
    let lines = diagnostics.errors.map(\.description)
    #expect(
      lines.contains(
        "data/ragged.csv:3:1: error: row has 1 field but the header has 2 (quote values that contain the delimiter, or fix the row)"
      ))
    // A file that cannot be read is reported at its 'file:' line in gen.yml.
    #expect(
      lines.contains {
        $0.hasPrefix("gen.yml:") && $0.contains("error: cannot read dataset file:")
          && $0.contains("(data/missing.csv)")
      })
  }

  @Test func aMissingDatasetFileIsAnErrorOfItsFileLine() throws {
    let site = try TestSite(
      "-- gen.yml --\ntitle: T\ndatasets:\n  v: { file: content/data/nope.csv }\n-- content/index.md --\nHi.")
    defer { site.remove() }
    let errors = site.errors()
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.hasPrefix("gen.yml:3:14: error: cannot read dataset file") == true, "\(errors)")
    #expect(errors.first?.contains("(content/data/nope.csv)") == true)
  }

  @Test func declaredTypeForAMissingColumnPointsAtTheConfig() throws {
    let (_, diagnostics) = try load(
      """
        usage:
          file: data/usage.csv
          columns:
            total_tokns: integer
      """)
    let error = try #require(diagnostics.errors.first)
    #expect(error.message == "dataset 'usage' has no column 'total_tokns' to give a type")
    #expect(error.hint == "did you mean 'total_tokens'?")
    #expect(error.location?.description == "gen.yml:5:7")
    let (_, json) = try load(
      """
        daily:
          file: data/daily.json
          keys: [date, model_permaslug]
          columns:
            total_tokns: integer
      """)
    #expect(
      json.errors.map(\.description) == [
        "gen.yml:6:7: error: dataset 'daily' has no column 'total_tokns' to give a type (did you mean 'total_tokens'?)"
      ])
  }
}
