import GenCharts
import GenCore
import GenData
import GenMarkdown
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
  /// Palette slots fixed by `colors:` in gen.yml.
  var fixedColors: [String: Int]
}

/// Step 2: pages from data, URLs, section lists, template and metric names.
enum ValidateStep {
  struct Outcome {
    var site: SiteModel
    var diagnostics: Diagnostics
  }

  static func run(_ loaded: LoadedSite, _ options: BuildOptions) -> Outcome {
    var diagnostics = Diagnostics()
    let declared = loaded.config.declaredDatasets
    var pages: [Page] = []
    var drafts = Set<String>()
    let markdownOptions = MarkdownOptions(allowRawHTML: loaded.config.rawHTML)
    let parsed = parallelMap(loaded.content.markdown.map { ($0.path, $0.text) }) { path, text in
      var (page, dataSource, problems) = ContentLoader.page(path: path, text: text)
      // The body is parsed once here; pages generated from this file share it.
      page.document = MarkdownDocument.parse(
        page.body, path: page.source, lineOffset: page.bodyLineOffset, options: markdownOptions,
        blockKinds: PageDocument.blockKinds)
      return (page, dataSource, problems)
    }
    for ((path, text), (page, dataSource, problems)) in zip(loaded.content.markdown, parsed) {
      diagnostics.append(contentsOf: problems.all)
      diagnostics.append(contentsOf: page.document.diagnostics)
      if page.draft && !options.includeDrafts {
        drafts.insert(path)
        continue
      }
      if let column = ContentLoader.dataColumn(of: path) {
        pages += expandDataPage(
          path: path, text: text, column: column, source: dataSource, page: page, datasets: loaded.datasets,
          declared: declared,
          diagnostics: &diagnostics)
      } else {
        if let dataSource {
          diagnostics.error(
            "'data' in front matter makes pages from data only in files named after a column, like '[author].md'",
            at: dataSource.location, hint: "rename the file to '[COLUMN].md', or remove 'data:'")
        }
        pages.append(page)
      }
    }

    // Section lists for folders without index.md, and the home page.
    var lists = Set(pages.filter { $0.kind == .list }.map { $0.folder })
    var folders = Set<String>()
    for page in pages where page.kind == .page {
      var folder = SitePath.directory(of: page.outputPath)
      while !folder.isEmpty {
        folder = SitePath.directory(of: folder)
        folders.insert(folder)
      }
    }
    folders.insert("")
    for folder in folders.sorted() where !lists.contains(folder) {
      lists.insert(folder)
      let title =
        folder.isEmpty ? loaded.config.title : ContentLoader.titleFromFileName(SitePath.fileName(of: folder))
      var list = Page(
        source: folder.isEmpty ? "content" : "content/" + folder,
        contentPath: SitePath.join(folder, "index.md"),
        outputPath: SitePath.join(folder, "index.html"), kind: .list, title: title,
        frontMatterLocation: SourceLocation(path: "content/" + folder))
      list.generated = true
      if folder.isEmpty, !loaded.config.description.isEmpty { list.summary = loaded.config.description }
      pages.append(list)
    }

    // One page per output path.
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
    pages = byOutput.values.sorted {
      $0.outputPath == "index.html" || ($1.outputPath != "index.html" && $0.outputPath < $1.outputPath)
    }

    // Templates named in front matter.
    for page in pages {
      let name = page.template ?? (page.kind == .list ? "list" : "page")
      if !loaded.templates.has(name) && !loaded.templates.broken.contains(name) {
        diagnostics.error(
          "template '\(name)' does not exist", at: page.templateLocation ?? page.frontMatterLocation,
          hint: Suggestion.hint(for: name, in: Array(loaded.templates.sources.keys))
            ?? "add templates/\(name).mustache")
      }
    }

    // Metric names: a page may not redefine a site metric.
    let siteNames = Set(loaded.config.metrics.map(\.name))
    var seenPages = Set<String>()
    for page in pages where seenPages.insert(page.contentPath).inserted {
      for metric in page.metrics where siteNames.contains(metric.name) {
        diagnostics.error(
          "metric '\(metric.name)' is already defined in gen.yml", at: metric.location,
          hint: "give the page's metric another name")
      }
    }

    // Copied files and link targets.
    var copies: [String: String] = [:]
    for (path, full) in loaded.content.assets { copies[path] = full }
    var pagesBySource: [String: String] = [:]
    var listsByFolder: [String: String] = [:]
    for page in pages {
      if !page.generated, page.dataColumn == nil {
        pagesBySource[page.contentPath] = page.outputPath
      }
      if page.kind == .list { listsByFolder[page.folder] = page.outputPath }
    }
    for (path, _) in loaded.content.assets where byOutput[path] != nil {
      diagnostics.error(
        "content/\(path) has the same output path as a page", at: SourceLocation(path: "content/" + path),
        hint: "rename the file")
    }
    let links = LinkResolver(
      pagesBySource: pagesBySource, listsByFolder: listsByFolder, files: Set(copies.keys), drafts: drafts)
    let read = parallelMap(pages) { page -> (PageDocument, [Diagnostic]) in
      var problems: [Diagnostic] = []
      let document = PageDocument.read(page, links: links, into: &problems)
      return (document, problems)
    }
    ComputeStep.reportOnce(zip(pages, read.map(\.1)), into: &diagnostics)
    return Outcome(
      site: SiteModel(
        loaded: loaded, pages: pages, links: links, copies: copies,
        engine: QueryEngine(datasets: loaded.datasets, unavailable: declared), documents: read.map(\.0),
        fixedColors: fixedColors(loaded.config, &diagnostics)),
      diagnostics: diagnostics)
  }

