import GenCore

extension DatasetSpec {
  /// `time:`, `value:` or `key:` names a column the source does not have (`columns`: the
  /// source's); a one-column header that looks separated otherwise gets that hint.
  func reportNoColumn(_ column: String, key: String, columns: [String], into diagnostics: inout Diagnostics) {
    diagnostics.error(
      "dataset '\(name)' has no column '\(column)'", at: location(of: key),
      hint: (key == "key" ? nil : DatasetLoader.separatorHint(columns))
        ?? Suggestion.hintOrList(for: column, in: columns, noun: "column"))
  }

  /// The time column holds values of another type than dates.
  func reportTimeNotDates(_ column: String, holding type: ColumnType, into diagnostics: inout Diagnostics) {
    diagnostics.error(
      "time column '\(column)' of dataset '\(name)' holds \(type.rawValue) values, not dates",
      at: location(of: "time"),
      hint: "dates are written YYYY-MM-DD; or declare 'columns: { \(column): date }'")
  }

  /// The value column holds values of another type than numbers.
  public func reportValueNotNumbers(
    _ column: String, holding type: ColumnType, into diagnostics: inout Diagnostics
  ) {
    diagnostics.error(
      "value column '\(column)' of dataset '\(name)' holds \(type.rawValue), not numbers",
      at: location(of: "value"))
  }
}
