/// What a `table` block shows, cell by cell: GenCharts lays the table out, and the
/// theme's `partials/table.mustache` writes its HTML (a site can override it).
public struct TableLayout: Sendable {
  /// A column heading; `hidden` is read out but not shown, `small` is shown small after it.
  public struct Heading: Sendable {
    public var text: String
    public var numeric = false
    public var hidden: String?
    public var small: String?
  }

  /// One cell: a row heading (with a link to the group's page, when it has one), a value
  /// (optionally with its exact number), or a sparkline's `<svg>`.
  public struct Cell: Sendable {
    public var text = ""
    public var header = false
    public var numeric = false
    public var link: String?
    public var exact: String?
    public var svg: String?
  }

  /// `group-table` or `metric-table`.
  public var kind: String
  /// What the table is, for assistive technology.
  public var label: String
  public var caption: String?
  public var headings: [Heading]
  public var rows: [[Cell]]
  /// The note under the table (partial periods left out, the source).
  public var note: String?
}
