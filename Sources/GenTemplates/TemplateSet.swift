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
    var parsed: [String: MustacheTemplate] = [:]
    var scans: [String: TemplateScan] = [:]
    for (name, entry) in texts.sorted(by: { $0.key < $1.key }) {
      let scan = TemplateScan(entry.text, depthLimit: TemplateExpansion.limit)
      scans[name] = scan
      guard let template = parse(entry, scan: scan, into: &diagnostics) else { continue }
      parsed[name] = template
    }
    let outlines = parsed.mapValues(TemplateOutline.init)
    // Registered names: every parsed template, and partials by their short name too.
    var paths: [String: String] = [:]
    for name in parsed.keys {
      paths[name] = texts[name]?.path
      if name.hasPrefix("partials/") {
        let short = String(name.dropFirst("partials/".count))
        if texts[short] == nil { paths[short] = texts[name]?.path }
      }
    }
    var unsafe = Set<String>()
    for (name, outline) in outlines.sorted(by: { $0.key < $1.key }) {
      for (partial, dynamic) in outline.partialNames where dynamic {
        unsafe.insert(name)
        diagnostics.error(
          "dynamic partial '\(partial)' is not supported",
          at: location(of: "*" + partial, in: name, texts: texts, scans: scans),
          hint: "gen checks every include for cycles before it renders, and a name taken from the data "
            + "cannot be checked; include the partial by its name, inside a section if it is optional")
      }
    }
    let expansion = TemplateExpansion(outlines: outlines.filter { !unsafe.contains($0.key) }) { name in
      template(named: name, among: paths).flatMap { template(named: $0, among: parsed) }
    }
    for problem in expansion.problems {
      report(problem, texts: texts, scans: scans, into: &diagnostics)
    }
    unsafe.formUnion(expansion.unsafeTemplates)
    var library = MustacheLibrary()
    var sources: [String: String] = [:]
    for (name, path) in paths.sorted(by: { $0.key < $1.key }) {
      guard let full = template(named: name, among: parsed), let template = parsed[full],
        !unsafe.contains(full)
      else { continue }
      library.register(template, named: name)
      sources[name] = path
    }
    var set = TemplateSet(
      library: library, sources: sources, assets: assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    )
    set.broken = Set(texts.keys).subtracting(sources.keys)
    // Partials that do not exist.
    for (name, outline) in outlines.sorted(by: { $0.key < $1.key }) where sources[name] != nil {
      for (partial, dynamic) in outline.partialNames
      where !dynamic && template(named: partial, among: texts) == nil {
        diagnostics.error(
          "template includes partial '\(partial)', which does not exist",
          at: location(of: partial, in: name, texts: texts, scans: scans),
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
