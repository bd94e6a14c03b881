import GenCore

extension DerivedColumns {
  /// `{ date: [year, month, day] }`: a date from the columns of its parts, whole numbers
  /// (`2013`, `1`, `01`); without a day column, the first of the month. A row with a part
  /// missing has no date; parts that make no date (month 13) are errors, listed once.
  static func addDate(
    _ column: DatasetSpec.DerivedColumn, parts partNames: [String], to table: inout Table, spec: DatasetSpec,
    names: [String], _ diagnostics: inout Diagnostics
  ) {
    // Whole-number parts are read straight from their column; text parts once per
    // distinct value.
    var parts: [(Int) -> Int??] = []
    for part in partNames {
      guard let c = table.column(part) else {
        return reportMissing(part, of: column, spec: spec, names: names, &diagnostics)
      }
      if case .integer(let values) = c.storage {
        parts.append { values[$0] == Missing.integer ? Int??.none : .some(Int(exactly: values[$0])) }
      } else {
        let (codes, dictionary) = Dataset.textCodes(of: c)
        let numbers = dictionary.map { Int($0) }
        // nil: missing; .some(nil): not a whole number.
        parts.append { codes[$0] == Missing.code ? Int??.none : .some(numbers[Int(codes[$0])]) }
      }
    }
    var days = [Int32](repeating: Missing.date, count: table.rowCount)
    var bad: [String] = []
    rows: for i in 0..<table.rowCount {
      var values = (0, 0, 1)
      for (k, part) in parts.enumerated() {
        guard let read = part(i) else { continue rows }  // a part missing: no date
        guard let value = read else {
          if bad.count < 10 {
            bad.append(partNames.map { table.column($0)?.string(at: i) ?? "" }.joined(separator: "-"))
          }
          continue rows
        }
        if k == 0 { values.0 = value } else if k == 1 { values.1 = value } else { values.2 = value }
      }
      guard let date = Day(year: values.0, month: values.1, day: values.2) else {
        let text = partNames.map { table.column($0)?.string(at: i) ?? "" }.joined(separator: "-")
        if bad.count < 10, !bad.contains(text) { bad.append(text) }
        continue
      }
      days[i] = date.index
    }
    if !bad.isEmpty {
      diagnostics.error(
        "derived column '\(column.name)' of dataset '\(spec.name)': \(bad.map { "'\($0)'" }.joined(separator: ", ")) \(bad.count == 1 ? "is not a date" : "are not dates")",
        at: column.location,
        hint: "the parts \(partNames.joined(separator: ", ")) must be whole numbers making a real date")
      return
    }
    table.setColumn(Column(name: column.name, storage: .date(days)))
  }

  /// `{ expr: "dep_delay - arr_delay" }`: the expression per row, on its columns' numbers
  /// (a text column's values read as numbers); whole numbers when every result is one.
  static func addExpression(
    _ column: DatasetSpec.DerivedColumn, _ expression: ColumnExpression, text: String, to table: inout Table,
    spec: DatasetSpec, names: [String], _ diagnostics: inout Diagnostics
  ) {
    var inputs: [String: Column] = [:]
    for name in expression.columns {
      guard let c = table.column(name) else {
        return reportMissing(name, of: column, in: text, spec: spec, names: names, &diagnostics)
      }
      inputs[name] = c
    }
    let values = (0..<table.rowCount).map { i in
      expression.evaluate { name in
        inputs[name].flatMap { $0.number(at: i) ?? $0.string(at: i).flatMap(Double.init) }
      }
    }
    let whole = values.allSatisfy { $0.map { $0 == $0.rounded() && abs($0) < 9e15 } ?? true }
    table.setColumn(
      Column(
        name: column.name,
        storage: whole
          ? .integer(values.map { $0.map { Int64($0) } ?? Missing.integer })
          : .decimal(values.map { $0.map { $0.isFinite ? $0 : .nan } ?? .nan })))
  }

  /// A derived column reads a column its dataset does not have.
  static func reportMissing(
    _ name: String, of column: DatasetSpec.DerivedColumn, in text: String? = nil, spec: DatasetSpec,
    names: [String], _ diagnostics: inout Diagnostics
  ) {
    diagnostics.error(
      "derived column '\(column.name)' reads column '\(name)'\(text.map { " in '\($0)'" } ?? ""), "
        + "which dataset '\(spec.name)' does not have",
      at: column.location, hint: Suggestion.hintOrList(for: name, in: names, noun: "column"))
  }
}
