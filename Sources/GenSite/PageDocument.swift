import GenCharts
import GenCore
import GenData
import GenMarkdown
import GenYAML

/// A page's body as the validate step leaves it: the Markdown parsed once (shared by
/// every page generated from the same file), each fenced `chart` and `table` block read
/// into its spec with the page's parameters, and each link resolved to its URL in the
/// built site. Compute then gives its expressions and blocks their values, and render
/// serialises it.
struct PageDocument: Sendable {
  /// A fenced block, read.
  enum Block: Sendable {
    /// A chart, with its id on the page (the file name of its `.svg` and `.csv`).
    case chart(ChartSpec, id: String)
    /// A table of groups or of metrics.
    case table(TableSpec)
    /// A block whose spec had errors (reported); rendered as nothing.
    case failed
  }

  /// The parsed Markdown.
  var markdown: MarkdownDocument
  /// One entry per fenced block of `markdown`, in the same order.
  var blocks: [Block]
  /// The URL of each link and image of `markdown`, in the same order.
  var urls: [String]
  /// Links to headings, checked once every page's headings are known.
  var anchors: [LinkResolver.PendingAnchor]

  /// Info words of the fenced blocks gen renders itself.
  static let blockKinds: Set<String> = ["chart", "table"]

  /// Reads the blocks and resolves the links of a page.
  static func read(_ page: Page, links: LinkResolver, into diagnostics: inout Diagnostics) -> PageDocument {
    let markdown = page.document
    var usedIDs = Set<String>()
    var chartNumber = 0
    let blocks = markdown.fencedBlocks.map { block in
      readBlock(block, page: page, chartNumber: &chartNumber, usedIDs: &usedIDs, &diagnostics)
    }
    var anchors: [LinkResolver.PendingAnchor] = []
    let urls = markdown.links.map { link -> String in
      links.resolve(link.url, from: page, location: link.location, anchors: &anchors, into: &diagnostics)
        ?? link.url
    }
    return PageDocument(markdown: markdown, blocks: blocks, urls: urls, anchors: anchors)
  }

  /// Reads one fenced block: its YAML, with the page's parameters, into a spec.
  static func readBlock(
    _ block: FencedBlock, page: Page, chartNumber: inout Int, usedIDs: inout Set<String>,
    _ diagnostics: inout Diagnostics
  ) -> Block {
    let mark = diagnostics.count
    let node = YAMLParser.parse(
      block.content, path: page.source, lineOffset: block.fenceLine, columnOffset: block.column - 1,
      into: &diagnostics)
    if diagnostics.hasErrors(since: mark) { return .failed }
    guard let node = node?.substituting(params: page.params) else {
      diagnostics.append(
        .error(
          "empty \(block.info) block",
          at: SourceLocation(path: page.source, line: block.fenceLine, column: block.column),
          hint: "a \(block.info) block needs at least 'data:'"))
      return .failed
    }
    if block.info == "table" {
      return TableSpec.parse(node, into: &diagnostics).map { .table($0) } ?? .failed
    }
    chartNumber += 1
    guard let spec = ChartSpec.parse(node, into: &diagnostics) else { return .failed }
    // The id comes from the title as written, so that it does not change with the data.
    let base = spec.id ?? spec.title.map { Slug.make($0, fallback: "chart") } ?? "chart-\(chartNumber)"
    return .chart(spec, id: Slug.unique(String(base.prefix(60)), in: &usedIDs))
  }
}
