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
  /// Caption.
  public var title: String?
  /// Source line under the table.
  public var source: String?
  /// Where the spec starts.
  public var location: SourceLocation

  /// Keys a table block may have.
  public static let keys = DataQuery.keys + ["columns", "metrics", "title", "source"]

  /// Reads a table block.
  public static func parse(_ node: YAMLNode) -> (TableSpec?, Diagnostics) {
    var reader = SpecReader(node, what: "table", allowed: keys)
    guard node.mapping != nil else { return (nil, reader.diagnostics) }
    var spec = TableSpec(
      query: nil, metrics: [], metricLocations: [], columns: [], title: reader.string("title"),
      source: reader.string("source"), location: node.location)
    if let metrics = node["metrics"] {
      guard let items = metrics.sequence, items.allSatisfy({ $0.scalar != nil }) else {
        reader.diagnostics.error("'metrics' must be a list of metric names", at: metrics.location)
        return (nil, reader.diagnostics)
      }
      spec.metrics = items.compactMap(\.scalar)
      spec.metricLocations = items.map(\.location)
      for key in DataQuery.keys where node[key] != nil {
        reader.diagnostics.error(
          "a table of 'metrics' takes no '\(key)': each metric has its own data", at: reader.location(key))
      }
      return (spec, reader.diagnostics)
    }
    guard let query = DataQuery.parse(&reader) else { return (nil, reader.diagnostics) }
    spec.query = query
    let by = query.by ?? "group"
    var items: [YAMLNode] = []
    if let columns = node["columns"] {
      items = columns.sequence ?? [columns]
    }
    let names: [String?] = items.isEmpty ? ["rank", by, "sum", "share"] : items.map(\.scalar)
    for (k, name) in names.enumerated() {
      if name == nil || name!.hasPrefix("min:") || name!.hasPrefix("max:") {
        // `min: COLUMN` (a mapping, with an optional `title`) or `min:COLUMN`.
        let item = items[k]
        let pair = item.mapping?.first { $0.key.scalar == "min" || $0.key.scalar == "max" }
        let word = name.map { String($0.prefix(3)) } ?? pair?.key.scalar
        let column = name.map { String($0.dropFirst(4)).trimmingCharacters(in: " ") } ?? pair?.value.scalar
        guard let word, let column, !column.isEmpty else {
          reader.diagnostics.error(
            "a table column is a name such as 'sum', or '{ min: COLUMN, title: TEXT }'", at: item.location)
          continue
        }
        spec.columns.append(
          .extreme(
            column: column, lowest: word == "min", title: item["title"]?.scalar, location: item.location))
        continue
      }
      switch name! {
      case "rank": spec.columns.append(.rank)
      case "sum": spec.columns.append(.sum)
      case "share": spec.columns.append(.share)
      case "change": spec.columns.append(.change)
      case "sparkline": spec.columns.append(.sparkline)
      case by, "group": spec.columns.append(.group)
      default:
        reader.diagnostics.error(
          "unknown table column '\(name!)'", at: reader.location("columns"),
          hint: Suggestion.hintOrList(
            for: name!, in: ["rank", by, "sum", "share", "change", "sparkline", "min:COLUMN", "max:COLUMN"],
            noun: "column"))
      }
    }
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
    return (reader.diagnostics.hasErrors ? nil : spec, reader.diagnostics)
  }
}

