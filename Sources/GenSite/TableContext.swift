import GenCharts
import GenTemplates
import Mustache

/// What `partials/table.mustache` sees for one `table` block (docs/templates.md lists
/// the fields).
struct TableContext {
  struct Heading {
    var text: String
    var numeric: Bool
    var hidden: String?
    var small: String?
  }

  struct Cell {
    var text: String
    var header: Bool
    var numeric: Bool
    var link: String?
    var exact: String?
    var svg: String?
  }

  struct Row {
    var cells: [Cell]
  }

  var kind: String
  var label: String
  var caption: String?
  var headings: [Heading]
  var rows: [Row]
  var note: String?

  init(_ table: TableLayout) {
    kind = table.kind
    label = table.label
    caption = table.caption
    headings = table.headings.map {
      Heading(text: $0.text, numeric: $0.numeric, hidden: $0.hidden, small: $0.small)
    }
    rows = table.rows.map { cells in
      Row(
        cells: cells.map {
          Cell(
            text: $0.text, header: $0.header, numeric: $0.numeric, link: $0.link, exact: $0.exact, svg: $0.svg
          )
        })
    }
    note = table.note
  }
}

extension TableContext: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "kind": return kind
    case "label": return label
    case "caption": return TemplateField(caption)
    case "headings": return headings
    case "rows": return rows
    case "note": return TemplateField(note)
    default: return nil
    }
  }
}

extension TableContext.Heading: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "text": return text
    case "numeric": return numeric
    case "hidden": return TemplateField(hidden)
    case "small": return TemplateField(small)
    default: return nil
    }
  }
}

extension TableContext.Cell: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "text": return text
    case "header": return header
    case "numeric": return numeric
    case "link": return TemplateField(link)
    case "exact": return TemplateField(exact)
    case "svg": return TemplateField(svg)
    default: return nil
    }
  }
}

extension TableContext.Row: MustacheParent {
  func child(named name: String) -> Any? { name == "cells" ? cells : nil }
}
