import GenCore

/// Serialises a ``MarkdownDocument`` to HTML, byte for byte as libcmark's own renderer
/// does for plain Markdown (a test compares them), with gen's extensions filled in:
/// expressions and fenced blocks with the HTML the site computed, links with their
/// resolved URLs, and headings with stable ids and anchor links.
public enum HTMLRenderer {
  /// What the site gives the document's extension nodes.
  public struct Values: Sendable {
    /// HTML of each expression (by index); nil for one that failed, which is written as typed.
    public var expressions: [String?]
    /// HTML of each fenced block (by index).
    public var blocks: [String]
    /// The URL of each link and image (by index).
    public var urls: [String]
    /// Ids the page holds besides its headings (the layout's `main`, charts' elements):
    /// a heading whose slug is one of them gets a numbered id instead.
    public var reservedIDs: Set<String>

    /// Values for a document.
    public init(expressions: [String?], blocks: [String], urls: [String], reservedIDs: Set<String> = []) {
      self.expressions = expressions
      self.blocks = blocks
      self.urls = urls
      self.reservedIDs = reservedIDs
    }

    /// Values that leave a document as written: expressions as typed, links unchanged.
    public static func asWritten(_ document: MarkdownDocument) -> Values {
      Values(
        expressions: document.expressions.map { _ in nil }, blocks: document.fencedBlocks.map { _ in "" },
        urls: document.links.map(\.url))
    }
  }

  /// Renders a document.
  public static func render(_ document: MarkdownDocument, values: Values) -> RenderedMarkdown {
    var writer = Writer(document: document, values: values)
    writer.usedIDs = values.reservedIDs
    for block in document.blocks { writer.block(block, tight: false) }
    var firstParagraph: String?
    for case .paragraph(let inlines) in document.blocks {
      let text = writer.plainText(inlines).trimmingSpaces
      firstParagraph = text.isEmpty ? nil : text
      break
    }
    return RenderedMarkdown(html: writer.html, headings: writer.headings, firstParagraph: firstParagraph)
  }

  /// The output and the state of one serialisation.
  struct Writer {
    let document: MarkdownDocument
    let values: Values
    var html = ""
    var headings: [Heading] = []
    var usedIDs: Set<String> = []

    /// A line break unless the output is empty or already ends with one (cmark's `cr`).
    mutating func cr() {
      if let last = html.utf8.last, last != 0x0A { html += "\n" }
    }

    mutating func block(_ block: MarkdownBlock, tight: Bool) {
      switch block {
      case .paragraph(let inlines):
        if tight {
          for inline in visible(inlines) { self.inline(inline) }
        } else {
          cr()
          html += "<p>"
          for inline in visible(inlines) { self.inline(inline) }
          html += "</p>\n"
        }
      case .heading(let level, let inlines):
        heading(level: level, inlines)
      case .code(let info, let literal):
        cr()
        let word = info.prefix { !" \t\n\u{0B}\u{0C}\r".contains($0) }
        html +=
          word.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(CmarkEscape.html(String(word)))\">"
        html += CmarkEscape.html(literal) + "</code></pre>\n"
      case .fenced(let index):
        let content = index < values.blocks.count ? values.blocks[index] : ""
        rawBlock(content.hasSuffix("\n") ? content : content + "\n")
      case .html(let literal):
        rawBlock(literal)
      case .thematicBreak:
        cr()
        html += "<hr />\n"
      case .quote(let blocks):
        cr()
        html += "<blockquote>\n"
        for inner in blocks { self.block(inner, tight: false) }
        cr()
        html += "</blockquote>\n"
      case .list(let ordered, let start, let tight, let items):
        cr()
        html += !ordered ? "<ul>\n" : start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
        for item in items {
          cr()
          html += "<li>"
          for inner in item { self.block(inner, tight: tight) }
          html += "</li>\n"
        }
        html += ordered ? "</ol>\n" : "</ul>\n"
      }
    }

    mutating func rawBlock(_ literal: String) {
      cr()
      html += literal
      cr()
    }

