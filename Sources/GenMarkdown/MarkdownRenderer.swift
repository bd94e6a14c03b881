import CCmark
import GenCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Converts a page body through libcmark: parse to an AST, apply gen's transforms on
/// the AST (inline values, fenced charts and tables, links, heading ids, raw HTML),
/// then render HTML. Every cmark node, iterator and string it creates is freed here.
public enum MarkdownRenderer {
  /// Renders Markdown to HTML.
  ///
  /// - Parameters:
  ///   - source: the Markdown body (front matter already removed).
  ///   - path: the file, for diagnostics.
  ///   - lineOffset: lines before the body in the file.
  ///   - options: conversion options.
  ///   - hooks: what to do with expressions, fenced blocks and links.
  public static func render(
    _ source: String, path: String, lineOffset: Int = 0, options: MarkdownOptions = MarkdownOptions(),
    hooks: MarkdownHooks = .none
  ) -> RenderedMarkdown {
    var flags = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8
    if options.smartPunctuation { flags |= CMARK_OPT_SMART }
    let length = source.utf8.count
    guard
      let root = source.withCString({ cmark_parse_document($0, length, flags) })
    else {
      return RenderedMarkdown(
        html: "", headings: [],
        diagnostics: [.error("Markdown could not be parsed", at: SourceLocation(path: path))],
        firstParagraph: nil)
    }
    defer { cmark_node_free(root) }
    cmark_consolidate_text_nodes(root)

    var transform = ASTTransform(
      root: root, source: source, path: path, lineOffset: lineOffset, options: options, hooks: hooks)
    transform.run()
    let html = renderHTML(root, flags: flags)
    return RenderedMarkdown(
      html: html, headings: transform.headings, diagnostics: transform.diagnostics,
      firstParagraph: transform.firstParagraph)
  }

  /// Renders a node (and its children) to HTML, freeing cmark's buffer.
  static func renderHTML(_ node: OpaquePointer, flags: Int32) -> String {
    guard let cString = cmark_render_html(node, flags) else { return "" }
    defer { free(cString) }
    return String(cString: cString)
  }
}

/// Reads a node's literal text.
func literal(_ node: OpaquePointer) -> String {
  guard let c = cmark_node_get_literal(node) else { return "" }
  return String(cString: c)
}

/// Makes a new raw-HTML node (inline or block) carrying gen's own generated HTML.
func htmlNode(_ html: String, block: Bool) -> OpaquePointer {
  let node = cmark_node_new(block ? CMARK_NODE_HTML_BLOCK : CMARK_NODE_HTML_INLINE)!
  cmark_node_set_literal(node, html)
  return node
}

/// Makes a new text node.
func textNode(_ text: String) -> OpaquePointer {
  let node = cmark_node_new(CMARK_NODE_TEXT)!
  cmark_node_set_literal(node, text)
  return node
}
