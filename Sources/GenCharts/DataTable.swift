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
    let rows = m.labels.indices.map { i in
      let label = m.unit.map { $0.shortLabel(m.days[i]) } ?? m.labels[i]
      return Row(
        name: label + (m.partial[i] ? " (partial)" : ""), cells: m.series.map { m.formatted($0.values[i]) })
    }
    return [
      DataTable(
        label: label,
        columns: [Column(name: period, numeric: false)]
          + m.series.map { Column(name: $0.name, numeric: true) },
        rows: rows)
    ]
  }
}
