import GenCore

/// What the site layer does with the parts of a page that gen extends. Each hook
/// returns HTML (or a rewritten URL) or a diagnostic at the given location.
public struct MarkdownHooks {
  /// Renders `{{ expression }}` found in prose; returns HTML for the value.
  public var inlineExpression:
    (_ expression: String, _ location: SourceLocation) -> Result<String, Diagnostic>
  /// Renders a fenced block whose info string it claims (`chart`, `table`); nil leaves
  /// the block as code. The location is that of the block's first content line.
  public var fencedBlock:
    (_ info: String, _ content: String, _ location: SourceLocation) -> Result<String, Diagnostic>?
  /// Rewrites a link or image destination; an error marks a broken link.
  public var link:
    (_ destination: String, _ isImage: Bool, _ location: SourceLocation) -> Result<String, Diagnostic>

  /// Hooks that leave everything as written (expressions stay literal text).
  public static var none: MarkdownHooks {
    MarkdownHooks(
      inlineExpression: { expression, _ in .success(Escape.text("{{" + expression + "}}")) },
      fencedBlock: { _, _, _ in nil },
      link: { destination, _, _ in .success(destination) })
  }

  /// Creates hooks.
  public init(
    inlineExpression: @escaping (String, SourceLocation) -> Result<String, Diagnostic>,
    fencedBlock: @escaping (String, String, SourceLocation) -> Result<String, Diagnostic>?,
    link: @escaping (String, Bool, SourceLocation) -> Result<String, Diagnostic>
  ) {
    self.inlineExpression = inlineExpression
    self.fencedBlock = fencedBlock
    self.link = link
  }
}

/// Options of the Markdown conversion.
public struct MarkdownOptions: Sendable, Hashable {
  /// Keep raw HTML written in Markdown (off by default: it is dropped with a warning).
  public var allowRawHTML: Bool
  /// Typographic quotes and dashes.
  public var smartPunctuation: Bool
  /// Ids the page holds besides its headings (the layout's `main`, charts' figures and
  /// titles): a heading whose slug is one of them gets a numbered id instead.
  public var reservedIDs: Set<String>

  /// Creates options.
  public init(allowRawHTML: Bool = false, smartPunctuation: Bool = true, reservedIDs: Set<String> = []) {
    self.allowRawHTML = allowRawHTML
    self.smartPunctuation = smartPunctuation
    self.reservedIDs = reservedIDs
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

/// The HTML of a page body and what was learnt while converting it.
public struct RenderedMarkdown: Sendable {
  /// Body HTML.
  public var html: String
  /// Headings in order, with their ids.
  public var headings: [Heading]
  /// Problems found (errors from hooks, warnings about dropped HTML or unsafe links).
  public var diagnostics: [Diagnostic]
  /// The text of the first paragraph, for a summary when none is given.
  public var firstParagraph: String?
}
