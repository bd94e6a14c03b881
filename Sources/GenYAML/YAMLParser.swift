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
  ///   - diagnostics: where a syntax error is reported, at its place.
  /// - Returns: the root node; nil for an empty document or after a syntax error.
  public static func parse(
    _ text: String, path: String, lineOffset: Int = 0, columnOffset: Int = 0,
    into diagnostics: inout Diagnostics
  ) -> YAMLNode? {
    do {
      return try document(text, path: path, lineOffset: lineOffset, columnOffset: columnOffset)
    } catch {
      diagnostics.append(error)
      return nil
    }
  }

  static func document(_ text: String, path: String, lineOffset: Int, columnOffset: Int)
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
        let names = duplicates.map { "\($0)" }
        throw Diagnostic.error(
          "duplicate key \(names.map { "'\($0)'" }.joined(separator: ", ")) in YAML mapping",
          at: secondOccurrence(of: names.first ?? "", in: text, after: context.mark.line)
            .map { found in
              var at = location(context.mark)
              at.line += found.line - context.mark.line
              at.column = found.column + (at.column - context.mark.column)
              return at
            } ?? location(context.mark),
          hint: "each key may appear once")
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
    var budget = maximumValues
    guard let converted = convert(root, location, budget: &budget) else {
      throw Diagnostic.error(
        "YAML expands to more than \(maximumValues) values", at: location(nil),
        hint: "aliases (*name) copy what their anchor (&name) holds; nested aliases multiply")
    }
    return converted
  }

  /// Where a key is written the second time at the indentation of its first block-style
  /// occurrence after `mark` (the mapping's start), for errors about duplicates.
  static func secondOccurrence(of key: String, in text: String, after markLine: Int) -> (
    line: Int, column: Int
  )? {
    guard !key.isEmpty else { return nil }
    // Lines as YAML counts them: a CR alone ends one too.
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let start = max(markLine - 1, 0)
    guard start < lines.count else { return nil }
    var indent: Int?
    for index in start..<lines.count {
      let line = lines[index]
      let column = line.prefix { $0 == " " }.count
      let rest = line.dropFirst(column)
      let written = [key + ":", "\"" + key + "\":", "'" + key + "':"].first { rest.hasPrefix($0) }
      guard written != nil else { continue }
      if let indent {
        if column == indent {
          return (index + 1, column + 1)
        }
      } else {
        indent = column
      }
    }
    return nil
  }

  /// The most values (scalars, mappings, sequences) a document may expand to, aliases
  /// included: far beyond any real config, small enough that an alias bomb fails fast.
  public static let maximumValues = 200_000

  private static func convert(_ node: Node, _ location: (Mark?) -> SourceLocation, budget: inout Int)
    -> YAMLNode?
  {
    budget -= 1
    guard budget >= 0 else { return nil }
    switch node {
    case .scalar(let scalar):
      return YAMLNode(
        .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any),
        at: location(scalar.mark))
    case .mapping(let mapping):
      var pairs: [(key: YAMLNode, value: YAMLNode)] = []
      for pair in mapping {
        guard let key = convert(pair.key, location, budget: &budget),
          let value = convert(pair.value, location, budget: &budget)
        else { return nil }
        pairs.append((key, value))
      }
      return YAMLNode(.mapping(pairs), at: location(mapping.mark))
    case .sequence(let sequence):
      var items: [YAMLNode] = []
      for item in sequence {
        guard let converted = convert(item, location, budget: &budget) else { return nil }
        items.append(converted)
      }
      return YAMLNode(.sequence(items), at: location(sequence.mark))
    case .alias(let alias):
      return YAMLNode(.scalar("", plain: true), at: location(alias.mark))
    }
  }
}
