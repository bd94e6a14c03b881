import GenCore
import GenData
import GenMarkdown

/// Renders the fenced `chart` and `table` blocks of a page (compute step): their
/// specs are read, their data computed and drawn, and the HTML kept by the line of
/// the block's opening fence until the page is rendered.
struct BlockRenderer: Sendable {
  let engine: QueryEngine
  let config: SiteConfig
  let pages: [Page]

  /// The rendered blocks of a page, the problems found, and the number of charts drawn.
  func render(page: Page, index: Int, scope: ExpressionScope) -> ([Int: String], [Diagnostic], Int) {
    ([:], [], 0)
  }
}
