/// `{{ … }}` expressions in text: the one scanner behind page parameters, chart texts
/// and the like.
public enum BraceExpressions {
  /// The text with each `{{ inner }}` replaced by `replacement(inner)` (the text between
  /// the braces, untrimmed); nil keeps the expression as written. An unclosed `{{` and
  /// what follows it are kept.
  public static func replacing(in text: String, _ replacement: (String) -> String?) -> String {
    guard text.contains("{{") else { return text }
    var out = ""
    var rest = text[...]
    while let open = rest.firstRange(of: "{{") {
      out += rest[..<open.lowerBound]
      let after = rest[open.upperBound...]
      guard let close = after.firstRange(of: "}}") else { return out + rest[open.lowerBound...] }
      let inner = String(after[..<close.lowerBound])
      out += replacement(inner) ?? "{{" + inner + "}}"
      rest = after[close.upperBound...]
    }
    return out + rest
  }

  /// The text between the braces of each `{{ … }}`, in order.
  public static func all(in text: String) -> [String] {
    var found: [String] = []
    _ = replacing(in: text) { inner in
      found.append(inner)
      return nil
    }
    return found
  }
}
