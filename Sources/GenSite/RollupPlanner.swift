import GenCore
import GenData
import GenYAML

/// Works out, before any data is read, which columns of each dataset the site uses:
/// every metric (of `gen.yml` and of front matter), chart and table block, and page from
/// data, with the parameters its page and the templates name. The datasets are then
/// read as rollups of just those columns (see `RollupPlan`).
///
/// It reads the YAML as written, so that values a page from data fills in later
/// (`where: { author: "{{ params.author }}" }`) do not matter: only column names do.
enum RollupPlanner {
  static func plans(_ config: SiteConfig, sources: [SourcePage], templateTexts: [String]) -> [String:
    RollupPlan]
  {
    var plans: [String: RollupPlan] = [:]
    func add(_ uses: [(String, RollupPlan)]) {
      for (dataset, plan) in uses { plans[dataset, default: RollupPlan()].merge(plan) }
    }
    for metric in config.metrics { add(uses(of: metric.query)) }
    let templateParams = templateTexts.reduce(into: Set<String>()) { $0.formUnion(parameterNames(in: $1)) }
    for source in sources {
      for metric in source.page.metrics { add(uses(of: metric.query)) }
      if let node = source.metricsNode { add(uses(ofMetrics: node)) }
      for node in source.blockNodes.compactMap({ $0 }) { add(uses(ofSpec: node)) }
      if let column = ContentLoader.dataColumn(of: source.path), let data = source.dataSource {
        var plan = RollupPlan(keys: [column])
        plan.keys.formUnion(parameterNames(in: source.text).union(templateParams))
        add([(data.dataset, plan)])
      }
    }
    return plans
  }

  /// The uses of a parsed data query.
  static func uses(of q: DataQuery) -> [(String, RollupPlan)] {
    var plan = RollupPlan(keys: Set((q.filters + q.within).map(\.column) + [q.by].compactMap { $0 }))
    if q.measure != .count, let value = q.value { plan.measures.insert(value) }
    if let ratio = q.ratio {
      plan.measures.formUnion([ratio.numerator, ratio.denominator].filter { $0 != "rows" })
    }
    var out = [(q.data, plan)]
    if let d = q.denominator {
      var other = RollupPlan(keys: Set(d.filters.map(\.column)))
      if let value = d.value { other.measures.insert(value) }
      out.append((d.data, other))
    }
    return out
  }

  /// The uses of each metric of a `metrics:` mapping.
  static func uses(ofMetrics node: YAMLNode) -> [(String, RollupPlan)] {
    (node.mapping ?? []).flatMap { uses(ofSpec: $0.value) }
  }

  /// The uses of a metric, chart or table spec, read from its YAML.
  static func uses(ofSpec node: YAMLNode) -> [(String, RollupPlan)] {
    guard let data = node["data"]?.string else { return [] }
    var plan = RollupPlan()
    for key in ["where", "within"] {
      for (column, _) in node[key]?.mapping ?? [] { if let name = column.scalar { plan.keys.insert(name) } }
    }
    for key in ["by", "facet"] { if let name = node[key]?.string { plan.keys.insert(name) } }
    if node["measure"]?.string != "count", let value = node["value"]?.string { plan.measures.insert(value) }
    for name in node["ratio"]?.scalarList ?? [] where name != "rows" { plan.measures.insert(name) }
    let columns = node["columns"]
    for item in columns?.sequence ?? columns.map({ [$0] }) ?? [] {
      if let text = item.scalar, text.hasPrefix("min:") || text.hasPrefix("max:") {
        plan.extremes.insert(String(text.dropFirst(4)).trimmingCharacters(in: " "))
      }
      for (key, value) in item.mapping ?? [] where key.scalar == "min" || key.scalar == "max" {
        if let name = value.scalar { plan.extremes.insert(name) }
      }
    }
    var out = [(data, plan)]
    if let denominator = node["denominator"], let other = denominator["data"]?.string {
      var otherPlan = RollupPlan()
      for (column, _) in denominator["where"]?.mapping ?? [] {
        if let name = column.scalar { otherPlan.keys.insert(name) }
      }
      if let value = denominator["value"]?.string { otherPlan.measures.insert(value) }
      out.append((other, otherPlan))
    }
    return out
  }

  /// The names after `params.` in a text (a page, a template).
  static func parameterNames(in text: String) -> Set<String> {
    var names = Set<String>()
    var rest = text[...]
    while let found = rest.firstRange(of: "params.") {
      let after = rest[found.upperBound...]
      let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
      if !name.isEmpty { names.insert(String(name)) }
      rest = after
    }
    return names
  }
}
