import GenCore

extension DerivedColumns {
  /// `{ date: [year, month, day] }`: a date from the columns of its parts, whole numbers
  /// (`2013`, `1`, `01`); without a day column, the first of the month. A row with a part
  /// missing has no date; parts that make no date (month 13) are errors, listed once.
  static func addDate(
    _ column: DatasetSpec.DerivedColumn, parts: [String], to table: inout Table, spec: DatasetSpec,
    names: [String], _ diagnostics: inout Diagnostics
  ) {
    var columns: [Column] = []
    for part in parts {
      guard let c = table.column(part) else {
        diagnostics.error(
          "derived column '\(column.name)' reads column '\(part)', which dataset '\(spec.name)' does not have",
          at: column.location, hint: Suggestion.hintOrList(for: part, in: names, noun: "column"))
        return
      }
      columns.append(c)
    }
    var days = [Int32](repeating: Missing.date, count: table.rowCount)
    var bad: [String] = []
    for i in 0..<table.rowCount {
      let values = columns.map { $0.string(at: i).flatMap { Int($0) } }
      let texts = columns.map { $0.string(at: i) }
      guard !texts.contains(where: { $0 == nil }) else { continue }
      guard let year = values[0], let month = values[1], let day = values.count > 2 ? values[2] : 1,
        let date = Day(year: year, month: month, day: day)
      else {
        if bad.count < 10 { bad.append(texts.map { $0 ?? "" }.joined(separator: "-")) }
        continue
      }
      days[i] = date.index
    }
    if !bad.isEmpty {
      diagnostics.error(
        "derived column '\(column.name)' of dataset '\(spec.name)': \(bad.map { "'\($0)'" }.joined(separator: ", ")) \(bad.count == 1 ? "is not a date" : "are not dates")",
        at: column.location,
        hint: "the parts \(parts.joined(separator: ", ")) must be whole numbers making a real date")
      return
    }
    table.setColumn(Column(name: column.name, storage: .date(days)))
  }
}
