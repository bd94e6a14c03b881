/// A problem found while parsing a CSV file, at a byte offset (turned into line and
/// column once, at the end, only when there are problems).
struct CSVProblem: Sendable {
  enum Kind: Sendable {
    case ragged(expected: Int, found: Int)
    case unclosedQuote
    case textAfterQuote
    case badValue(column: Int, type: ColumnType, text: String)
  }
  var offset: Int
  var kind: Kind
}

/// Per-chunk outcome of parsing.
struct CSVChunkOutcome: Sendable {
  var rows = 0
  var problems: [CSVProblem] = []
  /// Inferred columns whose values did not fit the inferred type: the type they need.
  var widen: [Int: ColumnType] = [:]
  /// Local text dictionaries per column (only text columns).
  var dictionaries: [Int: [String]] = [:]
}
