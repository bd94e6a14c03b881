import GenCore
import GenData

/// Renders group tables.
public enum TableRenderer {
  /// A group table: one row per group of `by`, largest first.
  ///
  /// - Parameter link: the URL of a page for a group value, when the site has one.
  public static func groupTable(
    _ spec: TableSpec, data: TableData, palette: (String) -> SeriesColor, link: (String) -> String?
  ) -> String {
    let query = spec.query ?? DataQuery(data: "", location: spec.location)
    let groups = data.groups
    let extremes = data.extremes
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
    return html
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
