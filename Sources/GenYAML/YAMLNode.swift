import GenCore

/// A parsed YAML value with the place it was written, so that every problem in a
/// config, front matter or chart spec can be reported at its line and column.
public struct YAMLNode: Sendable, CustomStringConvertible {
  /// The shape of a node.
  public enum Value: Sendable {
    /// A scalar as written (`plain` is false when it was quoted, so `"NO"` stays text).
    case scalar(String, plain: Bool)
    /// A mapping in source order.
    case mapping([(key: YAMLNode, value: YAMLNode)])
    /// A sequence.
    case sequence([YAMLNode])
  }

  /// The value.
  public var value: Value
  /// Where the node starts.
  public var location: SourceLocation

  /// Creates a node.
  public init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }

  /// The text of a scalar, nil for mappings and sequences.
  public var scalar: String? {
    if case .scalar(let s, _) = value { return s }
    return nil
  }

  /// The text of a scalar that is not YAML null (`~`, `null`, empty).
  public var string: String? {
    guard case .scalar(let s, let plain) = value else { return nil }
    if plain && (s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL") { return nil }
    return s
  }

  /// Whether this is a plain null scalar.
  public var isNull: Bool {
    if case .scalar(let s, let plain) = value {
      return plain && (s.isEmpty || s == "~" || s.lowercased() == "null")
    }
    return false
  }

  /// The pairs of a mapping, nil otherwise.
  public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
    if case .mapping(let pairs) = value { return pairs }
    return nil
  }

  /// The items of a sequence, nil otherwise.
  public var sequence: [YAMLNode]? {
    if case .sequence(let items) = value { return items }
    return nil
  }

  /// A mapping's value for a key, nil when absent or not a mapping.
  public subscript(key: String) -> YAMLNode? {
    mapping?.first { $0.key.scalar == key }?.value
  }

  /// A YAML 1.2 core-schema boolean (`true`/`false`, also `yes`/`no`), nil otherwise.
  public var bool: Bool? {
    guard case .scalar(let s, true) = value else { return nil }
    switch s.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }

  /// An integer scalar.
  public var int: Int? { scalar.flatMap { Int($0) } }

  /// A number scalar.
  public var double: Double? { scalar.flatMap { Double($0) } }

  /// A short description of the kind of node, for messages.
  public var kindName: String {
    switch value {
    case .scalar: return "a value"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }

  /// YAML-like text of the node, for messages and debugging.
  public var description: String {
    switch value {
    case .scalar(let s, _): return s
    case .mapping(let pairs):
      return "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    case .sequence(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
    }
  }

  /// The scalar values of a scalar or a list of scalars (`CN` or `[CN, US]`).
  public var scalarList: [String]? {
    switch value {
    case .scalar(let s, _): return [s]
    case .sequence(let items):
      let values = items.compactMap(\.scalar)
      return values.count == items.count ? values : nil
    case .mapping: return nil
    }
  }
}
