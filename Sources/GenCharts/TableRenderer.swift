import GenCore
import GenData

/// Lays out group tables and metric tables.
public enum TableRenderer {
  /// A group table: one row per group of `by`, largest first.
  ///
  /// - Parameters:
  ///   - palette: the colour of a group's sparkline.
  ///   - link: the URL of a page for a group value, when the site has one.
  public static func groupTable(
    _ spec: TableSpec, data: TableData, palette: (String) -> SeriesColor, link: (String) -> String?
  ) -> TableLayout {
    let query = spec.query ?? DataQuery(data: "", location: spec.location)
    let groups = data.groups
    let complete = groups.periods.indices.filter { !groups.partial[$0] }
    let span = complete.first.flatMap { a in
      complete.last.map {
        "\(groups.grid.shortLabel(groups.periods[a])) → \(groups.grid.shortLabel(groups.periods[$0]))"
      }
    }
    let headings = spec.columns.indices.map { k -> TableLayout.Heading in
      var heading = heading(spec.columns[k], query: query, groups: groups, span: span)
      if let title = spec.options(k).title { heading.text = title }
      return heading
    }
    var rank = 0
    let rows = groups.groups.indices.map { g -> [TableLayout.Cell] in
      if !groups.isOther[g] { rank += 1 }
      return spec.columns.indices.map { k in
        cell(
          spec.columns[k], k, options: spec.options(k), group: g, rank: rank, data: data, query: query,
          complete: complete, palette, link)
      }
    }
    var notes: [String] = []
    if spec.columns.contains(where: { [.sum, .share].contains($0) }), !groups.excludedPartial.isEmpty {
      notes.append(
        "Totals and shares leave out periods the data covers only partly: \(EnglishList.joined(groups.excludedPartial, limit: EnglishList.noteLimit))."
      )
    }
    if let source = spec.source { notes.append("Source: \(source)") }
    return TableLayout(
      kind: "group-table", label: spec.title ?? "Table by \(query.by ?? "group")", caption: spec.title,
      headings: headings, rows: rows, note: notes.isEmpty ? nil : notes.joined(separator: " "))
  }

  /// A column's own heading.
  static func heading(_ column: TableSpec.ColumnKind, query: DataQuery, groups: GroupSeries, span: String?)
    -> TableLayout.Heading
  {
    switch column {
    case .rank: return .init(text: "Rank", numeric: true)
    case .group: return .init(text: Headings.title(query.by ?? "Group"))
    case .sum: return .init(text: Headings.title(groups.measureName), numeric: true)
    case .share: return .init(text: "Share", numeric: true)
    case .change: return .init(text: "Change", numeric: true, hidden: " in share", small: span ?? "")
    case .sparkline: return .init(text: "Share by \(query.per?.rawValue ?? "period")")
    case .extreme(let name, let lowest, let title, _):
      return .init(
        text: title ?? (lowest ? "Lowest " : "Highest ") + Headings.title(name).lowercased(), numeric: true)
    }
  }

  /// One cell of a group table.
  static func cell(
    _ column: TableSpec.ColumnKind, _ k: Int, options: TableSpec.ColumnOptions, group g: Int, rank: Int,
    data: TableData, query: DataQuery, complete: [Int], _ palette: (String) -> SeriesColor,
    _ link: (String) -> String?
  ) -> TableLayout.Cell {
    /// A number in the column's format, or `format` by default.
    func number(_ value: Double?, _ format: ValueFormat) -> String {
      Formatter.format(value, as: options.format ?? format, digits: options.digits)
    }
    let groups = data.groups
    let name = groups.groups[g]
    let isOther = groups.isOther[g]
    switch column {
    case .extreme:
      return .init(
        text: number(isOther ? nil : data.extremes[k]?[name], .number), numeric: true)
    case .rank: return .init(text: isOther ? "" : String(rank), numeric: true)
    case .group: return .init(text: name, header: true, link: isOther ? nil : link(name))
    case .sum: return .init(text: number(groups.totals[g], .si), numeric: true)
    case .share:
      let share = groups.universeTotal > 0 ? groups.totals[g] / groups.universeTotal : nil
      return .init(text: number(share, .percent), numeric: true)
    case .change:
      var change: Double?
      if let a = complete.first, let b = complete.last, a != b, let x = groups.shares[g][a],
        let y = groups.shares[g][b]
      {
        change = y - x
      }
      return .init(text: number(change, .pp), numeric: true)
    case .sparkline:
      let label = "\(name): share by \(query.per?.rawValue ?? "period")"
      return .init(
        svg: Sparkline.svg(
          groups.shares[g], partial: groups.partial, color: palette(name), label: label, low: 0))
    }
  }

  /// A table of metrics: name (or label), value and basis.
  public static func metricTable(_ rows: [(name: String, value: MetricValue)], title: String?) -> TableLayout
  {
    TableLayout(
      kind: "metric-table", label: title ?? "Metrics", caption: title,
      headings: [.init(text: "Metric"), .init(text: "Value", numeric: true), .init(text: "Basis")],
      rows: rows.map { name, value in
        [
          .init(text: value.label ?? name, header: true),
          .init(text: value.formatted, numeric: true, exact: NumberText.plain(value.value)),
          .init(text: value.basis.summary),
        ]
      }, note: nil)
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
