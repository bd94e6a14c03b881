import Foundation
import GenCore
import GenData
import GenTemplates

/// Builds what templates see (``TemplateContext``) and renders pages through
/// `page`/`list` and then `base`.
struct PageTemplates: Sendable {
  let site: ComputedSite
  let bodies: [RenderStep.RenderedPage]
  let assetPaths: [String: String]
  let options: BuildOptions
  /// Meta description of each page.
  let descriptions: [String]
  /// For each list page (by index), the indices of the pages it lists, in list order.
  let listed: [Int: [Int]]
  /// Indices of the pages in the site navigation, in order.
  let navigation: [Int]

  static let generator = "gen \(GenVersion.current)"

  init(
    site: ComputedSite, bodies: [RenderStep.RenderedPage], assetPaths: [String: String], options: BuildOptions
  ) {
    self.site = site
    self.bodies = bodies
    self.assetPaths = assetPaths
    self.options = options
    let config = site.model.loaded.config
    descriptions = zip(site.model.pages, bodies).map { page, body in
      let text = page.description ?? page.summary ?? body.firstParagraph ?? config.description
      return Self.truncate(text, to: 200)
    }
    (listed, navigation) = Self.listings(site.model.pages)
  }

  /// Which pages each list page lists (its folder's pages and the lists of its
  /// subfolders), and the navigation (what the home page lists, without pages from data);
  /// computed once for the whole site.
  static func listings(_ pages: [Page]) -> ([Int: [Int]], [Int]) {
    var listByFolder: [String: Int] = [:]
    for (i, page) in pages.enumerated() where page.kind == .list { listByFolder[page.folder] = i }
    var children: [Int: [Int]] = [:]
    for (i, page) in pages.enumerated() {
      let parent = page.kind == .list ? SitePath.directory(of: page.folder) : page.folderOfOutput
      guard let list = listByFolder[parent], list != i else { continue }
      children[list, default: []].append(i)
    }
    for (list, indices) in children {
      children[list] = indices.sorted { a, b in before(pages[a], pages[b]) }
    }
    let home = pages.firstIndex(where: \.isHome)
    let navigation =
      home.map { children[$0] ?? [] }?.filter {
        pages[$0].dataColumn == nil
      } ?? []
    return (children, navigation)
  }

  var pages: [Page] { site.model.pages }
  var config: SiteConfig { site.model.loaded.config }

  /// Renders page `index` to a complete HTML document.
  func renderPage(_ index: Int) -> String {
    let page = pages[index]
    let body = bodies[index]
    let root = SitePath.rootPrefix(from: page.outputPath)
    var fields = pageFields(page, index: index)
    fields.content = body.html
    fields.partial_note = TemplateField(partialNote(index))
    fields.has_content = !body.html.trimmingCharacters(in: " \n\t").isEmpty
    let tocEntries = body.headings.filter { ($0.level == 2 || $0.level == 3) && !$0.text.isEmpty }
    let showTOC = page.toc ?? (page.kind == .page && tocEntries.count >= 3)
    fields.has_toc = showTOC && !tocEntries.isEmpty
    fields.toc = tocEntries.map { TemplateContext.TOCEntry(level: $0.level, id: $0.id, text: $0.text) }
    var context = common(for: page, fields: fields, root: root)
    if page.kind == .list {
      context.pages = (listed[index] ?? []).map { child in
        var entry = pageFields(pages[child], index: child)
        entry.url = .value(SitePath.href(from: page.outputPath, to: pages[child].outputPath))
        return entry
      }
      context.has_pages = !context.pages.isEmpty && page.listsPages
    }
    let templates = site.model.loaded.templates
    context.body = templates.render(page.template ?? (page.kind == .list ? "list" : "page"), context)
    return finish(templates.render("base", context))
  }

  /// `404.html`: the base layout with the stylesheet inlined, since a host serves it at
  /// any depth where relative links cannot be known.
  func renderNotFound() -> String {
    let page = Page(
      source: "404", contentPath: "404.md", outputPath: "404.html", kind: .page, title: "Page not found",
      frontMatterLocation: SourceLocation(path: "404"))
    var fields = pageFields(page, index: nil)
    fields.content =
      "<p>There is no page at this address. It may have moved, or the link may be mistyped.</p>\n"
      + "<p><a href=\"\(Escape.attribute(config.baseURL ?? "index.html"))\">Go to the home page of \(Escape.text(config.title))</a></p>"
    fields.has_content = true
    fields.canonical = .absent
    var context = common(for: page, fields: fields, root: config.baseURL ?? "")
    if config.baseURL == nil {
      // Inline the stylesheet: relative asset paths do not work at an unknown depth.
      let css = site.model.loaded.templates.assets.first { $0.path == "style.css" }
      let icon = site.model.loaded.templates.assets.first { $0.path == "favicon.svg" }
      context.assets =
        icon.map { ["favicon_svg": "data:image/svg+xml;base64," + Data($0.bytes).base64EncodedString()] }
        ?? [:]
      context.head_extra =
        css.map { "<style>\n" + String(decoding: $0.bytes, as: UTF8.self) + "</style>" } ?? ""
    }
    context.has_nav = false
    let templates = site.model.loaded.templates
    context.body = templates.render("page", context)
    return finish(templates.render("base", context))
  }

