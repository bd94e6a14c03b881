// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Field names are the templates' own (snake_case, as Mustache templates write them).

import GenTemplates

/// What `base`, `page`, `list` and their partials see. Field names are the templates'
/// own (docs/templates.md lists every one); optional fields are ``TemplateField``s, false
/// in sections and empty in text when absent.
struct TemplateContext {
  /// `site.*`: from `gen.yml`.
  struct Site {
    var title: String
    var description: String
    var language: String
    var author: TemplateField<String>
    var base_url: TemplateField<String>
  }

  /// A heading in the table of contents.
  struct TOCEntry {
    var level: Int
    var id: String
    var text: String
  }

  /// `page.*`, and each entry of `pages` on a list page.
  struct Page {
    var title: String
    var full_title: String
    var description: String
    var og_type: String
    var is_home: Bool
    var summary: TemplateField<String>
    var date: TemplateField<String>
    var date_label: String
    var canonical: TemplateField<String>
    /// The page's parameters, for a page generated from data (`page.params.author`).
    var params: [String: String]
    /// A list entry's link, relative to the list page.
    var url: TemplateField<String> = .absent
    /// The page's HTML (use `{{{page.content}}}`).
    var content: String = ""
    var has_content = false
    var partial_note: TemplateField<String> = .absent
    var has_toc = false
    var toc: [TOCEntry] = []
  }

  /// An entry of the site navigation.
  struct NavLink {
    var title: String
    var url: String
    var current: Bool
  }

  var site: Site
  var page: Page
  /// The pages a list page lists.
  var pages: [Page] = []
  var has_pages = false
  var nav: [NavLink]
  var has_nav: Bool
  /// The way back to the site root (`../../`).
  var root: String
  /// Asset URLs by key (`assets.style_css`).
  var assets: [String: String]
  var feed_url: TemplateField<String>
  var generator: String
  /// HTML added to `<head>` (use `{{{head_extra}}}`).
  var head_extra: String = ""
  /// The output of the page or list template, for `base` (use `{{{body}}}`).
  var body: String = ""
}
