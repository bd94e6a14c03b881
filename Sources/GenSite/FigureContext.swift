// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Field names are the templates' own (snake_case, as Mustache templates write them).

import GenCharts
import GenTemplates
import Mustache

/// What `partials/figure.mustache` sees for one chart: the drawn chart, its caption,
/// notes, source, download links and data tables. Field names are the template's
/// (docs/templates.md lists them).
struct FigureContext {
  struct Facet {
    var title: String
    var svg: String
  }

  struct Column {
    var name: String
    var numeric: Bool
  }

  struct Row {
    var name: String
    var cells: [String]
  }

  struct Table {
    var facet_title: String?
    var label: String
    var columns: [Column]
    var rows: [Row]
    var omitted_note: String?
  }

  var id: String
  var type: String
  var has_caption: Bool
  var title: String?
  var subtitle: String?
  var wide: String?
  var narrow: String?
  var has_facets: Bool
  var facets_label: String
  var facets: [Facet]
  var notes: String?
  var source: String?
  var svg_url: String
  var csv_url: String
  var tables: [Table]

  init(_ drawing: ChartDrawing, svgURL: String, csvURL: String) {
    id = drawing.id
    type = drawing.type.rawValue
    has_caption = drawing.title != nil || drawing.subtitle != nil
    title = drawing.title
    subtitle = drawing.subtitle
    wide = drawing.wide
    narrow = drawing.narrow
    has_facets = !drawing.facets.isEmpty
    facets_label = drawing.title ?? "Small multiples"
    facets = drawing.facets.map { Facet(title: $0.title, svg: $0.svg) }
    notes = drawing.notes
    source = drawing.source
    svg_url = svgURL
    csv_url = csvURL
    tables = drawing.dataTables.map { table in
      Table(
        facet_title: table.facetTitle, label: table.label,
        columns: table.columns.map { Column(name: $0.name, numeric: $0.numeric) },
        rows: table.rows.map { Row(name: $0.name, cells: $0.cells) }, omitted_note: table.omittedNote)
    }
  }
}

extension FigureContext: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": return id
    case "type": return type
    case "has_caption": return has_caption
    case "title": return TemplateField(title)
    case "subtitle": return TemplateField(subtitle)
    case "wide": return TemplateField(wide)
    case "narrow": return TemplateField(narrow)
    case "has_facets": return has_facets
    case "facets_label": return facets_label
    case "facets": return facets
    case "notes": return TemplateField(notes)
    case "source": return TemplateField(source)
    case "svg_url": return svg_url
    case "csv_url": return csv_url
    case "tables": return tables
    default: return nil
    }
  }
}

extension FigureContext.Facet: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": return title
    case "svg": return svg
    default: return nil
    }
  }
}

extension FigureContext.Column: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "name": return self.name
    case "numeric": return numeric
    default: return nil
    }
  }
}

extension FigureContext.Row: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "name": return self.name
    case "cells": return cells
    default: return nil
    }
  }
}

extension FigureContext.Table: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "facet_title": return TemplateField(facet_title)
    case "label": return label
    case "columns": return columns
    case "rows": return rows
    case "omitted_note": return TemplateField(omitted_note)
    default: return nil
    }
  }
}
