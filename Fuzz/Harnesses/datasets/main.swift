// Fuzzes datasets as gen.yml declares them: the input's first part is gen.yml, the rest
// are data files (`=== data.csv`). The loader reads them into rollups, derives columns
// (`{ expr: }`, `{ date: }`, lookups), applies `where:` and checks time and value
// columns. Loader programs and databases are refused: the input is random.
import FuzzSupport
import GenCore
import GenData
import GenSite

let scratch = FuzzScratch("datasets")
runFuzzer { bytes in
  let parts = fuzzParts(bytes)
  scratch.reset(parts.dropFirst().map { (path: $0.name, text: $0.text) })
  var diagnostics = Diagnostics()
  let config = SiteConfig.parse(parts[0].text, path: "gen.yml", into: &diagnostics)
  _ = DatasetLoader.load(
    config.datasets, siteRoot: scratch.path, loaders: LoaderRun.Options(runs: false), into: &diagnostics)
}
