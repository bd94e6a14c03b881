import GenCore
import GenData

/// The plotted numbers as a table under the chart: a row per period (or per bar), a
/// column per series.
public struct DataTable: Sendable {
  /// A column heading; numeric columns are aligned for numbers.
  public struct Column: Sendable {
    public var name: String
    public var numeric: Bool
  }

  /// A row: its heading and its formatted values.
  public struct Row: Sendable {
    public var name: String
    public var cells: [String]
  }

  /// The facet the table belongs to, for small multiples.
  public var facetTitle: String?
  /// What the table is, for assistive technology.
  public var label: String
  public var columns: [Column]
  public var rows: [Row]
  /// Rows left out of the middle of a long table (the CSV holds them all).
  public var omitted = 0

  /// The most rows a table under a chart shows: the first and last halves of a longer one.
  public static let rowLimit = 1_000

  /// The note for rows left out, when there are any.
  public var omittedNote: String? {
    omitted == 0
      ? nil
      : "\(NumberText.grouped(String(omitted))) rows in the middle are not shown here; the data (CSV) holds every row."
  }

  /// The tables of a chart: one, or one per facet.
  static func tables(_ m: ChartModel) -> [DataTable] {
    if !m.facets.isEmpty {
      return m.facets.flatMap { facet in
        tables(facet.model).map { table in
          var titled = table
          titled.facetTitle = facet.title
          return titled
        }
      }
    }
    let label = "Data: " + (m.spec.title ?? m.series.map(\.name).joined(separator: ", "))
    if m.spec.type == .bar {
      return [
        DataTable(
          label: label,
          columns: [
            Column(name: m.spec.query.by ?? "Group", numeric: false),
            Column(name: m.labels.first ?? "Value", numeric: true),
          ],
          rows: m.series.map { Row(name: $0.name, cells: [m.formatted($0.values[0])]) })
      ]
    }
    let period = m.unit.map { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() } ?? "Period"
    // A page stays readable: a table of a million periods shows its first and last rows
    // (and only those are formatted).
    let rows = rowIndices(m.labels.count).map { i in
      let label = m.unit.map { $0.shortLabel(m.days[i]) } ?? m.labels[i]
      return Row(
        name: label + (m.partial[i] ? " (partial)" : ""), cells: m.series.map { m.formatted($0.values[i]) })
    }
    var table = DataTable(
      label: label,
      columns: [Column(name: period, numeric: false)]
        + m.series.map { Column(name: $0.name, numeric: true) },
      rows: rows)
    table.omitted = m.labels.count - rows.count
    return [table]
  }

  /// The rows a table shows: all when they fit, else the first and last halves of the limit.
  static func rowIndices(_ count: Int) -> [Int] {
    count > rowLimit ? Array(0..<(rowLimit / 2)) + Array((count - rowLimit / 2)..<count) : Array(0..<count)
  }
}