/// Renders group tables.
public enum TableRenderer {
  /// A group table: one row per group of `by`, largest first.
  ///
  /// - Parameter link: the URL of a page for a group value, when the site has one.
  public static func groupTable(
    _ spec: TableSpec, engine: QueryEngine, palette: (String) -> Int, link: (String) -> String?
  ) -> Result<String, Diagnostics> {
    guard let query = spec.query else { return .failure(Diagnostics()) }
    let groups: GroupSeries
    switch engine.groupSeries(query, top: query.top ?? 10, fillRemainder: false) {
    case .success(let g): groups = g
    case .failure(let d): return .failure(d)
    }
    let usesShares = spec.columns.contains { [.share, .change, .sparkline].contains($0) }
    if usesShares, let problem = groups.impossibleShare {
      return .failure(
        Diagnostics([
          .error(
            "table: " + problem, at: spec.location,
            hint: "shares need values of 0 or more and a universe that holds the groups; use only 'sum'")
        ]))
    }
    var extremes: [Int: [String: Double]] = [:]
    var columnProblems = Diagnostics()
    for (k, column) in spec.columns.enumerated() {
      guard case .extreme(let name, let lowest, _, let location) = column else { continue }
      switch engine.extremes(of: name, query, lowest: lowest, location: location) {
      case .success(let values): extremes[k] = values
      case .failure(let d): columnProblems.append(contentsOf: d.all)
      }
    }
    if columnProblems.hasErrors { return .failure(columnProblems) }
    let complete = groups.periods.indices.filter { !groups.partial[$0] }
    let firstIndex = complete.first
    let lastIndex = complete.last
    var html =
      TableWrap.open(label: spec.title ?? "Table by \(query.by ?? "group")")
      + "<table class=\"group-table\">\n"
    if let title = spec.title { html += "<caption>\(Escape.text(title))</caption>\n" }
    html += "<thead><tr>"
    for column in spec.columns {
      switch column {
      case .rank: html += "<th scope=\"col\" class=\"num\">Rank</th>"
      case .group: html += "<th scope=\"col\">\(Escape.text(Headings.title(query.by ?? "Group")))</th>"
      case .sum:
        html += "<th scope=\"col\" class=\"num\">\(Escape.text(Headings.title(groups.measureName)))</th>"
      case .share: html += "<th scope=\"col\" class=\"num\">Share</th>"
      case .change:
        let span =
          firstIndex.flatMap { a in
            lastIndex.map {
              "\(groups.grid.shortLabel(groups.periods[a])) → \(groups.grid.shortLabel(groups.periods[$0]))"
            }
          } ?? ""
        html +=
          "<th scope=\"col\" class=\"num\">Change<span class=\"visually-hidden\"> in share</span> <small>\(Escape.text(span))</small></th>"
      case .sparkline: html += "<th scope=\"col\">Share by \(query.per?.rawValue ?? "period")</th>"
      case .extreme(let name, let lowest, let title, _):
        let heading = title ?? (lowest ? "Lowest " : "Highest ") + Headings.title(name).lowercased()
        html += "<th scope=\"col\" class=\"num\">\(Escape.text(heading))</th>"
      }
    }
    html += "</tr></thead>\n<tbody>\n"
    var rank = 0
    for g in groups.groups.indices {
      let name = groups.groups[g]
      let isOther = groups.isOther[g]
      if !isOther { rank += 1 }
      html += "<tr>"
      for (k, column) in spec.columns.enumerated() {
        switch column {
        case .extreme:
          let value = isOther ? nil : extremes[k]?[name]
          html += "<td class=\"num\">\(Escape.text(Formatter.format(value, as: .number)))</td>"
        case .rank: html += "<td class=\"num\">\(isOther ? "" : String(rank))</td>"
        case .group:
          if !isOther, let url = link(name) {
            html += "<th scope=\"row\"><a href=\"\(Escape.attribute(url))\">\(Escape.text(name))</a></th>"
          } else {
            html += "<th scope=\"row\">\(Escape.text(name))</th>"
          }
        case .sum: html += "<td class=\"num\">\(Escape.text(Formatter.si(groups.totals[g])))</td>"
        case .share:
          let share = groups.universeTotal > 0 ? groups.totals[g] / groups.universeTotal : nil
          html += "<td class=\"num\">\(Escape.text(Formatter.format(share, as: .percent)))</td>"
        case .change:
          var change: Double?
          if let a = firstIndex, let b = lastIndex, a != b, let x = groups.shares[g][a],
            let y = groups.shares[g][b]
          {
            change = y - x
          }
          html += "<td class=\"num\">\(Escape.text(Formatter.format(change, as: .pp)))</td>"
        case .sparkline:
          let label = "\(name): share by \(query.per?.rawValue ?? "period")"
          html +=
            "<td class=\"spark\">"
            + Sparkline.svg(
              groups.shares[g], partial: groups.partial, color: palette(name), label: label, low: 0) + "</td>"
        }
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>" + TableWrap.close
    var notes: [String] = []
    let pools = spec.columns.contains { [.sum, .share].contains($0) }
    if pools, !groups.excludedPartial.isEmpty {
      notes.append(
        "Totals and shares leave out periods the data covers only partly: \(EnglishList.joined(groups.excludedPartial))."
      )
    }
    if let source = spec.source { notes.append("Source: \(source)") }
    if !notes.isEmpty {
      html += "<p class=\"table-source\">\(Escape.text(notes.joined(separator: " ")))</p>\n"
    }
    return .success(html)
  }

  /// A table of metrics: name (or label), value, period and basis.
  public static func metricTable(_ rows: [(name: String, value: MetricValue)], title: String?) -> String {
    var html = TableWrap.open(label: title ?? "Metrics") + "<table class=\"metric-table\">\n"
    if let title { html += "<caption>\(Escape.text(title))</caption>\n" }
    html +=
      "<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Basis</th></tr></thead>\n<tbody>\n"
    for (name, value) in rows {
      html += "<tr><th scope=\"row\">\(Escape.text(value.label ?? name))</th>"
      html +=
        "<td class=\"num\"><data value=\"\(NumberText.plain(value.value))\">\(Escape.text(value.formatted))</data></td>"
      html += "<td>\(Escape.text(value.basis.summary))</td></tr>\n"
    }
    return html + "</tbody>\n</table>" + TableWrap.close
  }
}

/// Column names as table headings.
enum Headings {
  /// `total_tokens` → `Total tokens`.
  static func title(_ name: String) -> String {
    let words = name.replacingAll("_", with: " ")
    guard let first = words.first else { return name }
    return first.uppercased() + words.dropFirst()
  }
}
