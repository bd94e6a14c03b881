import Foundation
import GenCore
import Mustache

/// The site's Mustache templates (its own `templates/` over the built-in theme),
/// parsed once and checked: syntax, and every partial they include.
public struct TemplateSet: Sendable {
  private var library: MustacheLibrary
  /// Templates whose file exists but could not be parsed (already reported).
  public private(set) var broken: Set<String> = []
  /// Template names (`base`, `page`, `list`, `partials/header`) and the file each came from.
  public private(set) var sources: [String: String]
  /// Asset files (`style.css`, `favicon.svg`) with their bytes.
  public private(set) var assets: [(path: String, bytes: [UInt8])]

  /// Loads the built-in theme, then the files of `directory` (when it exists) over it.
  ///
  /// - Parameters:
  ///   - directory: the site's templates folder on disk.
  ///   - displayPath: how that folder is named in messages (`templates`).
  public static func load(directory: String?, displayPath: String = "templates") -> (TemplateSet, Diagnostics)
  {
    var texts: [String: (text: String, path: String)] = [:]
    var assets: [String: [UInt8]] = [:]
    for file in DefaultTheme.files {
      if file.path.hasSuffix(".mustache") {
        texts[String(file.path.dropLast(".mustache".count))] = (
          String(decoding: file.bytes, as: UTF8.self), "(built-in theme) \(file.path)"
        )
      } else if file.path.hasPrefix("assets/") {
        assets[String(file.path.dropFirst("assets/".count))] = file.bytes
      }
    }
    var diagnostics = Diagnostics()
    if let directory {
      for (relative, url) in SiteFiles.walk(directory) {
        let display = SitePath.join(displayPath, relative)
        guard let data = FileManager.default.contents(atPath: url) else {
          diagnostics.error("cannot read template file", at: SourceLocation(path: display))
          continue
        }
        if relative.hasSuffix(".mustache") {
          texts[String(relative.dropLast(".mustache".count))] = (
            SourceText.normalized(String(decoding: data, as: UTF8.self)), display
          )
        } else if relative.hasPrefix("assets/") {
          assets[String(relative.dropFirst("assets/".count))] = Array(data)
        }
      }
    }
    // Parse every template; register those that parsed and do not include themselves.
    var parsed: [String: MustacheTemplate] = [:]
    var paths: [String: String] = [:]
    for (name, entry) in texts.sorted(by: { $0.key < $1.key }) {
      do {
        parsed[name] = try MustacheTemplate(string: entry.text)
        paths[name] = entry.path
        // Partials in partials/ can be included by their short name too.
        if name.hasPrefix("partials/") {
          let short = String(name.dropFirst("partials/".count))
          if texts[short] == nil { paths[short] = entry.path }
        }
      } catch let error as MustacheTemplate.ParserError {
        diagnostics.error(
          "template syntax error: \(describe(error.error))",
          at: SourceLocation(
            path: entry.path, line: error.context.lineNumber, column: error.context.columnNumber + 1),
          hint: "check that every {{#section}} is closed with {{/section}} and every tag with }}")
      } catch {
        diagnostics.error("template cannot be parsed: \(error)", at: SourceLocation(path: entry.path))
      }
    }
    let cycles = includeCycles(texts: texts.mapValues(\.text), registered: Set(paths.keys))
    for cycle in cycles {
      diagnostics.error(
        "partial '\(cycle.partial)' includes itself (\(cycle.chain.joined(separator: " → ")))",
        at: SourceLocation(path: texts[cycle.template]?.path ?? "", line: cycle.line, column: cycle.column),
        hint: "a partial may not include itself, directly or through others")
    }
    let cyclic = Set(cycles.flatMap(\.chain))
    var library = MustacheLibrary()
    var sources: [String: String] = [:]
    for (name, path) in paths.sorted(by: { $0.key < $1.key }) {
      guard let full = template(named: name, among: parsed), let template = parsed[full],
        !cyclic.contains(full)
      else { continue }
      library.register(template, named: name)
      sources[name] = path
    }
    var set = TemplateSet(
      library: library, sources: sources, assets: assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    )
    set.broken = Set(texts.keys).subtracting(sources.keys)
    // Partials that do not exist.
    for (name, entry) in texts.sorted(by: { $0.key < $1.key }) where sources[name] != nil {
      for (partial, line, column) in partialReferences(in: entry.text)
      where template(named: partial, among: texts) == nil {
        diagnostics.error(
          "template includes partial '\(partial)', which does not exist",
          at: SourceLocation(path: entry.path, line: line, column: column),
          hint: Suggestion.hint(for: partial, in: Array(set.sources.keys))
            ?? "add templates/partials/\(partial).mustache")
      }
    }
    return (set, diagnostics)
  }

  /// Whether a template exists.
  public func has(_ name: String) -> Bool { sources[name] != nil }

  /// Renders a template with a context of dictionaries, arrays, strings and booleans.
  public func render(_ name: String, _ context: [String: Any]) -> String {
    library.render(context, withTemplate: name) ?? ""
  }

  /// `{{> name}}` tags in a template, with line and column.
  static func partialReferences(in text: String) -> [(String, Int, Int)] {
    var found: [(String, Int, Int)] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var rest = line[...]
      while let open = rest.firstRange(of: "{{>") {
        let after = rest[open.upperBound...]
        guard let close = after.firstRange(of: "}}") else { break }
        let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
        if !name.isEmpty { found.append((name, index + 1, column)) }
        rest = after[close.upperBound...]
      }
    }
    return found
  }

  static func describe(_ error: Error) -> String {
    switch error {
    case MustacheTemplate.Error.sectionCloseNameIncorrect:
      return "a section is closed with a different name than it was opened"
    case MustacheTemplate.Error.unfinishedName: return "a tag is not finished (missing '}}')"
    case MustacheTemplate.Error.expectedSectionEnd: return "a section is never closed"
    case MustacheTemplate.Error.invalidSetDelimiter: return "bad set-delimiter tag"
    default: return "\(error)"
    }
  }
}
