import Mustache

/// An optional value of a template context. Absent, it is false in a section and empty
/// in text; and, unlike a nil optional, which Mustache skips to look the name up in the
/// enclosing context, it ends the lookup: `{{date}}` in a list entry without a date never
/// shows the page's own date.
public enum TemplateField<Value>: MustacheCustomRepresentation {
  case value(Value)
  case absent

  /// A field holding `value`, or absent for nil.
  public init(_ value: Value?) {
    self = value.map { .value($0) } ?? .absent
  }

  /// What Mustache renders: the value, or nothing.
  public var representation: Any? {
    if case .value(let value) = self { return value }
    return nil
  }
}

extension TemplateField: Sendable where Value: Sendable {}
