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
  /// False when the file is not valid YAML: nothing that depends on it can be checked.
  public var isReadable = true

  /// The keys gen.yml may have.
  public static let keys = [
    "title", "description", "author", "language", "base_url", "raw_html", "datasets", "metrics", "colors",
  ]

  /// Reads `gen.yml`. Datasets and metrics declared with errors are reported and
  /// marked failed, so that what uses them stays quiet.
  public static func parse(_ text: String, path: String, into diagnostics: inout Diagnostics) -> SiteConfig {
    var config = SiteConfig()
    config.path = path
    let mark = diagnostics.count
    let root = YAMLParser.parse(text, path: path, into: &diagnostics)
    if diagnostics.hasErrors(since: mark) { config.isReadable = false }
    guard let root else { return config }
    var reader = SpecReader(root, what: path, allowed: keys)
    defer { diagnostics.merge(reader.diagnostics) }
    guard root.mapping != nil else { return config }
    config.readSettings(&reader)
    config.readDatasets(root["datasets"], &reader.diagnostics)
    if let metrics = root["metrics"] {
      config.metrics = parseMetrics(metrics, page: "", into: &reader.diagnostics)
    }
    config.readColors(root["colors"], &reader.diagnostics)
    return config
  }

  /// Title, description, author, language, base URL, raw HTML.
  private mutating func readSettings(_ reader: inout SpecReader) {
    if let title = reader.string("title") { self.title = title }
    if let description = reader.string("description") { self.description = description }
    self.author = reader.string("author")
    if let language = reader.string("language") {
      if language.allSatisfy({ $0.isLetter || $0 == "-" }) && !language.isEmpty {
        self.language = language
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
        self.baseURL = base.hasSuffix("/") ? base : base + "/"
      } else {
        reader.diagnostics.error(
          "'base_url' must be an absolute http(s) URL with a host and no query, not '\(base)'",
          at: reader.location("base_url"),
          hint: "e.g. https://example.org/report/; links inside the site stay relative either way")
      }
    }
    if let raw = reader.bool("raw_html") { self.rawHTML = raw }
  }

  /// `datasets:`: declarations with errors are left out and marked failed.
  private mutating func readDatasets(_ datasets: YAMLNode?, _ diagnostics: inout Diagnostics) {
    guard let datasets else { return }
    guard let pairs = datasets.mapping else {
      diagnostics.error("'datasets' must map dataset names to their declarations", at: datasets.location)
      return
    }
    for (key, value) in pairs {
      if let spec = DatasetSpec.parse(name: key.scalar ?? "", node: value, into: &diagnostics) {
        self.datasets.append(spec)
      } else if let name = key.scalar {
        diagnostics.markFailed(.dataset(name))
      }
    }
  }

  /// `colors:`: group names to colour names (checked in the validate step).
  private mutating func readColors(_ colors: YAMLNode?, _ diagnostics: inout Diagnostics) {
    guard let colors else { return }
    guard let pairs = colors.mapping else {
      diagnostics.error("'colors' must map group names to colour names", at: colors.location)
      return
    }
    for (key, value) in pairs {
      guard let group = key.scalar, let color = value.string else { continue }
      self.colors[group] = color
      colorLocations[group] = value.location
    }
  }

  /// Reads a `metrics:` mapping (gen.yml, or the front matter of page `page`). Metrics
  /// declared with errors are reported and marked failed.
  public static func parseMetrics(_ node: YAMLNode, page: String, into diagnostics: inout Diagnostics)
    -> [MetricSpec]
  {
    guard let pairs = node.mapping else {
      diagnostics.error("'metrics' must map metric names to their definitions", at: node.location)
      return []
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
      if let spec = MetricSpec.parse(name: name, node: value, into: &diagnostics) {
        specs.append(spec)
      } else {
        diagnostics.markFailed(.metric(name, page: page))
      }
    }
    return specs
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
