// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Field names are the templates' own (snake_case, as Mustache templates write them).

import GenTemplates
import Mustache

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

// Each context names its fields for Mustache: looking a field up is a switch, not
// reflection over the struct (which made rendering several times slower).

extension TemplateContext: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "site": return site
    case "page": return page
    case "pages": return pages
    case "has_pages": return has_pages
    case "nav": return nav
    case "has_nav": return has_nav
    case "root": return root
    case "assets": return assets
    case "feed_url": return feed_url
    case "generator": return generator
    case "head_extra": return head_extra
    case "body": return body
    default: return nil
    }
  }
}

extension TemplateContext.Site: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": return title
    case "description": return description
    case "language": return language
    case "author": return author
    case "base_url": return base_url
    default: return nil
    }
  }
}

extension TemplateContext.Page: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": return title
    case "full_title": return full_title
    case "description": return description
    case "og_type": return og_type
    case "is_home": return is_home
    case "summary": return summary
    case "date": return date
    case "date_label": return date_label
    case "canonical": return canonical
    case "params": return params
    case "url": return url
    case "content": return content
    case "has_content": return has_content
    case "partial_note": return partial_note
    case "has_toc": return has_toc
    case "toc": return toc
    default: return nil
    }
  }
}

extension TemplateContext.TOCEntry: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "level": return level
    case "id": return id
    case "text": return text
    default: return nil
    }
  }
}

extension TemplateContext.NavLink: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": return title
    case "url": return url
    case "current": return current
    default: return nil
    }
  }
}
