import GenCore
import GenYAML

/// A named metric from front matter or `gen.yml` (docs/metrics.md).
public struct MetricSpec: Sendable {
  /// The name prose refers to.
  public var name: String
  /// The data it reads.
  public var query: DataQuery
  /// How several periods become one value.
  public var agg: Aggregation?
  /// How the value is written.
  public var format: ValueFormat?
  /// Decimals written.
  public var digits: Int?
  /// A description for `gen metrics` and tooltips.
  public var label: String?
  /// Where the metric is declared.
  public var location: SourceLocation

  /// The keys a metric has besides its data keys.
  public enum Key: String, Sendable, Hashable, CaseIterable {
    case agg, format, digits, label
  }

  /// Where the metric's own keys are written.
  public var keyLocations: [Key: SourceLocation] = [:]

  /// The keys a metric may have.
  public static let keys = DataQuery.keys + Key.allCases.map(\.rawValue)

  /// Where a key of the metric is written, or its declaration.
  public func location(of key: Key) -> SourceLocation { keyLocations[key] ?? location }

  /// Reads a metric declaration; nil after reporting its errors.
  public static func parse(name: String, node: YAMLNode, into diagnostics: inout Diagnostics) -> MetricSpec? {
    var reader = SpecReader(node, what: "metric '\(name)'", allowed: keys)
    defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
    guard node.mapping != nil, let query = DataQuery.parse(&reader) else { return nil }
    var spec = MetricSpec(
      name: name, query: query, agg: reader.choice("agg", Aggregation.self),
      format: reader.choice("format", ValueFormat.self), digits: reader.int("digits", in: 0...10),
      label: reader.string("label"), location: node.location)
    for key in Key.allCases where node[key.rawValue] != nil {
      spec.keyLocations[key] = reader.location(key.rawValue)
    }
    return reader.diagnostics.hasErrors ? nil : spec
  }
}
