import GenCore
import GenData
import GenMarkdown
import GenYAML

/// A Markdown file of `content/` read once, in the load step: its front matter (without
/// the parameters of pages from data), its body parsed, and the YAML of its `chart` and
/// `table` blocks. The rollup planner reads what the site uses from it before the
/// datasets load; validate makes the pages from it.
struct SourcePage: Sendable {
  /// The path inside `content/`, and the file's text.
  var path: String
  var text: String
  /// The page as its front matter describes it.
  var page: Page
  /// `data:` of a page from data, and where it is written.
  var dataSource: (dataset: String, location: SourceLocation)?
  /// The `metrics:` of the front matter as written (the parsed specs miss those whose
  /// values only a page from data makes valid), for the rollup planner.
  var metricsNode: YAMLNode?
  /// Each fenced block's YAML (nil where it failed to parse or is empty), in document
  /// order, for the rollup planner. (Each page reads its blocks again with its parameters,
  /// and reports their problems then.)
  var blockNodes: [YAMLNode?]

  /// Reads every Markdown file, in parallel.
  static func read(
    _ files: [(path: String, text: String)], rawHTML: Bool, into diagnostics: inout Diagnostics
  )
    -> [SourcePage]
  {
    let options = MarkdownOptions(allowRawHTML: rawHTML)
    return parallelMap(files, reportingInto: &diagnostics) { file, problems in
      var (page, dataSource, metricsNode) = ContentLoader.page(
        path: file.path, text: file.text, into: &problems)
      // The body is parsed once here; pages generated from this file share it.
      page.document = MarkdownDocument.parse(
        page.body, path: page.source, lineOffset: page.bodyLineOffset, options: options,
        blockKinds: PageDocument.blockKinds)
      problems.append(contentsOf: page.document.diagnostics)
      var ignored = Diagnostics()
      let nodes = page.document.fencedBlocks.map { block in
        YAMLParser.parse(
          block.content, path: page.source, lineOffset: block.fenceLine, columnOffset: block.column - 1,
          into: &ignored)
      }
      return SourcePage(
        path: file.path, text: file.text, page: page, dataSource: dataSource, metricsNode: metricsNode,
        blockNodes: nodes)
    }
  }
}
