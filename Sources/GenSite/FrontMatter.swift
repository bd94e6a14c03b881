import GenCore
import GenYAML

/// The YAML block at the top of a page, between `---` lines.
public struct FrontMatter: Sendable {
  /// The parsed YAML, nil when the page has none.
  public var node: YAMLNode?
  /// The Markdown after the front matter.
  public var body: String
  /// Lines before the body (the front matter and its fences).
  public var bodyLineOffset: Int

  /// The keys a page's front matter may have.
  public static let keys = [
    "title", "date", "summary", "description", "draft", "template", "metrics", "data", "toc", "order", "list",
    "menu",
  ]

  /// Splits and parses a page's front matter, reporting syntax errors.
  public static func split(_ text: String, path: String, into diagnostics: inout Diagnostics) -> FrontMatter {
    let source = SourceText.normalized(text)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = lines.first, first.trimmingCharacters(in: " \t\r") == "---" else {
      return FrontMatter(node: nil, body: source, bodyLineOffset: 0)
    }
    guard
      let close = lines.dropFirst().firstIndex(where: {
        $0.trimmingCharacters(in: " \t\r") == "---" || $0.trimmingCharacters(in: " \t\r") == "..."
      })
    else {
      diagnostics.error(
        "front matter is never closed", at: SourceLocation(path: path, line: 1, column: 1),
        hint: "end the YAML block with a line holding only '---'")
      return FrontMatter(node: nil, body: source, bodyLineOffset: 0)
    }
    let yaml = lines[1..<close].joined(separator: "\n")
    let body = lines[(close + 1)...].joined(separator: "\n")
    var node = YAMLParser.parse(yaml, path: path, lineOffset: 1, into: &diagnostics)
    if let mapping = node, mapping.mapping == nil {
      diagnostics.error("front matter must be a mapping of keys to values", at: mapping.location)
      node = nil
    }
    return FrontMatter(node: node, body: body, bodyLineOffset: close + 1)
  }
}
