import CCmark
import GenCore

/// One pass of gen's transforms over a cmark document. Nodes are collected first and
/// changed afterwards, so the tree is never modified under a live iterator.
struct ASTTransform {
  let root: OpaquePointer
  let path: String
  let lineOffset: Int
  let options: MarkdownOptions
  let hooks: MarkdownHooks
  let lines: [Substring]

  var headings: [Heading] = []
  var diagnostics: [Diagnostic] = []
  var firstParagraph: String?
  private var usedIDs = Set<String>()
  private var cursor = (line: 0, column: 0)
  private var droppedHTML = false

  init(
    root: OpaquePointer, source: String, path: String, lineOffset: Int, options: MarkdownOptions,
    hooks: MarkdownHooks
  ) {
    self.root = root
    self.path = path
    self.lineOffset = lineOffset
    self.options = options
    self.hooks = hooks
    self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    self.usedIDs = options.reservedIDs
  }

  mutating func run() {
    var texts: [OpaquePointer] = []
    var links: [OpaquePointer] = []
    var rawHTML: [OpaquePointer] = []
    var codeBlocks: [OpaquePointer] = []
    var headingNodes: [OpaquePointer] = []
    var firstParagraphNode: OpaquePointer?

    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
      switch cmark_node_get_type(node) {
      case CMARK_NODE_TEXT: texts.append(node)
      case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
      case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: rawHTML.append(node)
      case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
      case CMARK_NODE_HEADING: headingNodes.append(node)
      case CMARK_NODE_PARAGRAPH:
        if firstParagraphNode == nil, cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT {
          firstParagraphNode = node
        }
      default: break
      }
    }

    // Raw HTML written by the author: kept only when the site opts in.
    if !options.allowRawHTML {
      for node in rawHTML {
        if !droppedHTML {
          droppedHTML = true
          diagnostics.append(
            .warning(
              "raw HTML dropped from the page", at: location(of: node),
              hint: "set 'raw_html: true' in gen.yml to keep HTML written in Markdown"))
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
      }
    }
    for node in texts { expandExpressions(in: node) }
    // Each pass finds its own text in document order, so each starts from the top.
    cursor = (0, 0)
    for node in links { rewriteLink(node) }
    if let node = firstParagraphNode {
      let text = plainText(of: node).trimmingSpaces
      firstParagraph = text.isEmpty ? nil : text
    }
    for node in codeBlocks { expandFencedBlock(node) }
    for node in headingNodes { renderHeading(node) }
  }

  // MARK: - Locations

  /// The location of a node's start in the file, or of its nearest positioned ancestor.
  func location(of node: OpaquePointer) -> SourceLocation {
    var current: OpaquePointer? = node
    while let n = current {
      let line = Int(cmark_node_get_start_line(n))
      if line > 0 {
        return SourceLocation(
          path: path, line: line + lineOffset, column: Int(cmark_node_get_start_column(n)))
      }
      current = cmark_node_parent(n)
    }
    return SourceLocation(path: path, line: lineOffset + 1, column: 1)
  }

  /// Finds `needle` in the source at or after the cursor (and not before `minLine`), and
  /// moves the cursor past it. Columns are counted in characters, 1-based.
  mutating func find(_ needle: String, minLine: Int) -> SourceLocation? {
    var lineIndex = max(cursor.line, minLine - 1)
    var startColumn = lineIndex == cursor.line ? cursor.column : 0
    while lineIndex < lines.count {
      let line = lines[lineIndex]
      let chars = Array(line)
      let target = Array(needle)
      if chars.count >= target.count, startColumn <= chars.count - target.count {
        for c in startColumn...(chars.count - target.count) where chars[c] == target[0] {
          if Array(chars[c..<(c + target.count)]) == target {
            cursor = (lineIndex, c + target.count)
            return SourceLocation(path: path, line: lineIndex + 1 + lineOffset, column: c + 1)
          }
        }
      }
      lineIndex += 1
      startColumn = 0
    }
    return nil
  }

  // MARK: - Inline expressions