    /// A heading with a stable id and an anchor link, from its plain text.
    mutating func heading(level: Int, _ inlines: [MarkdownInline]) {
      var inner = Writer(document: document, values: values)
      for inline in inner.visible(inlines) { inner.inline(inline) }
      let text = plainText(inlines).trimmingSpaces
      let id = Slug.unique(Slug.make(text, fallback: "section"), in: &usedIDs)
      headings.append(Heading(level: level, text: text, id: id))
      rawBlock(
        "<h\(level) id=\"\(Escape.attribute(id))\">\(inner.html)"
          + "<a class=\"anchor\" href=\"#\(Escape.attribute(id))\" aria-label=\"Link to this section\">#</a>"
          + "</h\(level)>\n")
    }

    mutating func inline(_ inline: MarkdownInline) {
      switch inline {
      case .text(let text): html += CmarkEscape.html(text)
      case .code(let code): html += "<code>" + CmarkEscape.html(code) + "</code>"
      case .html(let literal): html += literal
      case .softBreak: html += "\n"
      case .lineBreak: html += "<br />\n"
      case .emphasis(let inner):
        html += "<em>"
        for i in visible(inner) { self.inline(i) }
        html += "</em>"
      case .strong(let inner):
        html += "<strong>"
        for i in visible(inner) { self.inline(i) }
        html += "</strong>"
      case .link(let index, let title, let inner):
        html += "<a href=\"" + CmarkEscape.href(url(index))
        if !title.isEmpty { html += "\" title=\"" + CmarkEscape.html(title) }
        html += "\">"
        for i in visible(inner) { self.inline(i) }
        html += "</a>"
      case .image(let index, let title, let inner):
        html += "<img src=\"" + CmarkEscape.href(url(index)) + "\" alt=\""
        for i in visible(inner) { altText(i) }
        if !title.isEmpty { html += "\" title=\"" + CmarkEscape.html(title) }
        html += "\" />"
      case .expression(let index):
        if let value = expressionHTML(index) {
          html += value
        } else {
          html += CmarkEscape.html("{{" + document.expressions[index].source + "}}")
        }
      }
    }

    /// An image description: text only, as cmark writes it.
    mutating func altText(_ inline: MarkdownInline) {
      switch inline {
      case .text(let s), .code(let s), .html(let s): html += CmarkEscape.html(s)
      case .softBreak, .lineBreak: html += " "
      case .emphasis(let inner), .strong(let inner), .link(_, _, let inner), .image(_, _, let inner):
        for i in visible(inner) { altText(i) }
      case .expression(let index):
        html += CmarkEscape.html(
          expressionHTML(index).map(HTMLText.strip) ?? "{{" + document.expressions[index].source + "}}")
      }
    }

    func url(_ index: Int) -> String {
      index < values.urls.count ? values.urls[index] : document.links[index].url
    }

    func expressionHTML(_ index: Int) -> String? {
      index < values.expressions.count ? values.expressions[index] : nil
    }

    /// The inlines a reader sees: conditional text (`{{#if …}}…{{else}}…{{/if}}`, whose
    /// markers compute gives as ``ConditionalMarker`` values) keeps the chosen branch.
    func visible(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
      var shown: [MarkdownInline] = []
      var open: [(taken: Bool, showing: Bool)] = []
      for inline in inlines {
        if case .expression(let index) = inline,
          let marker = expressionHTML(index).flatMap(ConditionalMarker.init)
        {
          switch marker {
          case .open(let holds): open.append((holds, holds))
          case .otherwise: if !open.isEmpty { open[open.count - 1].showing = !open[open.count - 1].taken }
          case .close: _ = open.popLast()
          }
          continue
        }
        if open.allSatisfy(\.showing) { shown.append(inline) }
      }
      return shown
    }

    /// The visible text of inline content (HTML from expressions reduced to its text).
    func plainText(_ inlines: [MarkdownInline]) -> String {
      var out = ""
      for inline in visible(inlines) {
        switch inline {
        case .text(let s), .code(let s): out += s
        case .html(let s): out += HTMLText.strip(s)
        case .softBreak, .lineBreak: out += " "
        case .emphasis(let inner), .strong(let inner), .link(_, _, let inner), .image(_, _, let inner):
          out += plainText(inner)
        case .expression(let index):
          out += expressionHTML(index).map(HTMLText.strip) ?? "{{" + document.expressions[index].source + "}}"
        }
      }
      return out
    }
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
