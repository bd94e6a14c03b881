import GenCore
import GenData

/// `sitemap.xml` and the Atom feed, written only when `base_url` is set.
enum Feeds {
  /// A sitemap (sitemaps.org 0.9) of every page, by canonical URL.
  static func sitemap(pages: [Page], baseURL: String) -> String {
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    for page in pages.sorted(by: { $0.urlPath < $1.urlPath }) {
      xml += "  <url><loc>\(Escape.xml(baseURL + Escape.urlPath(page.urlPath)))</loc>"
      if let date = page.date { xml += "<lastmod>\(date)</lastmod>" }
      xml += "</url>\n"
    }
    return xml + "</urlset>\n"
  }

  /// An Atom (RFC 4287) feed of the dated pages, newest first (all pages when none is dated).
  static func atom(pages: [Page], descriptions: [String], config: SiteConfig, baseURL: String, updated: Day)
    -> String
  {
    let indexed = Array(zip(pages, descriptions)).filter { $0.0.kind == .page }
    let dated = indexed.filter { $0.0.date != nil }
    let entries = (dated.isEmpty ? indexed : dated).sorted { a, b in
      if a.0.date != b.0.date { return (a.0.date ?? Day(index: 0)) > (b.0.date ?? Day(index: 0)) }
      return a.0.outputPath < b.0.outputPath
    }
    let feedUpdated = entries.compactMap(\.0.date).max() ?? updated
    func stamp(_ day: Day) -> String { "\(day)T00:00:00Z" }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    xml += " xml:lang=\"\(Escape.xml(config.language))\">\n"
    xml += "  <title>\(Escape.xml(config.title))</title>\n"
    if !config.description.isEmpty { xml += "  <subtitle>\(Escape.xml(config.description))</subtitle>\n" }
    xml += "  <id>\(Escape.xml(baseURL))</id>\n"
    xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(baseURL))\"/>\n"
    xml +=
      "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Escape.xml(baseURL + "feed.xml"))\"/>\n"
    xml += "  <updated>\(stamp(feedUpdated))</updated>\n"
    xml += "  <author><name>\(Escape.xml(config.author ?? config.title))</name></author>\n"
    xml += "  <generator>gen</generator>\n"
    for (page, description) in entries {
      let url = baseURL + Escape.urlPath(page.urlPath)
      xml += "  <entry>\n"
      xml += "    <title>\(Escape.xml(page.title))</title>\n"
      xml += "    <id>\(Escape.xml(url))</id>\n"
      xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url))\"/>\n"
      xml += "    <updated>\(stamp(page.date ?? feedUpdated))</updated>\n"
      if !description.isEmpty { xml += "    <summary>\(Escape.xml(description))</summary>\n" }
      xml += "  </entry>\n"
    }
    return xml + "</feed>\n"
  }
}
