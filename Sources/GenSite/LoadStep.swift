import Foundation
import GenCore
import GenData
import GenPostgres
import GenTemplates

/// Everything read from disk.
struct LoadedSite: Sendable {
  var root: String
  var config: SiteConfig
  var content: ContentFiles
  var templates: TemplateSet
  /// Every Markdown file, read and parsed once.
  var sources: [SourcePage]
  var datasets: [String: Dataset]
}

/// Step 1: read the config, the content folder, the templates and the datasets.
enum LoadStep {
  struct Outcome {
    var site: LoadedSite
    /// Whether nothing sensible can follow (no config, no content).
    var fatal: Bool
  }

  static func run(_ options: BuildOptions, cache: DatasetCache?, into diagnostics: inout Diagnostics)
    -> Outcome
  {
    let root = options.siteRoot
    var config = SiteConfig()
    var fatal = false
    let configPath = SitePath.join(root, "gen.yml")
    if let data = SiteFiles.read(configPath) {
      config = SiteConfig.parse(
        SourceText.normalized(String(decoding: data, as: UTF8.self)), path: "gen.yml", into: &diagnostics)
      // Datasets, metrics and everything after them depend on a readable config.
      if !config.isReadable { fatal = true }
    } else {
      diagnostics.error(
        "no gen.yml in \(root)", at: nil,
        hint: "run gen in a site folder, pass --site DIR, or create one with 'gen new DIR'")
      fatal = true
    }
    let contentDirectory = SitePath.join(root, "content")
    if !fatal, !SiteFiles.isDirectory(contentDirectory) {
      diagnostics.error(
        "no content/ folder in \(root)", at: nil, hint: "pages are Markdown files in content/")
      fatal = true
    }
    let content = ContentLoader.read(contentDirectory: contentDirectory, into: &diagnostics)
    let templatesDirectory = SitePath.join(root, "templates")
    let templates = TemplateSet.load(
      directory: SiteFiles.isDirectory(templatesDirectory) ? templatesDirectory : nil, into: &diagnostics)
    let sources = SourcePage.read(
      content.markdown.map { ($0.path, $0.text) }, rawHTML: config.rawHTML, into: &diagnostics)
    // What the site uses of each dataset decides what its rollup keeps.
    let plans =
      options.reducesData
      ? RollupPlanner.plans(config, sources: sources, templateTexts: Array(templates.texts.values)) : nil
    let datasets = loadDatasets(
      config, plans: plans, root: root, options: options, cache: cache, &diagnostics)
    return Outcome(
      site: LoadedSite(
        root: root, config: config, content: content, templates: templates, sources: sources,
        datasets: datasets),
      fatal: fatal)
  }

  /// The datasets: from `gen serve`'s cache when no declaration or file changed, else loaded.
  static func loadDatasets(
    _ config: SiteConfig, plans: [String: RollupPlan]?, root: String, options: BuildOptions,
    cache: DatasetCache?,
    _ diagnostics: inout Diagnostics
  ) -> [String: Dataset] {
    let key = cacheKey(config.datasets, plans: plans, root: root)
    if let cache, let (hit, problems) = cache.lookup(key) {
      diagnostics.merge(problems)
      return hit
    }
    var problems = diagnostics.forTask()
    let names = config.datasets.map(\.name)
    for name in (options.refresh ?? []).sorted() where !names.contains(name) {
      // A misspelt name would leave the data it meant stale: refuse it.
      problems.error(
        "--refresh names '\(name)', which is not a dataset in gen.yml", at: nil,
        hint: Suggestion.hintOrList(for: name, in: names, noun: "dataset"))
    }
    let loaded = DatasetLoader.load(
      config.datasets, plans: plans, siteRoot: root,
      external: options.reachesOutside
        ? PostgresReader.reader(siteRoot: root, refresh: options.refresh) : nil,
      loaders: LoaderRun.Options(refresh: options.refresh, runs: options.reachesOutside), into: &problems)
    cache?.store(key, loaded, problems)
    diagnostics.merge(problems)
    return loaded
  }

  /// A key that changes when a dataset's declaration or file changes, or what the site
  /// uses of it.
  static func cacheKey(_ specs: [DatasetSpec], plans: [String: RollupPlan]?, root: String) -> String {
    var hash = StableHash()
    if plans == nil { hash.combine("every column") }
    for (name, plan) in (plans ?? [:]).sorted(by: { $0.key < $1.key }) {
      hash.combine(name + ":" + plan.description)
    }
    func combineStat(_ path: String) {
      let full = path.hasPrefix("/") ? path : SitePath.join(root, path)
      if let attributes = try? FileManager.default.attributesOfItem(atPath: full) {
        hash.combine(
          "\(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
      }
    }
    for spec in specs {
      hash.combine(stableDescription(spec))
      combineStat(spec.file)
      // A loader runs again when its inputs change: so does the cached dataset.
      for input in spec.loader?.inputs ?? [] {
        let full = input.hasPrefix("/") ? input : SitePath.join(root, input)
        if SiteFiles.isDirectory(full) {
          for file in SiteFiles.walk(full).sorted(by: { $0.relative < $1.relative }) {
            hash.combine(file.relative)
            combineStat(file.full)
          }
        } else {
          combineStat(input)
        }
      }
    }
    return hash.hex
  }

  /// Like `String(describing:)`, but the same for equal values: dictionary and set
  /// entries are sorted (their order differs between equal dictionaries), so that a
  /// declaration parsed again from the same `gen.yml` gives the same cache key.
  static func stableDescription(_ value: Any) -> String {
    let mirror = Mirror(reflecting: value)
    if mirror.children.isEmpty { return String(describing: value) }
    let parts = mirror.children.map { ($0.label.map { $0 + ": " } ?? "") + stableDescription($0.value) }
    switch mirror.displayStyle {
    case .dictionary?, .set?: return "[" + parts.sorted().joined(separator: ", ") + "]"
    default: return "\(mirror.subjectType)(" + parts.joined(separator: ", ") + ")"
    }
  }
}
