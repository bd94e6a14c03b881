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
    guard text.contains("{{") else { return [] }
    var found: [String] = []
    var rest = text[...]
    while let open = rest.firstRange(of: "{{") {
      let after = rest[open.upperBound...]
      guard let close = after.firstRange(of: "}}") else { break }
      let inner = after[..<close.lowerBound].trimmingCharacters(in: " \t")
      if inner.hasPrefix("params.") { found.append(String(inner.dropFirst("params.".count))) }
      rest = after[close.upperBound...]
    }
    return found
  }

  /// Replaces every `{{ params.NAME }}` whose NAME is known.
  public static func substitute(_ text: String, params: [String: String]) -> String {
    guard text.contains("{{") else { return text }
    var out = ""
    var rest = text[...]
    while let open = rest.firstRange(of: "{{") {
      out += rest[..<open.lowerBound]
      let after = rest[open.upperBound...]
      guard let close = after.firstRange(of: "}}") else {
        out += rest[open.lowerBound...]
        return out
      }
      let inner = after[..<close.lowerBound].trimmingCharacters(in: " \t")
      if inner.hasPrefix("params."), let value = params[String(inner.dropFirst("params.".count))] {
        out += value
      } else {
        out += rest[open.lowerBound..<close.upperBound]
      }
      rest = after[close.upperBound...]
    }
    return out + rest
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
