import GenCore
import GenData
import GenYAML

/// The site's `gen.yml`.
public struct SiteConfig: Sendable {
  /// Site title.
  public var title: String = "Untitled site"
  /// One-sentence description (meta description and feed subtitle).
  public var description: String = ""
  /// Author name.
  public var author: String?
  /// Language tag of the pages (`en`).
  public var language: String = "en"
  /// Absolute URL where the site is published; used only for the feed, the sitemap and Open Graph.
  public var baseURL: String?
  /// Keep raw HTML written in Markdown.
  public var rawHTML = false
  /// Datasets by name, in declaration order.
  public var datasets: [DatasetSpec] = []
  /// Metrics visible on every page.
  public var metrics: [MetricSpec] = []
  /// Fixed colours for chart groups (`CN: vermillion`).
  public var colors: [String: String] = [:]
  /// Where `colors` entries are written.
  public var colorLocations: [String: SourceLocation] = [:]
  /// The config file's path, relative to the site.
  public var path: String = "gen.yml"
  /// Datasets declared with errors (reported): not loaded, and not unknown either.
  public var brokenDatasets: Set<String> = []
  /// The names of every declared dataset, sound or broken.
  public var declaredDatasets: Set<String> { Set(datasets.map(\.name)).union(brokenDatasets) }
  /// False when the file is not valid YAML: nothing that depends on it can be checked.
  public var isReadable = true

  /// The keys gen.yml may have.
  public static let keys = [
    "title", "description", "author", "language", "base_url", "raw_html", "datasets", "metrics", "colors",
  ]

  /// Reads `gen.yml`.
  public static func parse(_ text: String, path: String) -> (SiteConfig, Diagnostics) {
    var config = SiteConfig()
    config.path = path
    let root: YAMLNode?
    do {
      root = try YAMLParser.parse(text, path: path)
    } catch {
      config.isReadable = false
      return (config, Diagnostics([error]))
    }
    guard let root else { return (config, Diagnostics()) }
    var reader = SpecReader(root, what: path, allowed: keys)
    guard root.mapping != nil else { return (config, reader.diagnostics) }
    if let title = reader.string("title") { config.title = title }
    if let description = reader.string("description") { config.description = description }
    config.author = reader.string("author")
    if let language = reader.string("language") {
      if language.allSatisfy({ $0.isLetter || $0 == "-" }) && !language.isEmpty {
        config.language = language
      } else {
        reader.diagnostics.error(
          "'language' must be a language tag such as 'en' or 'pt-BR', not '\(language)'",
          at: reader.location("language"))
      }
    }
    if let base = reader.string("base_url") {
      if let scheme = ["https://", "http://"].first(where: { base.hasPrefix($0) }),
        let host = base.dropFirst(scheme.count).split(separator: "/", omittingEmptySubsequences: false).first,
        !host.isEmpty, !base.contains(where: { " \"'<>?#\\".contains($0) })
      {
        config.baseURL = base.hasSuffix("/") ? base : base + "/"
      } else {
        reader.diagnostics.error(
          "'base_url' must be an absolute http(s) URL with a host and no query, not '\(base)'",
          at: reader.location("base_url"),
          hint: "e.g. https://example.org/report/; links inside the site stay relative either way")
      }
    }
    if let raw = reader.bool("raw_html") { config.rawHTML = raw }
    var diagnostics = reader.diagnostics
    if let datasets = root["datasets"] {
      if let pairs = datasets.mapping {
        for (key, value) in pairs {
          let (spec, problems) = DatasetSpec.parse(name: key.scalar ?? "", node: value)
          diagnostics.append(contentsOf: problems.all)
          // A declaration with errors is not loaded half-right; what uses it stays quiet.
          if let spec, !problems.hasErrors {
            config.datasets.append(spec)
          } else if let name = key.scalar {
            config.brokenDatasets.insert(name)
          }
        }
      } else {
        diagnostics.error("'datasets' must map dataset names to their declarations", at: datasets.location)
      }
    }
    if let metrics = root["metrics"] {
      let (specs, problems) = parseMetrics(metrics)
      config.metrics = specs
      diagnostics.append(contentsOf: problems.all)
    }
    if let colors = root["colors"] {
      if let pairs = colors.mapping {
        for (key, value) in pairs {
          guard let group = key.scalar, let color = value.string else { continue }
          config.colors[group] = color
          config.colorLocations[group] = value.location
        }
      } else {
        diagnostics.error("'colors' must map group names to colour names", at: colors.location)
      }
    }
    return (config, diagnostics)
  }

  /// Reads a `metrics:` mapping (gen.yml or front matter).
  public static func parseMetrics(_ node: YAMLNode) -> ([MetricSpec], Diagnostics) {
    var diagnostics = Diagnostics()
    guard let pairs = node.mapping else {
      diagnostics.error("'metrics' must map metric names to their definitions", at: node.location)
      return ([], diagnostics)
    }
    var specs: [MetricSpec] = []
    for (key, value) in pairs {
      let name = key.scalar ?? ""
      if !MetricName.isValid(name) {
        diagnostics.error(
          "metric name '\(name)' may contain only letters, digits and '_', and must start with a letter",
          at: key.location)
        continue
      }
      let (parsed, problems) = MetricSpec.parse(name: name, node: value)
      diagnostics.append(contentsOf: problems.all)
      if var spec = parsed {
        spec.isBroken = problems.hasErrors
        specs.append(spec)
      } else {
        specs.append(.broken(name: name, location: value.location))
      }
    }
    return (specs, diagnostics)
  }
}

/// Rules for metric names.
public enum MetricName {
  /// Letters, digits and `_`, starting with a letter.
  public static func isValid(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_"
    }
  }
}
