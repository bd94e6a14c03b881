import GenCharts
import GenCore
import GenData
import GenMarkdown
import GenTemplates
import GenYAML

/// The site once every page and reference is known.
struct SiteModel: Sendable {
  var loaded: LoadedSite
  /// Every page of the output, sorted by output path (home first).
  var pages: [Page]
  /// Link rewriting.
  var links: LinkResolver
  /// Files copied from `content/`: output path → full path.
  var copies: [String: String]
  /// The metrics engine over the loaded datasets.
  var engine: QueryEngine
  /// Each page's body with its blocks read and links resolved (same order as `pages`).
  var documents: [PageDocument]
  /// Colours fixed by `colors:` in gen.yml.
  var fixedColors: [String: SeriesColor]
}

/// Step 2: pages from data, URLs, section lists, template and metric names.
enum ValidateStep {
  static func run(_ loaded: LoadedSite, _ options: BuildOptions, into diagnostics: inout Diagnostics)
    -> SiteModel
  {
    var (pages, drafts) = readPages(loaded, options, &diagnostics)
    pages += sectionLists(for: pages, config: loaded.config)
    pages = uniqueOutputs(pages, &diagnostics)
    checkTemplates(pages, loaded.templates, &diagnostics)
    checkMetricNames(pages, site: loaded.config.metrics, &diagnostics)
    // Copied files and link targets.
    var copies: [String: String] = [:]
    for (path, full) in loaded.content.assets { copies[path] = full }
    var pagesBySource: [String: String] = [:]
    var listsByFolder: [String: String] = [:]
    let outputs = Set(pages.map(\.outputPath))
    for page in pages {
      if !page.generated, page.dataColumn == nil { pagesBySource[page.contentPath] = page.outputPath }
      if page.kind == .list { listsByFolder[page.folder] = page.outputPath }
    }
    for (path, _) in loaded.content.assets where outputs.contains(path) {
      diagnostics.error(
        "content/\(path) has the same output path as a page", at: SourceLocation(path: "content/" + path),
        hint: "rename the file")
    }
    let links = LinkResolver(
      pagesBySource: pagesBySource, listsByFolder: listsByFolder, files: Set(copies.keys), drafts: drafts)
    let read = parallelMap(pages) { page -> (PageDocument, Diagnostics) in
      var problems = Diagnostics()
      let document = PageDocument.read(page, links: links, into: &problems)
      return (document, problems)
    }
    ComputeStep.reportOnce(zip(pages, read.map(\.1)), into: &diagnostics)
    return SiteModel(
      loaded: loaded, pages: pages, links: links, copies: copies,
      engine: QueryEngine(datasets: loaded.datasets), documents: read.map(\.0),
      fixedColors: fixedColors(loaded.config, &diagnostics))
  }

  /// Every Markdown file as pages (one per value for pages from data); drafts are left
  /// out unless asked for, and returned by source path.
  static func readPages(_ loaded: LoadedSite, _ options: BuildOptions, _ diagnostics: inout Diagnostics)
    -> ([Page], drafts: Set<String>)
  {
    var pages: [Page] = []
    var drafts = Set<String>()
    for source in loaded.sources {
      if source.page.draft && !options.includeDrafts {
        drafts.insert(source.path)
      } else if let column = ContentLoader.dataColumn(of: source.path) {
        pages += expandDataPage(source, column: column, datasets: loaded.datasets, diagnostics: &diagnostics)
      } else {
        if let dataSource = source.dataSource {
          diagnostics.error(
            "'data' in front matter makes pages from data only in files named after a column, like '[author].md'",
            at: dataSource.location, hint: "rename the file to '[COLUMN].md', or remove 'data:'")
        }
        pages.append(source.page)
      }
    }
    return (pages, drafts)
  }

