import GenCore
import GenYAML

/// A named metric from front matter or `gen.yml` (DESIGN §4, §7).
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
  /// Whether its declaration had errors (reported when read): it is not evaluated, and
  /// prose that quotes it is not reported again.
  public var isBroken = false

  /// The keys a metric may have.
  public static let keys = DataQuery.keys + ["agg", "format", "digits", "label"]

  /// Reads a metric declaration.
  public static func parse(name: String, node: YAMLNode) -> (MetricSpec?, Diagnostics) {
    var reader = SpecReader(node, what: "metric '\(name)'", allowed: keys)
    guard node.mapping != nil, let query = DataQuery.parse(&reader) else { return (nil, reader.diagnostics) }
    let spec = MetricSpec(
      name: name, query: query, agg: reader.choice("agg", Aggregation.self),
      format: reader.choice("format", ValueFormat.self), digits: reader.int("digits", in: 0...10),
      label: reader.string("label"), location: node.location)
    return (spec, reader.diagnostics)
  }

  /// A stand-in for a declaration too broken to read, so that prose quoting it is not
  /// reported as an unknown metric on top of the declaration's own errors.
  public static func broken(name: String, location: SourceLocation) -> MetricSpec {
    var spec = MetricSpec(
      name: name, query: DataQuery(data: "", location: location), agg: nil, format: nil, digits: nil,
      label: nil, location: location)
    spec.isBroken = true
    return spec
  }
}
