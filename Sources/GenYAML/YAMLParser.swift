import GenCore
import Yams

/// Parses YAML text into located `YAMLNode`s.
public enum YAMLParser {
  /// Parses one YAML document.
  ///
  /// - Parameters:
  ///   - text: the YAML source.
  ///   - path: the file it comes from, for locations.
  ///   - lineOffset: lines before the text in its file (front matter starts after `---`).
  ///   - columnOffset: columns before the text on its lines (indented blocks).
  /// - Returns: the root node, or nil for an empty document.
  /// - Throws: a `Diagnostic` at the place of a syntax error.
  public static func parse(_ text: String, path: String, lineOffset: Int = 0, columnOffset: Int = 0)
    throws(Diagnostic) -> YAMLNode?
  {
    func location(_ mark: Mark?) -> SourceLocation {
      guard let mark else { return SourceLocation(path: path, line: lineOffset + 1, column: 1) }
      return SourceLocation(
        path: path, line: mark.line + lineOffset, column: mark.column + columnOffset)
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      switch error {
      case .scanner(let context, let problem, let mark, _),
        .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        var message = "YAML syntax error: \(problem)"
        if let context { message += " \(context.text)" }
        throw Diagnostic.error(
          message, at: location(mark),
          hint: "check indentation, and quote values that contain ': ' or start with '{', '[', '*' or '&'"
        )
      case .duplicatedKeysInMapping(let duplicates, let context):
        throw Diagnostic.error(
          "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in YAML mapping",
          at: location(context.mark), hint: "each key may appear once")
      case .reader(let problem, _, _, _):
        throw Diagnostic.error(
          "YAML cannot be read: \(problem)", at: location(nil), hint: "save the file as UTF-8")
      default:
        throw Diagnostic.error("YAML error: \(error)", at: location(nil))
      }
    } catch {
      throw Diagnostic.error("YAML error: \(error)", at: location(nil))
    }
    guard let root else { return nil }
    return convert(root, location)
  }

  private static func convert(_ node: Node, _ location: (Mark?) -> SourceLocation) -> YAMLNode {
    switch node {
    case .scalar(let scalar):
      return YAMLNode(
        .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any),
        at: location(scalar.mark))
    case .mapping(let mapping):
      let pairs = mapping.map { (key: convert($0.key, location), value: convert($0.value, location)) }
      return YAMLNode(.mapping(pairs), at: location(mapping.mark))
    case .sequence(let sequence):
      return YAMLNode(.sequence(sequence.map { convert($0, location) }), at: location(sequence.mark))
    case .alias(let alias):
      return YAMLNode(.scalar("", plain: true), at: location(alias.mark))
    }
  }
}