  /// Section lists for folders without `index.md`, and the home page.
  static func sectionLists(for pages: [Page], config: SiteConfig) -> [Page] {
    let lists = Set(pages.filter { $0.kind == .list }.map { $0.folder })
    var folders: Set<String> = [""]
    for page in pages where page.kind == .page {
      var folder = SitePath.directory(of: page.outputPath)
      while !folder.isEmpty {
        folder = SitePath.directory(of: folder)
        folders.insert(folder)
      }
    }
    return folders.subtracting(lists).sorted().map { folder in
      let title =
        folder.isEmpty ? config.title : ContentLoader.titleFromFileName(SitePath.fileName(of: folder))
      var list = Page(
        source: folder.isEmpty ? "content" : "content/" + folder,
        contentPath: SitePath.join(folder, "index.md"),
        outputPath: SitePath.join(folder, "index.html"), kind: .list, title: title,
        frontMatterLocation: SourceLocation(path: "content/" + folder))
      list.generated = true
      if folder.isEmpty, !config.description.isEmpty { list.summary = config.description }
      return list
    }
  }

  /// One page per output path, sorted by it (home first).
  static func uniqueOutputs(_ pages: [Page], _ diagnostics: inout Diagnostics) -> [Page] {
    var byOutput: [String: Page] = [:]
    for page in pages {
      if let other = byOutput[page.outputPath] {
        diagnostics.error(
          "\(page.source) and \(other.source) would both be written to \(page.outputPath)",
          at: SourceLocation(path: page.source), hint: "rename one of them")
      } else {
        byOutput[page.outputPath] = page
      }
    }
    return byOutput.values.sorted {
      $0.outputPath == "index.html" || ($1.outputPath != "index.html" && $0.outputPath < $1.outputPath)
    }
  }

  /// Templates named in front matter must exist.
  static func checkTemplates(_ pages: [Page], _ templates: TemplateSet, _ diagnostics: inout Diagnostics) {
    for page in pages {
      let name = page.template ?? (page.kind == .list ? "list" : "page")
      if !templates.has(name) && !diagnostics.hasFailed(.template(name)) {
        diagnostics.error(
          "template '\(name)' does not exist", at: page.templateLocation ?? page.frontMatterLocation,
          hint: Suggestion.hint(for: name, in: Array(templates.sources.keys))
            ?? "add templates/\(name).mustache")
      }
    }
  }

  /// A page may not redefine a site metric.
  static func checkMetricNames(_ pages: [Page], site: [MetricSpec], _ diagnostics: inout Diagnostics) {
    let siteNames = Set(site.map(\.name))
    var seenPages = Set<String>()
    for page in pages where seenPages.insert(page.contentPath).inserted {
      for metric in page.metrics where siteNames.contains(metric.name) {
        diagnostics.error(
          "metric '\(metric.name)' is already defined in gen.yml", at: metric.location,
          hint: "give the page's metric another name")
      }
    }
  }

  /// The colours of `colors:` in gen.yml; unknown colour names are errors, and two
  /// groups given one colour are warned about.
  static func fixedColors(_ config: SiteConfig, _ diagnostics: inout Diagnostics) -> [String: SeriesColor] {
    var fixed: [String: SeriesColor] = [:]
    var groupsByColor: [SeriesColor: [String]] = [:]
    for (group, name) in config.colors.sorted(by: { $0.key < $1.key }) {
      if let color = Palette.names[name.lowercased()] {
        fixed[group] = color
        groupsByColor[color, default: []].append(group)
      } else {
        diagnostics.error(
          "unknown colour '\(name)' for '\(group)'", at: config.colorLocations[group],
          hint: Suggestion.hintOrList(for: name.lowercased(), in: Array(Palette.names.keys), noun: "colour"))
      }
    }
    for groups in groupsByColor.values.filter({ $0.count > 1 }).sorted(by: { $0[0] < $1[0] }) {
      diagnostics.warning(
        "\(groups.map { "'\($0)'" }.joined(separator: ", ")) have the same colour, "
          + "so a chart showing them together draws them alike",
        at: config.colorLocations[groups[1]], hint: "give each group its own colour")
    }
    return fixed
  }
}
