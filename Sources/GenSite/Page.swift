import GenCore
import GenData
import GenMarkdown
import GenYAML

/// One page of the site, as loaded from `content/` (or generated: section lists,
/// pages from data).
public struct Page: Sendable {
  /// What a page is.
  public enum Kind: String, Sendable {
    /// A Markdown page rendered with the `page` template.
    case page
    /// A folder's index (its `index.md`, or generated), rendered with the `list` template.
    case list
  }

  /// The source file as shown in messages (`content/reports/shift.md`); for generated
  /// list pages, the folder.
  public var source: String
  /// The source path inside `content/` (`reports/shift.md`).
  public var contentPath: String
  /// The output file inside the site (`reports/shift/index.html`).
  public var outputPath: String
  /// Page or list.
  public var kind: Kind
  /// Title.
  public var title: String
  /// Publication date.
  public var date: Day?
  /// One-line summary (shown under the title and in lists).
  public var summary: String?
  /// Meta description (defaults to the summary, then the first paragraph).
  public var description: String?
  /// Drafts are built only with `--drafts`.
  public var draft = false
  /// Template override.
  public var template: String?
  /// Where `template:` is written, for errors about it.
  public var templateLocation: SourceLocation?
  /// Show a table of contents (default: when the page has three or more headings).
  public var toc: Bool?
  /// Position in navigation and lists (pages with an order come first, lowest first).
  public var order: Int?
  /// A shorter title for the site navigation.
  public var menu: String?
  /// For list pages: whether the folder's pages are listed under the content (default true).
  public var listsPages = true
  /// The Markdown body.
  public var body: String = ""
  /// Lines before the body in the source file.
  public var bodyLineOffset = 0
  /// The body, parsed once per source file (pages generated from one file share it).
  public var document = MarkdownDocument()
  /// For a page generated from data (`[column].md`): the column whose value it shows.
  public var dataColumn: String?
  /// Metrics declared in the front matter.
  public var metrics: [MetricSpec] = []
  /// For a page generated from data: the column and its value, and the other columns of
  /// the first row holding that value, as `params.NAME`.
  public var params: [String: String] = [:]
  /// Whether the page was generated (a folder list without `index.md`).
  public var generated = false
  /// Where `title:` etc. are written, for errors.
  public var frontMatterLocation: SourceLocation

  /// The folder of the page inside `content/` (`reports` for `reports/shift.md` and `reports/index.md`).
  public var folder: String {
    kind == .list ? SitePath.directory(of: outputPath) : SitePath.directory(of: contentPath)
  }

  /// The page's URL path relative to the site root, as a folder (`reports/shift/`), empty for home.
  public var urlPath: String {
    let dir = SitePath.directory(of: outputPath)
    return dir.isEmpty ? "" : dir + "/"
  }

  /// Whether this is the home page.
  public var isHome: Bool { outputPath == "index.html" }
}
