// Fuzzes YAML and every spec reader: gen.yml, front matter, and metric, chart and table
// specs read from the same document.
import FuzzSupport
import GenCharts
import GenCore
import GenData
import GenSite
import GenYAML

runFuzzer { bytes in
  let text = String(decoding: bytes, as: UTF8.self)
  var diagnostics = Diagnostics()
  _ = SiteConfig.parse(text, path: "gen.yml", into: &diagnostics)
  _ = FrontMatter.split("---\n" + text + "\n---\nbody\n", path: "page.md", into: &diagnostics)
  guard let node = YAMLParser.parse(text, path: "spec.yml", into: &diagnostics) else { return }
  _ = MetricSpec.parse(name: "m", node: node, into: &diagnostics)
  _ = ChartSpec.parse(node, into: &diagnostics)
  _ = TableSpec.parse(node, into: &diagnostics)
  _ = SiteConfig.parseMetrics(node, page: "page.md", into: &diagnostics)
}
