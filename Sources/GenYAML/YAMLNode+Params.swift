import GenCore

extension YAMLNode {
  /// The node with `{{ params.NAME }}` in scalars replaced by the page's parameter values
  /// (pages generated from data). Unknown names are left as written for the caller to report.
  public func substituting(params: [String: String]) -> YAMLNode {
    guard !params.isEmpty else { return self }
    switch value {
    case .scalar(let s, let plain):
      return YAMLNode(.scalar(ParamText.substitute(s, params: params), plain: plain), at: location)
    case .mapping(let pairs):
      return YAMLNode(
        .mapping(pairs.map { (key: $0.key, value: $0.value.substituting(params: params)) }), at: location)
    case .sequence(let items):
      return YAMLNode(.sequence(items.map { $0.substituting(params: params) }), at: location)
    }
  }
}

extension YAMLNode {
  /// Every `{{ params.NAME }}` in the node's scalars whose NAME is not in `known`, with
  /// the scalar's location.
  public func unknownParams(known: Set<String>) -> [(name: String, location: SourceLocation)] {
    switch value {
    case .scalar(let s, _):
      return ParamText.names(in: s).filter { !known.contains($0) }.map { ($0, location) }
    case .mapping(let pairs):
      return pairs.flatMap { $0.value.unknownParams(known: known) }
    case .sequence(let items):
      return items.flatMap { $0.unknownParams(known: known) }
    }
  }
}

/// `{{ params.NAME }}` references in text.
public enum ParamText {
  /// The NAMEs of every `{{ params.NAME }}` in the text, in order.
  public static func names(in text: String) -> [String] {
    BraceExpressions.all(in: text).compactMap { name(in: $0) }
  }

  /// Replaces every `{{ params.NAME }}` whose NAME is known.
  public static func substitute(_ text: String, params: [String: String]) -> String {
    BraceExpressions.replacing(in: text) { inner in name(in: inner).flatMap { params[$0] } }
  }

  /// NAME of ` params.NAME `, nil for other expressions.
  static func name(in inner: String) -> String? {
    let trimmed = inner.trimmingCharacters(in: " \t")
    return trimmed.hasPrefix("params.") ? String(trimmed.dropFirst("params.".count)) : nil
  }
}

extension StringProtocol {
  /// The text without the given leading and trailing characters.
  public func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let c = s.first, set.contains(c) { s.removeFirst() }
    while let c = s.last, set.contains(c) { s.removeLast() }
    return String(s)
  }
}
