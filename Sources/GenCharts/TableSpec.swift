import GenCore
import GenData
import GenYAML

/// A `table` block: a ranked table of groups (rank, group, sum, share, change,
/// sparkline), or a list of metrics with their values and basis.
public struct TableSpec: Sendable {
  /// Columns a group table can show.
  public enum ColumnKind: Sendable, Hashable {
    case rank, group, sum, share, change, sparkline
    /// The lowest or highest value of a numeric column per group (`min: rank_in_week`),
    /// with an optional heading, and where it is written.
    case extreme(column: String, lowest: Bool, title: String?, location: SourceLocation)
  }

  /// The data (for group tables).
  public var query: DataQuery?
  /// Metric names (for metric tables).
  public var metrics: [String]
  /// Where each metric name is written.
  public var metricLocations: [SourceLocation]
  /// Columns in order.
  public var columns: [ColumnKind]
  /// Each column's heading and number format, when the author sets them.
  public var columnOptions: [ColumnOptions] = []

  /// `{ column: sum, title: Flights, format: number, digits: 0 }`: how one column is shown.
  public struct ColumnOptions: Sendable, Hashable {
    /// The heading, instead of the column's own.
    public var title: String?
    /// The number format, instead of the column's own.
    public var format: ValueFormat?
    /// Decimals shown.
    public var digits: Int?

    /// Options as written; none by default.
    public init(title: String? = nil, format: ValueFormat? = nil, digits: Int? = nil) {
      self.title = title
      self.format = format
      self.digits = digits
    }
  }
  /// Caption.
  public var title: String?
  /// Source line under the table.
  public var source: String?
  /// Where the spec starts.
  public var location: SourceLocation

  /// The options of column `k` (none set: the column's own heading and format).
  public func options(_ k: Int) -> ColumnOptions {
    k < columnOptions.count ? columnOptions[k] : ColumnOptions()
  }

  /// Keys a table block may have.
  public static let keys = DataQuery.keys + ["columns", "metrics", "title", "source"]

  /// Reads a table block; nil after reporting its errors.
  public static func parse(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> TableSpec? {
    var reader = SpecReader(node, what: "table", allowed: keys)
    defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
    guard node.mapping != nil else { return nil }
    var spec = TableSpec(
      query: nil, metrics: [], metricLocations: [], columns: [], title: reader.string("title"),
      source: reader.string("source"), location: node.location)
    if let metrics = node["metrics"] {
      guard let items = metrics.sequence, items.allSatisfy({ $0.scalar != nil }) else {
        reader.diagnostics.error("'metrics' must be a list of metric names", at: metrics.location)
        return nil
      }
      spec.metrics = items.compactMap(\.scalar)
      spec.metricLocations = items.map(\.location)
      for key in DataQuery.keys where node[key] != nil {
        reader.diagnostics.error(
          "a table of 'metrics' takes no '\(key)': each metric has its own data", at: reader.location(key))
      }
      return reader.diagnostics.hasErrors ? nil : spec
    }
    guard let query = DataQuery.parse(&reader) else { return nil }
    spec.query = query
    spec.parseColumns(node["columns"], by: query.by ?? "group", &reader)
    if query.by == nil {
      reader.diagnostics.error(
        "a group table needs 'by': the column whose values are the rows", at: node.location,
        hint: "add e.g. 'by: author', or list metrics with 'metrics: [a, b]'")
    }
    if spec.columns.contains(.change) || spec.columns.contains(.sparkline), query.per == nil {
      reader.diagnostics.error(
        "'change' and 'sparkline' columns need 'per': the periods they run over",
        at: reader.location("columns"),
        hint: "add e.g. 'per: week'")
    }
    return reader.diagnostics.hasErrors ? nil : spec
  }

  /// `columns:`: each item a name (`sum`), `min:COLUMN`, or a mapping with its heading and
  /// format (`{ column: sum, title: Flights, format: number }`, `{ min: rank, title: Best }`).
  mutating func parseColumns(_ node: YAMLNode?, by: String, _ reader: inout SpecReader) {
    var items: [YAMLNode] = []
    var optionsByItem: [Int: ColumnOptions] = [:]
    if let node {
      items = node.sequence ?? [node]
    }
    var names: [String?] = items.isEmpty ? ["rank", by, "sum", "share"] : items.map(\.scalar)
    for (k, item) in items.enumerated() where item.mapping != nil {
      var sub = SpecReader(
        item, what: "table column", allowed: ["column", "min", "max", "title", "format", "digits"])
      if item["column"] != nil { names[k] = sub.string("column", required: true) }
      var options = ColumnOptions(title: sub.string("title"), digits: sub.int("digits", in: 0...6))
      if item["format"] != nil { options.format = sub.choice("format", ValueFormat.self) }
      reader.diagnostics.append(contentsOf: sub.diagnostics.all)
      optionsByItem[k] = options
    }
    for (k, name) in names.enumerated() {
      // Each item adds at most one column: its options go with it.
      defer {
        while columnOptions.count < columns.count {
          columnOptions.append(optionsByItem[k] ?? ColumnOptions())
        }
      }
      // `min: COLUMN` (a mapping, with an optional `title`) or `min:COLUMN`; the default
      // columns (no items) are names, even a `by:` column called `min:x`.
      if k < items.count, name == nil || name!.hasPrefix("min:") || name!.hasPrefix("max:") {
        let item = items[k]
        let pair = item.mapping?.first { $0.key.scalar == "min" || $0.key.scalar == "max" }
        let word = name.map { String($0.prefix(3)) } ?? pair?.key.scalar
        let column = name.map { String($0.dropFirst(4)).trimmingCharacters(in: " ") } ?? pair?.value.scalar
        guard let word, let column, !column.isEmpty else {
          reader.diagnostics.error(
            "a table column is a name such as 'sum', '{ column: sum, title: TEXT, format: number }' or '{ min: COLUMN, title: TEXT }'",
            at: item.location)
          continue
        }
        columns.append(
          .extreme(
            column: column, lowest: word == "min", title: item["title"]?.scalar, location: item.location))
        continue
      }
      guard let name else { continue }  // no `by:` to show as the default column
      switch name {
      case "rank": columns.append(.rank)
      case "sum": columns.append(.sum)
      case "share": columns.append(.share)
      case "change": columns.append(.change)
      case "sparkline": columns.append(.sparkline)
      case by, "group": columns.append(.group)
      default:
        reader.diagnostics.error(
          "unknown table column '\(name)'", at: reader.location("columns"),
          hint: Suggestion.hintOrList(
            for: name, in: ["rank", by, "sum", "share", "change", "sparkline", "min:COLUMN", "max:COLUMN"],
            noun: "column"))
      }
    }
  }
}
