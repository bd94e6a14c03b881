import Foundation
import GenCore
import GenSite
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Whole small sites built and compared byte for byte with reviewed golden copies in
/// `Tests/Fixtures/golden/`. Regenerate with `UPDATE_GOLDEN=1 swift test` and review
/// the diff (and the charts as PNG) before committing.
@Suite struct SiteGoldenTests {
  static func build(_ name: String) throws -> SiteOutput {
    let root = Fixtures.root + "/sites/" + name
    let result = SitePipeline.run(BuildOptions(siteRoot: root))
    guard let output = result.output else { throw BuildFailed(diagnostics: result.diagnostics) }
    return output
  }

  static func allFiles(_ output: SiteOutput) throws -> [String: [UInt8]] {
    var files = output.files
    for (path, source) in output.copies {
      files[path] = Array(try Data(contentsOf: URL(fileURLWithPath: source)))
    }
    return files
  }

  @Test(arguments: ["basic", "charts", "datapages"])
  func siteMatchesGolden(_ name: String) throws {
    let output = try Self.build(name)
    // Theme assets are the files of templates/assets (their hashed names show in every
    // page); 404.html is the same on every site, kept once, with the basic site.
    let files = try Self.allFiles(output).filter { path, _ in
      !path.hasPrefix("assets/") && (name == "basic" || path != "404.html")
    }
    let problems = try compareGolden(files, name: name)
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test func basicSiteStructure() throws {
    let files = try Self.allFiles(try Self.build("basic"))
    let paths = Set(files.keys)
    for expected in [
      "index.html", "about/index.html", "reports/index.html", "reports/first/index.html",
      "reports/second/index.html", "404.html", "sitemap.xml", "feed.xml", "files/notes.txt",
    ] {
      #expect(paths.contains(expected), "missing \(expected)")
    }
    #expect(!paths.contains("reports/draft/index.html"), "drafts are left out")
    let home = String(decoding: files["index.html"]!, as: UTF8.self)
    #expect(home.contains("href=\"reports/first/index.html\""))
    #expect(home.contains("href=\"reports/second/index.html#method\""))
    #expect(home.contains("href=\"files/notes.txt\""))
    #expect(!home.contains("This raw HTML is dropped"))
    let first = String(decoding: files["reports/first/index.html"]!, as: UTF8.self)
    #expect(first.contains("<h2 id=\"background\">"))
    #expect(first.contains("href=\"../../index.html\""), "links are relative and end in index.html")
    #expect(first.contains("First report: &lt;quarterly&gt; &amp; more"))
    #expect(first.contains("class=\"toc\""), "three headings or more give a table of contents")
    #expect(first.contains("{{ literal braces in code }}"))
    // Assets carry a content hash in their name.
    #expect(
      paths.contains { $0.hasPrefix("assets/style.") && $0.hasSuffix(".css") && $0 != "assets/style.css" })
    // Lists: newest first.
    let list = String(decoding: files["reports/index.html"]!, as: UTF8.self)
    let second = list.range(of: "Second report")!.lowerBound
    let firstTitle = list.range(of: "First report")!.lowerBound
    #expect(second < firstTitle)
  }

  @Test func feedAndSitemapAreWellFormedXML() throws {
    let files = try Self.allFiles(try Self.build("basic"))
    for name in ["feed.xml", "sitemap.xml"] {
      let data = Data(files[name]!)
      let parser = XMLParser(data: data)
      #expect(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))")
    }
    let feed = String(decoding: files["feed.xml"]!, as: UTF8.self)
    #expect(feed.contains("<id>https://example.org/reports/reports/second/</id>"))
    #expect(feed.contains("<updated>2026-02-20T00:00:00Z</updated>"))
    #expect(feed.contains("Basic &lt;site&gt; &amp; tests"))
    let sitemap = String(decoding: files["sitemap.xml"]!, as: UTF8.self)
    #expect(sitemap.contains("<loc>https://example.org/reports/about/</loc>"))
  }

  @Test func draftsAreBuiltWithTheDraftsSwitch() throws {
    let root = Fixtures.root + "/sites/basic"
    let result = SitePipeline.run(BuildOptions(siteRoot: root, includeDrafts: true))
    #expect(result.output?.files["reports/draft/index.html"] != nil)
  }

  @Test func buildsAreByteIdentical() throws {
    for name in ["basic", "charts", "datapages"] {
      let a = try Self.allFiles(try Self.build(name))
      let b = try Self.allFiles(try Self.build(name))
      #expect(a == b, "two builds of \(name) differ")
    }
  }
}
