import Foundation
import GenCore
import GenData
import GenYAML

/// The files of `content/`: Markdown pages (with their front matter) and everything
/// else, which is copied as it is.
public struct ContentFiles: Sendable {
  /// Markdown files: path inside `content/` and text.
  public var markdown: [(path: String, text: String)] = []
  /// Other files: path inside `content/` and full path on disk.
  public var assets: [(path: String, full: String)] = []
}

/// Reads pages from their files (the load step) and works out their URLs.
enum ContentLoader {
  /// Reads every file of the content folder.
  static func read(contentDirectory: String, into diagnostics: inout Diagnostics) -> ContentFiles {
    var files = ContentFiles()
    for (relative, full) in SiteFiles.walk(contentDirectory) {
      if relative.lowercased().hasSuffix(".md") {
        guard let data = SiteFiles.read(full) else {
          diagnostics.error("cannot read file", at: SourceLocation(path: "content/" + relative))
          continue
        }
        guard let text = String(data: data, encoding: .utf8) else {
          diagnostics.error(
            "file is not valid UTF-8", at: SourceLocation(path: "content/" + relative),
            hint: "save it as UTF-8")
          continue
        }
        files.markdown.append((relative, text))
      } else {
        files.assets.append((relative, full))
      }
    }
    return files
  }

  /// Parses one Markdown file's front matter into a page (not yet expanded for data
  /// pages); also gives `data:` and the `metrics:` YAML as written (before parameters).
  static func page(
    path: String, text: String, params: [String: String] = [:], into diagnostics: inout Diagnostics
  ) -> (Page, dataSource: (dataset: String, location: SourceLocation)?, metricsNode: YAMLNode?) {
    let display = "content/" + path
    let front = FrontMatter.split(text, path: display, into: &diagnostics)
    let isIndex = SitePath.fileName(of: path).lowercased() == "index.md"
    let stem = String(SitePath.fileName(of: path).dropLast(3))
    let dir = SitePath.directory(of: path)
    let output =
      isIndex ? SitePath.join(dir, "index.html") : SitePath.join(SitePath.join(dir, stem), "index.html")
    var page = Page(
      source: display, contentPath: path, outputPath: output, kind: isIndex ? .list : .page,
      title: Self.titleFromFileName(isIndex ? (dir.isEmpty ? "Home" : SitePath.fileName(of: dir)) : stem),
      frontMatterLocation: front.node?.location ?? SourceLocation(path: display, line: 1, column: 1))
    page.body = front.body
    page.bodyLineOffset = front.bodyLineOffset
    var dataSource: (String, SourceLocation)?
    if !params.isEmpty, let original = front.node {
      for (name, location) in original.unknownParams(known: Set(params.keys)) {
        diagnostics.error(
          "unknown parameter '\(name)'", at: location,
          hint: Suggestion.hintOrList(for: name, in: Array(params.keys), noun: "parameter"))
      }
    }
    if let node = front.node?.substituting(params: params) {
      var reader = SpecReader(node, what: "front matter", allowed: FrontMatter.keys)
      if let title = reader.string("title") { page.title = title }
      if let dateNode = node["date"], let text = reader.string("date") {
        if let day = Day(iso: text) {
          page.date = day
        } else {
          reader.diagnostics.error(
            "'date' must be written YYYY-MM-DD, not '\(text)'", at: dateNode.location)
        }
      }
      page.summary = reader.string("summary")
      page.description = reader.string("description")
      page.draft = reader.bool("draft") ?? false
      page.template = reader.string("template")
      page.templateLocation = page.template == nil ? nil : reader.location("template")
      page.toc = reader.bool("toc")
      page.order = reader.int("order", in: -1_000_000...1_000_000)
      page.listsPages = reader.bool("list") ?? true
      page.menu = reader.string("menu")
      if let data = reader.string("data") { dataSource = (data, reader.location("data")) }
      diagnostics.append(contentsOf: reader.diagnostics.all)
      if let metrics = node["metrics"] {
        page.metrics = SiteConfig.parseMetrics(metrics, page: display, into: &diagnostics)
      }
    }
    return (page, dataSource, front.node?["metrics"])
  }

  /// `shift-to-china` → `Shift to china`.
  static func titleFromFileName(_ name: String) -> String {
    let words = name.replacingAll("-", with: " ").replacingAll("_", with: " ")
    guard let first = words.first else { return name }
    return first.uppercased() + words.dropFirst()
  }

  /// For `[column].md` file names: the column.
  static func dataColumn(of path: String) -> String? {
    let name = SitePath.fileName(of: path)
    guard name.hasPrefix("["), name.lowercased().hasSuffix("].md") else { return nil }
    return String(name.dropFirst().dropLast(4))
  }
}
