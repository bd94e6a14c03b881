// Fuzzes templates: the input is carved into template files (`=== page.mustache`,
// `=== partials/a.mustache`; text before the first marker is page.mustache) laid over the
// built-in theme, loaded (syntax, cycle and depth checks) and rendered with a context.
import FuzzSupport
import GenCore
import GenTemplates

let scratch = FuzzScratch("templates")
runFuzzer { bytes in
  let files = fuzzParts(bytes).map { part in
    (path: part.name.isEmpty ? "page.mustache" : part.name, text: part.text)
  }
  scratch.reset(files)
  var diagnostics = Diagnostics()
  let set = TemplateSet.load(directory: scratch.path, into: &diagnostics)
  let context: [String: Any] = [
    "title": "A <title>", "items": [["name": "a"], ["name": "b"]], "flag": true,
    "content": "<p>body</p>", "page": ["title": "Page", "params": ["x": "1"]],
  ]
  for name in ["page", "base", "list", "partials/a"] where set.has(name) {
    _ = set.render(name, context)
  }
}
