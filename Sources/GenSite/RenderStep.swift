import GenCharts
import GenCore
import GenData
import GenMarkdown
import GenTemplates

/// Step 4: every page through Markdown and templates, plus assets, `404.html`, the
/// sitemap and the feed, all in memory and in parallel, sorted by output path.
enum RenderStep {
  /// A rendered page body before it goes through the templates.
  struct RenderedPage: Sendable {
    var html: String
    var headings: [Heading]
    var firstParagraph: String?
    var anchors: [LinkResolver.PendingAnchor]
  }

  static func run(_ site: ComputedSite, _ options: BuildOptions, into diagnostics: inout Diagnostics)
    -> SiteOutput
  {
    let model = site.model
    let config = model.loaded.config
    var files: [String: [UInt8]] = [:]
    // Assets with content-hashed names.
    var assetPaths: [String: String] = [:]
    for (path, bytes) in model.loaded.templates.assets {
      let hashed = AssetNames.hashed(path, bytes: bytes)
      files[hashed] = bytes
      assetPaths[path] = hashed
    }
    let bodies = renderBodies(site, files: &files, &diagnostics)
    checkAnchors(model.pages, bodies, &diagnostics)
    // Templates.
    let context = PageTemplates(site: site, bodies: bodies, assetPaths: assetPaths, options: options)
    let pages = parallelMap(Array(model.pages.indices)) { index -> (String, [UInt8]) in
      (model.pages[index].outputPath, Array(context.renderPage(index).utf8))
    }
    for (path, bytes) in pages { files[path] = bytes }
    files["404.html"] = Array(context.renderNotFound().utf8)
    if let base = config.baseURL {
      files["sitemap.xml"] = Array(Feeds.sitemap(pages: model.pages, baseURL: base).utf8)
      files["feed.xml"] = Array(
        Feeds.atom(
          pages: model.pages, descriptions: context.descriptions, config: config, baseURL: base,
          updated: context.buildDay()
        ).utf8)
    }
    for (path, bytes) in files
    where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".svg") {
      files[path] = Escape.removingForbiddenCharacters(bytes)
    }
    // A content file copied as is may not land where gen writes a file of its own.
    // (Pages are checked in the validate step.)
    let pageOutputs = Set(model.pages.map(\.outputPath))
    for path in model.copies.keys.sorted() where files[path] != nil && !pageOutputs.contains(path) {
      diagnostics.error(
        "content/\(path) has the same output path as a file gen generates (\(generatedKind(path)))",
        at: SourceLocation(path: "content/" + path), hint: "rename or move the file")
    }
    return SiteOutput(files: files, copies: model.copies)
  }

  /// Each page's blocks drawn (their chart files added to `files`), then its Markdown
  /// serialised with the values compute gave it; both in parallel.
  static func renderBodies(
    _ site: ComputedSite, files: inout [String: [UInt8]], _ diagnostics: inout Diagnostics
  )
    -> [RenderedPage]
  {
    let model = site.model
    let chartCSS = StandaloneCSS.resolve(
      model.loaded.templates.assets.first { $0.path == "chart.css" }
        .map { String(decoding: $0.bytes, as: UTF8.self) } ?? "")
    let base = diagnostics
    let drawnPages = parallelMap(Array(model.pages.indices)) { index -> (BlockDrawing.Drawn, Diagnostics) in
      var problems = base.forTask()
      return (BlockDrawing.draw(page: index, site: site, chartCSS: chartCSS, into: &problems), problems)
    }
    ComputeStep.reportOnce(zip(model.pages, drawnPages.map(\.1)), into: &diagnostics)
    let drawn = drawnPages.map(\.0)
    for page in drawn { files.merge(page.files) { a, _ in a } }
    return parallelMap(Array(model.pages.indices)) { index -> RenderedPage in
      let document = model.documents[index]
      let values = HTMLRenderer.Values(
        expressions: site.pages[index].expressions, blocks: drawn[index].html, urls: document.urls,
        reservedIDs: Self.layoutIDs.union(drawn[index].ids))
      let rendered = HTMLRenderer.render(document.markdown, values: values)
      return RenderedPage(
        html: rendered.html, headings: rendered.headings, firstParagraph: rendered.firstParagraph,
        anchors: document.anchors)
    }
  }

  /// Every `page.md#id` must name a heading of that page.
  static func checkAnchors(_ pages: [Page], _ bodies: [RenderedPage], _ diagnostics: inout Diagnostics) {
    var ids: [String: Set<String>] = [:]
    for (page, body) in zip(pages, bodies) { ids[page.outputPath] = Set(body.headings.map(\.id) + ["main"]) }
    for body in bodies {
      for anchor in body.anchors where !(ids[anchor.targetOutput]?.contains(anchor.fragment) ?? true) {
        diagnostics.error(
          "broken link: no heading '#\(anchor.fragment)' in \(anchor.targetOutput)", at: anchor.location,
          hint: Suggestion.hint(for: anchor.fragment, in: Array(ids[anchor.targetOutput] ?? []))
            ?? "heading ids are the heading text in lowercase with '-' between words")
      }
    }
  }

  /// Ids the default layout gives elements of every page.
  static let layoutIDs: Set<String> = ["main"]

  /// What made a generated output file, for messages.
  static func generatedKind(_ path: String) -> String {
    switch path {
    case "404.html": return "the not-found page"
    case "sitemap.xml": return "the sitemap"
    case "feed.xml": return "the Atom feed"
    default:
      if path.hasSuffix(".svg") || path.hasSuffix(".csv") { return "a chart or its data" }
      return path.hasSuffix("index.html") ? "a page" : "a theme asset"
    }
  }
}

/// Content-hashed asset file names.
enum AssetNames {
  /// `style.css` → `assets/style.1a2b3c4d.css`.
  static func hashed(_ path: String, bytes: [UInt8]) -> String {
    let hash = String(StableHash.hex(of: bytes).prefix(10))
    let name = SitePath.fileName(of: path)
    let dir = SitePath.directory(of: path)
    let hashedName: String
    if let dot = name.lastIndex(of: "."), dot != name.startIndex {
      hashedName = "\(name[..<dot]).\(hash)\(name[dot...])"
    } else {
      hashedName = "\(name).\(hash)"
    }
    return SitePath.join(SitePath.join("assets", dir), hashedName)
  }

  /// The template key of an asset: `style.css` → `style_css`.
  static func key(_ path: String) -> String {
    String(path.map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }
}
