import CCmark
import GenCore

/// A fenced code block found in a page.
public struct FencedBlock: Sendable {
  /// The first word of the info string (`chart`, `table`).
  public var info: String
  /// The block's text.
  public var content: String
  /// The line of the opening fence in the file.
  public var fenceLine: Int
  /// The column of the opening fence.
  public var column: Int
}

extension MarkdownRenderer {
  /// The fenced code blocks of a page body in document order, found through the cmark
  /// AST (so fences inside lists and quotes count, and fence-like text in code does not).
  public static func fencedBlocks(_ source: String, lineOffset: Int = 0) -> [FencedBlock] {
    let length = source.utf8.count
    guard let root = source.withCString({ cmark_parse_document($0, length, CMARK_OPT_DEFAULT) }) else {
      return []
    }
    defer { cmark_node_free(root) }
    var blocks: [FencedBlock] = []
    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
        cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
      else { continue }
      let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
      guard let word = info.split(separator: " ").first.map(String.init), !word.isEmpty else { continue }
      blocks.append(
        FencedBlock(
          info: word, content: literal(node), fenceLine: Int(cmark_node_get_start_line(node)) + lineOffset,
          column: Int(cmark_node_get_start_column(node))))
    }
    return blocks
  }
}
