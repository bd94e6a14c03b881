import GenCore

/// A page body parsed once by libcmark into gen's own typed tree: prose blocks and
/// inlines, with gen's extensions as nodes of their own. Each inline expression
/// (`{{ … }}`), fenced `chart`/`table` block and link has an identity (its index in
/// document order) and its location in the file, so the later steps work on the
/// document: validate resolves its links, compute gives its expressions and blocks
/// values, and ``HTMLRenderer`` serialises it. The tree is a plain value, safe to share
/// between threads and between the pages generated from one file.
public struct MarkdownDocument: Sendable {
  /// The top-level blocks.
  public var blocks: [MarkdownBlock]
  /// Every `{{ … }}` in prose, in document order; ``MarkdownInline/expression(_:)`` refers to them.
  public var expressions: [InlineExpressionNode]
  /// Every fenced `chart` and `table` block, in document order; ``MarkdownBlock/fenced(_:)`` refers to them.
  public var fencedBlocks: [FencedBlock]
  /// Every link and image destination, in document order; links and images refer to them.
  public var links: [LinkNode]
  /// Problems found while parsing: unclosed `{{`, dropped raw HTML, unsafe links, nesting too deep.
  public var diagnostics: [Diagnostic]

  /// An empty document.
  public init() {
    blocks = []
    expressions = []
    fencedBlocks = []
    links = []
    diagnostics = []
  }
}

/// A block of a Markdown document.
public indirect enum MarkdownBlock: Sendable {
  /// A paragraph.
  case paragraph([MarkdownInline])
  /// A heading, level 1–6.
  case heading(level: Int, [MarkdownInline])
  /// A code block; `info` is the fence's info string (empty for indented code).
  case code(info: String, literal: String)
  /// A fenced `chart` or `table` block: an index into ``MarkdownDocument/fencedBlocks``.
  case fenced(Int)
  /// Raw HTML written by the author (kept only when the site allows it).
  case html(String)
  /// `---`.
  case thematicBreak
  /// `> …`.
  case quote([MarkdownBlock])
  /// A list; each item is a list of blocks. In a tight list, paragraphs of items are not wrapped in `<p>`.
  case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
}

/// An inline element of a Markdown document.
public indirect enum MarkdownInline: Sendable {
  /// Text.
  case text(String)
  /// A code span.
  case code(String)
  /// Raw inline HTML written by the author (kept only when the site allows it).
  case html(String)
  /// A line break in the source (rendered as a newline).
  case softBreak
  /// A hard line break.
  case lineBreak
  /// `*…*`.
  case emphasis([MarkdownInline])
  /// `**…**`.
  case strong([MarkdownInline])
  /// A link: an index into ``MarkdownDocument/links``, its title, and its content.
  case link(Int, title: String, [MarkdownInline])
  /// An image: an index into ``MarkdownDocument/links``, its title, and its description (alt text).
  case image(Int, title: String, [MarkdownInline])
  /// `{{ … }}`: an index into ``MarkdownDocument/expressions``.
  case expression(Int)
}

/// A `{{ … }}` expression found in prose.
public struct InlineExpressionNode: Sendable, Hashable {
  /// The text between the braces, as written.
  public var source: String
  /// Where the `{{` is.
  public var location: SourceLocation
  /// Whether it sits in an image description, where only plain text can go.
  public var inImage: Bool
}

/// A fenced block gen renders itself (`chart`, `table`).
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

/// A link or image destination.
public struct LinkNode: Sendable, Hashable {
  /// The destination as written.
  public var url: String
  /// Whether it is an image's source.
  public var isImage: Bool
  /// Where the destination is written.
  public var location: SourceLocation
}

/// Options of the Markdown conversion.
public struct MarkdownOptions: Sendable, Hashable {
  /// Keep raw HTML written in Markdown (off by default: it is dropped with a warning).
  public var allowRawHTML: Bool
  /// Typographic quotes and dashes.
  public var smartPunctuation: Bool

  /// Creates options.
  public init(allowRawHTML: Bool = false, smartPunctuation: Bool = true) {
    self.allowRawHTML = allowRawHTML
    self.smartPunctuation = smartPunctuation
  }
}

/// A heading of a page, for its table of contents.
public struct Heading: Sendable, Hashable {
  /// 1–6.
  public var level: Int
  /// Plain text of the heading.
  public var text: String
  /// The id given to the heading element.
  public var id: String
}

/// The HTML of a page body and what was learnt while serialising it.
public struct RenderedMarkdown: Sendable {
  /// Body HTML.
  public var html: String
  /// Headings in order, with their ids.
  public var headings: [Heading]
  /// The text of the first paragraph, for a summary when none is given.
  public var firstParagraph: String?
}
