import GenData

/// The SQL gen sends: built from quoted identifiers only. No value from the site (a
/// `where:` value, a lookup key) is ever written into SQL: the dataset's filters are
/// applied by gen to the rollup that comes back.
public enum PostgresSQL {
  /// `"name"`, with any `"` doubled: whatever the name holds, it stays one identifier.
  public static func quote(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The relation rows are read from: `"schema"."table"` for a table (split at the
  /// first dot), the author's query as a subquery.
  /// A string literal: single quotes doubled (standard-conforming strings, the default
  /// since PostgreSQL 9.1). For values gen has checked, such as a time zone's name.
  public static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  public static func relation(_ source: DatasetSpec.PostgresSource) -> String {
    switch source {
    case .table(let name):
      guard let dot = name.firstIndex(of: ".") else { return quote(name) }
      return quote(String(name[..<dot])) + "." + quote(String(name[name.index(after: dot)...]))
    case .query(let text):
      // A trailing semicolon would end the subquery early.
      var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
      while body.hasSuffix(";") {
        body = String(body.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
      }
      return "(\n" + body + "\n) AS gen_source"
    }
  }

  /// The columns and their types, without rows.
  public static func describe(_ relation: String) -> String {
    "SELECT * FROM \(relation) LIMIT 0"
  }

  /// The rollup: one row per day and key values, with the row count, each summed
  /// column's sum and count of values, and each extreme column's lowest and highest.
  public static func rollup(
    _ relation: String, time: String?, keys: [String], measures: [String], extremes: [String]
  ) -> String {
    var select: [String] = []
    select.append(time.map { "CAST(\(quote($0)) AS date)" } ?? "CAST(NULL AS date)")
    select += keys.map { quote($0) }
    select.append("COUNT(*)")
    for m in measures { select += ["SUM(\(quote(m)))", "COUNT(\(quote(m)))"] }
    for e in extremes {
      select += ["CAST(MIN(\(quote(e))) AS double precision)", "CAST(MAX(\(quote(e))) AS double precision)"]
    }
    let groups = (1...(keys.count + 1)).map(String.init).joined(separator: ", ")
    return "SELECT " + select.joined(separator: ", ") + "\nFROM " + relation + "\nGROUP BY " + groups
  }
}