  /// Splits a text node at `{{ … }}` and replaces each expression with the hook's HTML.
  mutating func expandExpressions(in node: OpaquePointer) {
    let text = literal(node)
    guard text.contains("{{") else { return }
    let blockLine = location(of: node).line - lineOffset
    var pieces: [OpaquePointer] = []
    var rest = text[...]
    while let open = rest.firstRange(of: "{{") {
      let before = rest[..<open.lowerBound]
      if !before.isEmpty { pieces.append(textNode(String(before))) }
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.firstRange(of: "}}") else {
        let site = find("{{", minLine: blockLine) ?? location(of: node)
        diagnostics.append(
          .error(
            "'{{' without a closing '}}'", at: site,
            hint: "write {{ name }} on one line, or put literal braces in `code`"))
        pieces.append(textNode(String(rest[open.lowerBound...])))
        rest = rest[rest.endIndex...]
        break
      }
      let expression = String(afterOpen[..<close.lowerBound])
      let site = find("{{" + expression + "}}", minLine: blockLine) ?? location(of: node)
      switch hooks.inlineExpression(expression, site) {
      case .success(let html):
        // Inside an image the text becomes alt text, which cannot hold markup.
        pieces.append(isInsideImage(node) ? textNode(HTMLText.strip(html)) : htmlNode(html, block: false))
      case .failure(let diagnostic):
        diagnostics.append(diagnostic)
        pieces.append(textNode("{{" + expression + "}}"))
      }
      rest = afterOpen[close.upperBound...]
    }
    if !rest.isEmpty { pieces.append(textNode(String(rest))) }
    for piece in pieces { cmark_node_insert_before(node, piece) }
    cmark_node_unlink(node)
    cmark_node_free(node)
  }

  // MARK: - Links

  mutating func rewriteLink(_ node: OpaquePointer) {
    guard let c = cmark_node_get_url(node) else { return }
    let url = String(cString: c)
    let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
    if LinkSafety.isDangerous(url) {
      diagnostics.append(
        .warning(
          "link to '\(url.prefix(40))' removed: scripts and local files cannot be linked",
          at: location(of: node), hint: "link to an http(s) address or a page of the site"))
      unwrap(node)
      return
    }
    let site =
      find("(" + url, minLine: location(of: node).line - lineOffset)
      .map { SourceLocation(path: $0.path, line: $0.line, column: $0.column + 1) } ?? location(of: node)
    switch hooks.link(url, isImage, site) {
    case .success(let rewritten): if rewritten != url { cmark_node_set_url(node, rewritten) }
    case .failure(let diagnostic): diagnostics.append(diagnostic)
    }
  }

  /// Whether a node sits inside an image (its alt text).
  func isInsideImage(_ node: OpaquePointer) -> Bool {
    var current = cmark_node_parent(node)
    while let n = current {
      if cmark_node_get_type(n) == CMARK_NODE_IMAGE { return true }
      current = cmark_node_parent(n)
    }
    return false
  }

  /// Replaces a link or image with its content: the text stays, the link goes.
  func unwrap(_ node: OpaquePointer) {
    while let child = cmark_node_first_child(node) {
      cmark_node_unlink(child)
      cmark_node_insert_before(node, child)
    }
    cmark_node_unlink(node)
    cmark_node_free(node)
  }

  // MARK: - Fenced blocks

  mutating func expandFencedBlock(_ node: OpaquePointer) {
    let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    let word = info.split(separator: " ").first.map(String.init) ?? ""
    guard !word.isEmpty else { return }
    let start = location(of: node)
    let contentStart = SourceLocation(path: path, line: start.line + 1, column: start.column)
    guard let result = hooks.fencedBlock(word, literal(node), contentStart) else { return }
    switch result {
    case .success(let html):
      let replacement = htmlNode(html.hasSuffix("\n") ? html : html + "\n", block: true)
      cmark_node_replace(node, replacement)
      cmark_node_free(node)
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
    }
  }

  // MARK: - Headings

  /// Replaces a heading with HTML carrying a stable id and an anchor link.
  mutating func renderHeading(_ node: OpaquePointer) {
    let level = Int(cmark_node_get_heading_level(node))
    let rendered = MarkdownRenderer.renderHTML(node, flags: CMARK_OPT_UNSAFE)
    let open = "<h\(level)>"
    let close = "</h\(level)>"
    var inner = rendered.trimmingSpaces
    if inner.hasPrefix(open) && inner.hasSuffix(close) {
      inner = String(inner.dropFirst(open.count).dropLast(close.count))
    }
    let text = plainText(of: node).trimmingSpaces
    let id = Slug.unique(Slug.make(text, fallback: "section"), in: &usedIDs)
    headings.append(Heading(level: level, text: text, id: id))
    let html =
      "<h\(level) id=\"\(Escape.attribute(id))\">\(inner)"
      + "<a class=\"anchor\" href=\"#\(Escape.attribute(id))\" aria-label=\"Link to this section\">#</a>"
      + "</h\(level)>\n"
    cmark_node_replace(node, htmlNode(html, block: true))
    cmark_node_free(node)
  }

  /// The visible text of a node's inline content (HTML from hooks reduced to its text).
  func plainText(of node: OpaquePointer) -> String {
    var out = ""
    let iterator = cmark_iter_new(node)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iterator) else { continue }
      switch cmark_node_get_type(n) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += literal(n)
      case CMARK_NODE_HTML_INLINE: out += HTMLText.strip(literal(n))
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
      default: break
      }
    }
    return out
  }
}

extension String {
  /// The string without leading and trailing spaces and line breaks.
  var trimmingSpaces: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}
