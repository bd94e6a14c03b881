import GenCore

/// Filters compiled to lookups on dictionary codes: testing a row is one array read
/// per filter, whatever the column's type.
struct RowFilter: Sendable {
  struct Test: Sendable {
    var codes: [UInt32]
    /// Indexed by code; true keeps the row.
    var accept: [Bool]
    /// Whether a row whose value is missing is kept: only when the filter lists `missing`
    /// (as in SQL, `{ not: CN }` keeps no row without a value).
    var acceptMissing = false
  }

  var tests: [Test]

  /// A filter that keeps every row.
  static let all = RowFilter(tests: [])

  var isEmpty: Bool { tests.isEmpty }

  @inline(__always)
  func matches(_ r: Int) -> Bool {
    for t in tests {
      let c = t.codes[r]
      if c == Missing.code ? !t.acceptMissing : !t.accept[Int(c)] { return false }
    }
    return true
  }

  /// Compiles filters against a dataset, reporting unknown columns and values.
  static func compile(
    _ filters: [Filter], on dataset: Dataset, codes: inout CodeCache, diagnostics: inout Diagnostics
  ) -> RowFilter {
    var tests: [Test] = []
    for filter in filters {
      guard let (columnCodes, dictionary) = codes.codes(of: filter.column, in: dataset) else {
        dataset.reportMissingColumn(filter.column, at: filter.location, into: &diagnostics)
        continue
      }
      var accept = [Bool](repeating: filter.negate, count: dictionary.count)
      // A missing value matches only a filter that lists `missing` (or "").
      var acceptMissing = false
      let index = Dictionary(dictionary.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      for value in filter.values {
        if value == Filter.missing || value.isEmpty {
          acceptMissing = !filter.negate
        } else if let i = index[value] {
          accept[i] = !filter.negate
        } else {
          diagnostics.error(
            "no row of dataset '\(dataset.name)' has \(filter.column) = '\(value)'", at: filter.location,
            hint: dataset.spec.filters.isEmpty
              ? Suggestion.hintOrList(for: value, in: dictionary, noun: "value")
              : "the dataset keeps only the rows its 'where' in gen.yml matches; "
                + Suggestion.hintOrList(for: value, in: dictionary, noun: "value"))
        }
      }
      tests.append(Test(codes: columnCodes, accept: accept, acceptMissing: acceptMissing))
    }
    return RowFilter(tests: tests)
  }
}

/// Text codes of non-text columns, computed once per build.
struct CodeCache {
  private var cache: [String: (codes: [UInt32], dictionary: [String])] = [:]

  mutating func codes(of column: String, in dataset: Dataset) -> (codes: [UInt32], dictionary: [String])? {
    guard let c = dataset.table.column(column) else { return nil }
    if case .text(let codes, let dictionary) = c.storage { return (codes, dictionary) }
    let key = dataset.name + "\u{0}" + column
    if let hit = cache[key] { return hit }
    let built = Dataset.textCodes(of: c)
    cache[key] = built
    return built
  }

  /// Adds the entries another copy built, so that parallel queries keep each other's work.
  mutating func merge(_ other: CodeCache) {
    cache.merge(other.cache) { mine, _ in mine }
  }
}
