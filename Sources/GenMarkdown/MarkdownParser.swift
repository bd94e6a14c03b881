import CCmark
import GenCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MarkdownDocument {
  /// How deeply blocks and inlines may nest (quotes in lists in quotes, emphasis in
  /// links): deeper documents are an error, so that no input can exhaust the stack.
  public static let nestingLimit = 100

  /// Parses a page body with libcmark into a typed document. The cmark tree is freed
  /// before this returns.
  ///
  /// - Parameters:
  ///   - source: the Markdown body (front matter already removed).
  ///   - path: the file, for locations.
  ///   - lineOffset: lines before the body in the file.
  ///   - options: raw HTML and punctuation settings.
  ///   - blockKinds: info words of fenced blocks gen renders itself (`chart`, `table`).
  public static func parse(
    _ source: String, path: String, lineOffset: Int = 0, options: MarkdownOptions = MarkdownOptions(),
    blockKinds: Set<String> = []
  ) -> MarkdownDocument {
    var flags = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8
    if options.smartPunctuation { flags |= CMARK_OPT_SMART }
    let length = source.utf8.count
    guard let root = source.withCString({ cmark_parse_document($0, length, flags) }) else {
      var failed = MarkdownDocument()
      failed.diagnostics = [.error("Markdown could not be parsed", at: SourceLocation(path: path))]
      return failed
    }
    defer { cmark_node_free(root) }
    cmark_consolidate_text_nodes(root)
    var parser = MarkdownParser(
      source: source, path: path, lineOffset: lineOffset, options: options, blockKinds: blockKinds)
    return parser.run(root)
  }

  /// HTML from cmark's own renderer with gen's parse options and no extensions: the
  /// reference that ``HTMLRenderer`` matches for plain Markdown (used by tests and fuzzing).
  public static func referenceHTML(_ source: String, smartPunctuation: Bool = true) -> String {
    var flags = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8
    if smartPunctuation { flags |= CMARK_OPT_SMART }
    let length = source.utf8.count
    guard let root = source.withCString({ cmark_parse_document($0, length, flags) }) else { return "" }
    defer { cmark_node_free(root) }
    guard let html = cmark_render_html(root, flags) else { return "" }
    defer { free(html) }
    return String(cString: html)
  }
}

/// Turns a cmark tree into a ``MarkdownDocument``: finds where each expression and link
/// is written, splits text at `{{ … }}`, drops raw HTML unless allowed, unwraps unsafe
/// links, and claims fenced blocks; then copies the tree into gen's types.
struct MarkdownParser {
  let path: String
  let lineOffset: Int
  let options: MarkdownOptions
  let blockKinds: Set<String>
  let lines: [Substring]
  /// Lines as characters, made when a search first reaches them.
  var lineCharacters: [Int: [Character]] = [:]

  var document = MarkdownDocument()
  /// Text nodes split at expressions.
  var pieces: [OpaquePointer: [MarkdownInline]] = [:]
  /// Links and images kept, with their index in `document.links`.
  var linkIndex: [OpaquePointer: Int] = [:]
  /// Raw HTML nodes dropped.
  var dropped: Set<OpaquePointer> = []
  var cursor = (line: 0, column: 0)

  init(source: String, path: String, lineOffset: Int, options: MarkdownOptions, blockKinds: Set<String>) {
    self.path = path
    self.lineOffset = lineOffset
    self.options = options
    self.blockKinds = blockKinds
    self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
  }

