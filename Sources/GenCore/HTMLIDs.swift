/// The `id` attributes in generated HTML.
public enum HTMLIDs {
  /// Every `id="…"` value in the text, in order (gen writes ids in double quotes).
  public static func all(in html: String) -> [String] {
    var found: [String] = []
    var rest = html[...]
    while let open = rest.firstRange(of: " id=\"") {
      let after = rest[open.upperBound...]
      guard let close = after.firstIndex(of: "\"") else { break }
      found.append(String(after[..<close]))
      rest = after[close...]
    }
    return found
  }
}
