// Fuzzes a whole site built in memory: the input is carved into files (`=== gen.yml`,
// `=== content/data.csv`, `=== templates/page.mustache`; text before the first marker is
// content/index.md) and run through load, validate, compute and render. Nothing is
// written; loader programs and databases are refused.
import FuzzSupport
import GenCore
import GenSite

let scratch = FuzzScratch("site")
runFuzzer { bytes in
  let parts = fuzzParts(bytes)
  scratch.reset(parts.map { (path: $0.name.isEmpty ? "content/index.md" : $0.name, text: $0.text) })
  var options = BuildOptions(siteRoot: scratch.path, sourceDateEpoch: 1_780_000_000)
  options.reachesOutside = false
  let result = SitePipeline.run(options)
  precondition(result.output != nil || result.diagnostics.hasErrors, "no output and no error")
}
