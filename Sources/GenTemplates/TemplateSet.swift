import Foundation
import GenCore
import Mustache

/// The site's Mustache templates (its own `templates/` over the built-in theme),
/// parsed once and checked: syntax, and every partial they include.
public struct TemplateSet: Sendable {
  private var library: MustacheLibrary
  /// Template names (`base`, `page`, `list`, `partials/header`) and the file each came from.
  public private(set) var sources: [String: String]
  /// Asset files (`style.css`, `favicon.svg`) with their bytes.
  public private(set) var assets: [(path: String, bytes: [UInt8])]
  /// The text of every template file, by name, as read (the built-in theme's and the site's).
  public private(set) var texts: [String: String] = [:]

  /// Loads the built-in theme, then the files of `directory` (when it exists) over it.
  /// Templates that exist but cannot be used (syntax errors, cycles) are reported and
  /// marked failed (``FailedName/template(_:)``).
  ///
  /// - Parameters:
  ///   - directory: the site's templates folder on disk.
  ///   - displayPath: how that folder is named in messages (`templates`).
  public static func load(
    directory: String?, displayPath: String = "templates", into diagnostics: inout Diagnostics
  ) -> TemplateSet {
    let (texts, assets) = readFiles(directory: directory, displayPath: displayPath, &diagnostics)
    var parsed: [String: MustacheTemplate] = [:]
    var scans: [String: TemplateScan] = [:]
    for (name, entry) in texts.sorted(by: { $0.key < $1.key }) {
      let scan = TemplateScan(entry.text, depthLimit: TemplateExpansion.limit)
      scans[name] = scan
      parsed[name] = parse(entry, scan: scan, into: &diagnostics)
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
    let checks = IncludeChecks(texts: texts, scans: scans)
    let unsafe = checks.unsafeTemplates(outlines, paths: paths, parsed: parsed, &diagnostics)
    var library = MustacheLibrary()
    var sources: [String: String] = [:]
    for (name, path) in paths.sorted(by: { $0.key < $1.key }) {
      guard let full = template(named: name, among: parsed), let template = parsed[full],
        !unsafe.contains(full)
      else { continue }
      library.register(template, named: name)
      sources[name] = path
    }
    for name in Set(texts.keys).subtracting(sources.keys) { diagnostics.markFailed(.template(name)) }
    checks.reportMissingPartials(outlines, registered: sources, &diagnostics)
    return TemplateSet(
      library: library, sources: sources, assets: assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    )
  }

  /// The built-in theme's files, then the site's over them: templates by name with their
  /// text and the path shown in messages, and asset bytes by path.
  static func readFiles(directory: String?, displayPath: String, _ diagnostics: inout Diagnostics) -> (
    [String: (text: String, path: String)], [String: [UInt8]]
  ) {
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
    guard let directory else { return (texts, assets) }
    for (relative, url) in SiteFiles.walk(directory) {
      let display = SitePath.join(displayPath, relative)
      guard let data = SiteFiles.read(url) else {
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
    return (texts, assets)
  }

  /// Whether a template exists.
  public func has(_ name: String) -> Bool { sources[name] != nil }

  /// Renders a template with a context: structs (their properties by name), dictionaries,
  /// arrays, strings, booleans and optionals (nil is false).
  public func render(_ name: String, _ context: Any) -> String {
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