  /// Fields shared by every template.
  private func common(for page: Page, fields: TemplateContext.Page, root: String) -> TemplateContext {
    var assets: [String: String] = [:]
    for (path, hashed) in assetPaths { assets[AssetNames.key(path)] = root + hashed }
    let nav = navigation.map { i in
      TemplateContext.NavLink(
        title: pages[i].menu ?? pages[i].title,
        url: SitePath.href(from: page.outputPath, to: pages[i].outputPath),
        current: pages[i].outputPath == page.outputPath)
    }
    let feed = config.baseURL.map { page.outputPath == "404.html" ? $0 + "feed.xml" : root + "feed.xml" }
    return TemplateContext(
      site: TemplateContext.Site(
        title: config.title, description: config.description, language: config.language,
        author: TemplateField(config.author), base_url: TemplateField(config.baseURL)),
      page: fields, nav: nav, has_nav: !nav.isEmpty, root: root, assets: assets,
      feed_url: TemplateField(feed),
      generator: Self.generator)
  }

  /// Fields of a page, for its own rendering and for lists.
  private func pageFields(_ page: Page, index: Int?) -> TemplateContext.Page {
    let fullTitle =
      page.isHome && page.title == config.title ? config.title : "\(page.title) · \(config.title)"
    return TemplateContext.Page(
      title: page.title, full_title: fullTitle,
      description: index.map { descriptions[$0] } ?? config.description,
      og_type: page.kind == .page ? "article" : "website", is_home: page.isHome,
      summary: TemplateField(page.summary), date: TemplateField(page.date.map(\.description)),
      date_label: page.date.map(\.longLabel) ?? "",
      canonical: TemplateField(config.baseURL.map { $0 + Escape.urlPath(page.urlPath) }), params: page.params)
  }

  /// The note that the page's own metrics leave out partial periods (docs/metrics.md:
  /// "said so in a note"), naming them; nil when none does.
  func partialNote(_ index: Int) -> String? {
    let scope = site.pages[index].scope
    let periods = EnglishList.distinct(
      site.model.pages[index].metrics.flatMap { scope.metrics[$0.name]?.basis.excludedPartial ?? [] })
    guard !periods.isEmpty else { return nil }
    return
      "Averages and totals over several periods on this page leave out the periods the data covers only partly: \(EnglishList.joined(periods, limit: EnglishList.noteLimit))."
  }

  /// Pages with an explicit `order` first (lowest first), then dated pages newest first,
  /// then the rest by title.
  static func before(_ a: Page, _ b: Page) -> Bool {
    switch (a.order, b.order) {
    case (let x?, let y?) where x != y: return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    default: break
    }
    switch (a.date, b.date) {
    case (let x?, let y?) where x != y: return x > y
    case (.some, nil): return true
    case (nil, .some): return false
    default:
      if a.title != b.title { return a.title < b.title }
      return a.outputPath < b.outputPath
    }
  }

  /// The build date: the newest page or data date, else `SOURCE_DATE_EPOCH`, else 1 Jan 1970.
  func buildDay() -> Day {
    if let epoch = options.sourceDateEpoch { return Day(index: Int32(epoch / 86_400)) }
    let pageDays = pages.compactMap(\.date)
    let dataDays = site.model.loaded.datasets.values.compactMap { $0.coverage?.last }
    return (pageDays + dataDays).max() ?? Day(index: 0)
  }

  private func finish(_ html: String) -> String {
    guard let suffix = options.bodySuffix, let range = html.range(of: "</body>", options: .backwards) else {
      return html
    }
    return html.replacingCharacters(in: range, with: suffix + "</body>")
  }

  static func truncate(_ text: String, to limit: Int) -> String {
    let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    guard flat.count > limit else { return flat }
    let cut = flat.prefix(limit)
    let end = cut.lastIndex(of: " ") ?? cut.endIndex
    return String(cut[..<end]) + "…"
  }
}

extension Page {
  /// The folder of the page's output (`reports` for `reports/shift/index.html`).
  var folderOfOutput: String { SitePath.directory(of: SitePath.directory(of: outputPath)) }
}

/// The version of gen.
public enum GenVersion {
  /// Semantic version.
  public static let current = "0.1.0"
}