  /// The palette slots of `colors:` in gen.yml; unknown colour names are errors, and two
  /// groups given one colour are warned about.
  static func fixedColors(_ config: SiteConfig, _ diagnostics: inout Diagnostics) -> [String: Int] {
    var fixed: [String: Int] = [:]
    var groupsBySlot: [Int: [String]] = [:]
    for (group, name) in config.colors.sorted(by: { $0.key < $1.key }) {
      if let slot = Palette.names[name.lowercased()] {
        fixed[group] = slot
        groupsBySlot[slot, default: []].append(group)
      } else {
        diagnostics.error(
          "unknown colour '\(name)' for '\(group)'", at: config.colorLocations[group],
          hint: Suggestion.hintOrList(for: name.lowercased(), in: Array(Palette.names.keys), noun: "colour"))
      }
    }
    for (_, groups) in groupsBySlot.sorted(by: { $0.key < $1.key }) where groups.count > 1 {
      diagnostics.warning(
        "\(groups.map { "'\($0)'" }.joined(separator: ", ")) have the same colour, "
          + "so a chart showing them together draws all but one in other colours",
        at: config.colorLocations[groups[1]], hint: "give each group its own colour")
    }
    return fixed
  }

  /// One page per distinct value of `column` in the page's dataset.
  static func expandDataPage(
    path: String, text: String, column: String, source: (dataset: String, location: SourceLocation)?,
    page: Page,
    datasets: [String: Dataset], declared: Set<String> = [], diagnostics: inout Diagnostics
  ) -> [Page] {
    guard let source else {
      diagnostics.error(
        "content/\(path) is a page from data but names no dataset", at: page.frontMatterLocation,
        hint: "add 'data: DATASET' to its front matter; one page is made per value of '\(column)'")
      return []
    }
    guard let dataset = datasets[source.dataset] else {
      if declared.contains(source.dataset) { return [] }  // failed to load, already reported
      diagnostics.error(
        "unknown dataset '\(source.dataset)'", at: source.location,
        hint: Suggestion.hintOrList(for: source.dataset, in: Array(datasets.keys), noun: "dataset"))
      return []
    }
    guard let (codes, dictionary) = dataset.codes(of: column) else {
      diagnostics.error(
        "dataset '\(dataset.name)' has no column '\(column)' (from the file name [\(column)].md)",
        at: SourceLocation(path: "content/" + path),
        hint: Suggestion.hintOrList(for: column, in: dataset.table.columnNames, noun: "column"))
      return []
    }
    // The first row of each value gives the page's parameters.
    var firstRow = [Int](repeating: -1, count: dictionary.count)
    for (row, code) in codes.enumerated() where code != Missing.code && firstRow[Int(code)] < 0 {
      firstRow[Int(code)] = row
    }
    let folder = SitePath.directory(of: path)
    var usedSlugs = Set<String>()
    var out: [Page] = []
    for (code, value) in dictionary.enumerated().sorted(by: { $0.element < $1.element })
    where firstRow[code] >= 0 {
      var params: [String: String] = [:]
      for c in dataset.table.columns { params[c.name] = c.string(at: firstRow[code]) ?? "" }
      params[column] = value
      let (instanceBase, _, problems) = ContentLoader.page(path: path, text: text, params: params)
      var instance = instanceBase
      if out.isEmpty { diagnostics.append(contentsOf: problems.all) }
      let slug = Slug.unique(Slug.make(value), in: &usedSlugs)
      instance.outputPath = SitePath.join(SitePath.join(folder, slug), "index.html")
      instance.kind = .page
      instance.params = params
      instance.dataColumn = column
      instance.document = page.document
      if instance.title == page.title, page.title == ContentLoader.titleFromFileName("[\(column)]") {
        instance.title = value
      }
      out.append(instance)
    }
    return out
  }
}
