import GenCore
import GenData
import GenYAML

/// The kinds of chart gen draws.
public enum ChartType: String, Sendable, CaseIterable {
  /// 100%-stacked area: shares over time.
  case area
  /// Stacked columns per period.
  case column
  /// One line per group (or one line).
  case line
  /// Ranked horizontal bars with value labels.
  case bar
  /// Two periods joined per group.
  case slope
  /// A small line without axes.
  case sparkline
}

/// A dated event drawn on a time axis.
public struct Annotation: Sendable, Hashable {
  /// The day.
  public var at: Day
  /// The text.
  public var label: String
}

/// A `chart` block (docs/charts.md).
public struct ChartSpec: Sendable {
  /// The keys of a chart besides its data keys.
  public enum Key: String, Sendable, Hashable, CaseIterable {
    case type, id, highlight, annotations, facet, title, subtitle, note, source, format, digits
  }

  /// The kind of chart.
  public var type: ChartType
  /// File name of the chart's `.svg` and `.csv`; default from the title.
  public var id: String?
  /// The data.
  public var query: DataQuery
  /// Groups drawn in colour; the others are muted.
  public var highlight: [String] = []
  /// Dated events.
  public var annotations: [Annotation] = []
  /// Small multiples: one panel per value of this column.
  public var facet: String?
  /// Title, subtitle, note and source line.
  public var title: String?
  public var subtitle: String?
  public var note: String?
  public var source: String?
  /// Value format and decimals of labels and the value axis.
  public var format: ValueFormat?
  public var digits: Int?
  /// Where the spec starts.
  public var location: SourceLocation
  /// Where the chart's own keys are written.
  public var keyLocations: [Key: SourceLocation] = [:]

  /// Keys a chart block may have.
  public static let keys = DataQuery.keys + Key.allCases.map(\.rawValue)

  /// Where a key of the chart is written, or the spec's start.
  public func location(of key: Key) -> SourceLocation { keyLocations[key] ?? location }

  /// Where a data key of the chart is written, or the spec's start.
  public func location(of key: DataQuery.Key) -> SourceLocation { query.location(of: key) }

  /// Reads a chart block; nil after reporting its errors.
  public static func parse(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> ChartSpec? {
    var reader = SpecReader(node, what: "chart", allowed: keys)
    defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
    guard node.mapping != nil else { return nil }
    let type = reader.choice("type", ChartType.self)
    if node["type"] == nil {
      reader.diagnostics.error(
        "chart needs 'type'", at: node.location,
        hint: "one of: \(ChartType.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let query = DataQuery.parse(&reader)
    var annotations: [Annotation] = []
    if let list = node["annotations"] {
      if let items = list.sequence {
        for item in items {
          var sub = SpecReader(item, what: "annotation", allowed: ["at", "label"])
          let at = sub.day("at")
          let label = sub.string("label", required: true)
          if item["at"] == nil {
            sub.diagnostics.error("annotation needs 'at: YYYY-MM-DD'", at: item.location)
          }
          reader.diagnostics.append(contentsOf: sub.diagnostics.all)
          if let at, let label { annotations.append(Annotation(at: at, label: label)) }
        }
      } else {
        reader.diagnostics.error(
          "'annotations' must be a list, e.g. '- { at: 2025-01-20, label: \"R1 released\" }'",
          at: list.location)
      }
    }
    var spec = ChartSpec(
      type: type ?? .line, id: reader.string("id"),
      query: query ?? DataQuery(data: "", location: node.location),
      highlight: reader.list("highlight") ?? [], annotations: annotations, facet: reader.string("facet"),
      title: reader.string("title"), subtitle: reader.string("subtitle"), note: reader.string("note"),
      source: reader.string("source"), format: reader.choice("format", ValueFormat.self),
      digits: reader.int("digits", in: 0...6), location: node.location)
    for key in Key.allCases where node[key.rawValue] != nil {
      spec.keyLocations[key] = reader.location(key.rawValue)
    }
    if let id = spec.id, Slug.make(id) != id {
      reader.diagnostics.error(
        "chart id '\(id)' must be lowercase letters, digits and '-'", at: reader.location("id"),
        hint: "e.g. '\(Slug.make(id))'")
    }
    guard type != nil, query != nil, !reader.diagnostics.hasErrors else { return nil }
    return spec
  }
}