  mutating func run(_ root: OpaquePointer) -> MarkdownDocument {
    var texts: [OpaquePointer] = []
    var links: [OpaquePointer] = []
    var rawHTML: [OpaquePointer] = []
    var depth = 0
    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      if event == CMARK_EVENT_EXIT {
        depth -= 1
        continue
      }
      let type = cmark_node_get_type(node)
      if !Self.leaves.contains(type.rawValue) {
        depth += 1
        if depth > MarkdownDocument.nestingLimit + 1 {
          document.diagnostics.append(
            .error(
              "Markdown nests more than \(MarkdownDocument.nestingLimit) levels deep here",
              at: location(of: node),
              hint: "quotes, lists, links and emphasis inside one another; flatten the text"))
          document.blocks = []
          return document
        }
      }
      switch type {
      case CMARK_NODE_TEXT: texts.append(node)
      case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
      case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: rawHTML.append(node)
      default: break
      }
    }
    if !options.allowRawHTML, let first = rawHTML.first {
      document.diagnostics.append(
        .warning(
          "raw HTML dropped from the page", at: location(of: first),
          hint: "set 'raw_html: true' in gen.yml to keep HTML written in Markdown"))
      dropped = Set(rawHTML)
    }
    for node in texts { splitExpressions(node) }
    // Each pass finds its own text in document order, so each starts from the top.
    cursor = (0, 0)
    for node in links { recordLink(node) }
    document.blocks = blocks(of: root)
    return document
  }

  /// Node types the iterator visits once (no exit event).
  static let leaves: Set<UInt32> = [
    CMARK_NODE_TEXT.rawValue, CMARK_NODE_CODE.rawValue, CMARK_NODE_HTML_INLINE.rawValue,
    CMARK_NODE_HTML_BLOCK.rawValue, CMARK_NODE_CODE_BLOCK.rawValue, CMARK_NODE_THEMATIC_BREAK.rawValue,
    CMARK_NODE_SOFTBREAK.rawValue, CMARK_NODE_LINEBREAK.rawValue,
  ]

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
    let target = Array(needle)
    while lineIndex < lines.count {
      let chars = characters(ofLine: lineIndex)
      if chars.count >= target.count, startColumn <= chars.count - target.count {
        for c in startColumn...(chars.count - target.count) where chars[c] == target[0] {
          if chars[c..<(c + target.count)].elementsEqual(target) {
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

  /// The characters of a line, cached: searches come back to the same lines.
  mutating func characters(ofLine index: Int) -> [Character] {
    if let cached = lineCharacters[index] { return cached }
    let chars = Array(lines[index])
    lineCharacters[index] = chars
    return chars
  }

  // MARK: - Expressions and links

  /// Splits a text node at `{{ … }}`, recording each expression with its location.
  mutating func splitExpressions(_ node: OpaquePointer) {
    let text = literal(node)
    guard Self.holdsOpeningBraces(text) else { return }
    let blockLine = location(of: node).line - lineOffset
    let inImage = isInsideImage(node)
    var out: [MarkdownInline] = []
    var rest = text[...]
    while let open = rest.firstRange(of: "{{") {
      let before = rest[..<open.lowerBound]
      if !before.isEmpty { out.append(.text(String(before))) }
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.firstRange(of: "}}") else {
        let site = find("{{", minLine: blockLine) ?? location(of: node)
        document.diagnostics.append(
          .error(
            "'{{' without a closing '}}'", at: site,
            hint: "write {{ name }} on one line, or put literal braces in `code`"))
        out.append(.text(String(rest[open.lowerBound...])))
        rest = rest[rest.endIndex...]
        break
      }
      let expression = String(afterOpen[..<close.lowerBound])
      let site = find("{{" + expression + "}}", minLine: blockLine) ?? location(of: node)
      out.append(.expression(document.expressions.count))
      document.expressions.append(InlineExpressionNode(source: expression, location: site, inImage: inImage))
      rest = afterOpen[close.upperBound...]
    }
    if !rest.isEmpty { out.append(.text(String(rest))) }
    pieces[node] = out
  }

  /// Records a link or image destination, or unwraps a link to script or local files.
  mutating func recordLink(_ node: OpaquePointer) {
    guard let c = cmark_node_get_url(node) else { return }
    let url = String(cString: c)
    if LinkSafety.isDangerous(url) {
      document.diagnostics.append(
        .warning(
          "link to '\(url.prefix(40))' removed: scripts and local files cannot be linked",
          at: location(of: node), hint: "link to an http(s) address or a page of the site"))
      return
    }
    let site =
      find("(" + url, minLine: location(of: node).line - lineOffset)
      .map { SourceLocation(path: $0.path, line: $0.line, column: $0.column + 1) } ?? location(of: node)
    linkIndex[node] = document.links.count
    document.links.append(
      LinkNode(url: url, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE, location: site))
  }

  /// Whether text holds `{{` (a byte scan: most text holds none).
  static func holdsOpeningBraces(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte == 0x7B && previous == 0x7B { return true }
      previous = byte
    }
    return false
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

  // MARK: - Conversion

  /// The children of a node.
  func children(of node: OpaquePointer) -> [OpaquePointer] {
    var out: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let c = child {
      out.append(c)
      child = cmark_node_next(c)
    }
    return out
  }

  mutating func blocks(of node: OpaquePointer) -> [MarkdownBlock] {
    children(of: node).compactMap { block($0) }
  }

  mutating func block(_ node: OpaquePointer) -> MarkdownBlock? {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_PARAGRAPH: return .paragraph(inlines(of: node))
    case CMARK_NODE_HEADING:
      return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node))
    case CMARK_NODE_CODE_BLOCK:
      let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
      if let word = info.split(separator: " ").first.map(String.init), blockKinds.contains(word) {
        document.fencedBlocks.append(
          FencedBlock(
            info: word, content: literal(node),
            fenceLine: Int(cmark_node_get_start_line(node)) + lineOffset,
            column: Int(cmark_node_get_start_column(node))))
        return .fenced(document.fencedBlocks.count - 1)
      }
      return .code(info: info, literal: literal(node))
    case CMARK_NODE_HTML_BLOCK: return dropped.contains(node) ? nil : .html(literal(node))
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_BLOCK_QUOTE: return .quote(blocks(of: node))
    case CMARK_NODE_LIST:
      return .list(
        ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
        start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0,
        items: children(of: node).map { blocks(of: $0) })
    default: return nil
    }
  }

  mutating func inlines(of node: OpaquePointer) -> [MarkdownInline] {
    children(of: node).flatMap { inline($0) }
  }

  mutating func inline(_ node: OpaquePointer) -> [MarkdownInline] {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_TEXT: return pieces[node] ?? [.text(literal(node))]
    case CMARK_NODE_CODE: return [.code(literal(node))]
    case CMARK_NODE_HTML_INLINE: return dropped.contains(node) ? [] : [.html(literal(node))]
    case CMARK_NODE_SOFTBREAK: return [.softBreak]
    case CMARK_NODE_LINEBREAK: return [.lineBreak]
    case CMARK_NODE_EMPH: return [.emphasis(inlines(of: node))]
    case CMARK_NODE_STRONG: return [.strong(inlines(of: node))]
    case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
      let content = inlines(of: node)
      // A link not recorded was unsafe: its content stays, the link goes.
      guard let index = linkIndex[node] else { return content }
      let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
      return cmark_node_get_type(node) == CMARK_NODE_IMAGE
        ? [.image(index, title: title, content)] : [.link(index, title: title, content)]
    default: return []
    }
  }
}

/// Reads a node's literal text.
func literal(_ node: OpaquePointer) -> String {
  guard let c = cmark_node_get_literal(node) else { return "" }
  return String(cString: c)
}
