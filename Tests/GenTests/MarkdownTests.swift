import Foundation
import GenCore
import GenMarkdown
import GenSite
import Testing

/// Markdown pages to HTML: headings and their ids, links, expressions, fenced blocks and escaping.
@Suite struct MarkdownTests {
  /// A body parsed (as if after three lines of front matter) and rendered, with each
  /// expression's HTML from `value` (nil: as written).
  struct Rendered {
    var document: MarkdownDocument
    var html: String
    var headings: [Heading]
    var diagnostics: [Diagnostic] { document.diagnostics }
  }

  func render(
    _ text: String, options: MarkdownOptions = MarkdownOptions(), value: (String) -> String? = { _ in nil }
  ) -> Rendered {
    let document = MarkdownDocument.parse(
      text, path: "content/p.md", lineOffset: 3, options: options, blockKinds: ["chart", "table"])
    var values = HTMLRenderer.Values.asWritten(document)
    values.expressions = document.expressions.map { value($0.source) }
    let rendered = HTMLRenderer.render(document, values: values)
    return Rendered(document: document, html: rendered.html, headings: rendered.headings)
  }

  @Test func headingsGetStableUniqueIDsAndAnchors() {
    let r = render(
      "## Share by origin\n\n## Share by origin\n\n### Ünïcode & *emphasis*\n\n## 2025: the year\n")
    #expect(
      r.headings.map(\.id) == ["share-by-origin", "share-by-origin-1", "ünïcode-emphasis", "2025-the-year"])
    #expect(
      r.headings.map(\.text) == [
        "Share by origin", "Share by origin", "Ünïcode & emphasis", "2025: the year",
      ])
    #expect(
      r.html.contains(
        "<h2 id=\"share-by-origin\">Share by origin<a class=\"anchor\" href=\"#share-by-origin\""))
    #expect(r.html.contains("<h3 id=\"ünïcode-emphasis\">Ünïcode &amp; <em>emphasis</em>"))
  }

  @Test func rawHTMLIsDroppedUnlessAllowed() {
    let text = "Hello <span onclick=\"x()\">there</span>.\n\n<script>alert(1)</script>\n"
    let dropped = render(text)
    #expect(!dropped.html.contains("<script"))
    #expect(!dropped.html.contains("onclick"))
    #expect(dropped.diagnostics.map(\.severity) == [.warning])
    #expect(
      dropped.diagnostics.first?.location == GenCore.SourceLocation(path: "content/p.md", line: 4, column: 7))
    let kept = render(text, options: MarkdownOptions(allowRawHTML: true))
    #expect(kept.html.contains("<script>alert(1)</script>"))
  }

  @Test func dangerousLinksAreNeutralised() {
    let r = render(
      "[a](javascript:alert(1)) [b](JAVASCRIPT:x) ![c](data:text/html;base64,xx) [d](file:///etc/passwd)")
    #expect(!r.html.lowercased().contains("javascript:"))
    #expect(!r.html.contains("data:text/html"))
    #expect(!r.html.contains("file:"))
    #expect(r.diagnostics.count == 4)
    #expect(r.document.links.isEmpty)
  }

  @Test func expressionsAreNodesWithTheirLocation() {
    let r = render(
      "A {{ x }} and *{{ y ~ 13% }}*.\n\nHeading below\n\n## Share {{ x }}\n\n`{{ code }}`\n",
      value: { "<b>\($0.trimmingCharacters(in: .whitespaces))</b>" })
    #expect(r.html.contains("A <b>x</b> and <em><b>y ~ 13%</b></em>."))
    #expect(r.html.contains("<code>{{ code }}</code>"))
    let expressions = r.document.expressions
    #expect(expressions.map(\.source) == [" x ", " y ~ 13% ", " x "])
    #expect(expressions[0].location == GenCore.SourceLocation(path: "content/p.md", line: 4, column: 3))
    #expect(expressions[1].location == GenCore.SourceLocation(path: "content/p.md", line: 4, column: 16))
    #expect(expressions[2].location == GenCore.SourceLocation(path: "content/p.md", line: 8, column: 10))
    #expect(r.headings.first?.id == "share-x")
  }

  @Test func headingIdsNeverRepeatLayoutOrChartIds() throws {
    let site = try TestSite.visits(
      rows: "2026-01-05,Firefox,30\n2026-01-05,Chrome,70",
      """
      -- content/a.md --
      ## Main

      ## Figure share

      ```chart
      type: bar
      id: share
      data: visits
      by: browser
      ```
      """)
    defer { site.remove() }
    let page = try #require(try site.output()["a/index.html"])
    let ids = HTMLIDs.all(in: page)
    #expect(ids.count == Set(ids).count, "repeated ids: \(ids)")
    #expect(ids.contains("main-1") && ids.contains("figure-share-1"))
  }

  @Test func anExpressionWithoutValueIsWrittenAsTyped() {
    let r = render("A {{ x }} and ![alt {{ y }}](i.png)\n")
    #expect(r.html == "<p>A {{ x }} and <img src=\"i.png\" alt=\"alt {{ y }}\" /></p>\n")
    #expect(r.document.expressions.map(\.inImage) == [false, true])
  }

  @Test func fencedBlocksAreFoundThroughTheAST() {
    let text =
      "Intro\n\n```chart\ntype: area\n```\n\n- item\n\n  ```table\n  data: x\n  ```\n\nParagraph.\n\n    ```chart\n    indented code, not a fence\n"
    let document = MarkdownDocument.parse(text, path: "p.md", lineOffset: 10, blockKinds: ["chart", "table"])
    let blocks = document.fencedBlocks
    #expect(blocks.map(\.info) == ["chart", "table"])
    #expect(blocks.map(\.fenceLine) == [13, 19])
    #expect(blocks[0].content == "type: area\n")
  }

  @Test func smartPunctuationAndEscaping() {
    let r = render("\"Quoted\" -- dash & <angle>\n")
    #expect(r.html.contains("“Quoted” – dash &amp; "))
  }

  /// Plain Markdown (no headings, which gen gives ids) comes out byte for byte as
  /// libcmark's own renderer writes it.
  @Test(arguments: MarkdownSamples.plain)
  func plainMarkdownMatchesCmark(_ text: String) {
    let document = MarkdownDocument.parse(text, path: "p.md", options: MarkdownOptions(allowRawHTML: true))
    let html = HTMLRenderer.render(document, values: .asWritten(document)).html
    #expect(html == MarkdownDocument.referenceHTML(text), "\(text)")
  }

  @Test func nestingPastTheLimitIsAnErrorNotACrash() {
    let deep = String(repeating: "> ", count: 5_000) + "text\n"
    let r = render(deep)
    #expect(r.diagnostics.count == 1)
    #expect(r.diagnostics.first?.message == "Markdown nests more than 100 levels deep here")
    #expect(r.html.isEmpty)
    let emphasis = String(repeating: "*", count: 3_000) + "x" + String(repeating: "*", count: 3_000)
    #expect(render(emphasis).diagnostics.first?.severity == .error)
    let fine = String(repeating: "> ", count: 50) + "text\n"
    #expect(render(fine).diagnostics.isEmpty)
  }

  @Test func escapeFunctions() {
    #expect(Escape.text("a < b & c > d") == "a &lt; b &amp; c &gt; d")
    #expect(Escape.attribute("say \"hi\" & 'bye'") == "say &quot;hi&quot; &amp; &#39;bye&#39;")
    #expect(Escape.xml("ok\u{1}") == "ok")
    #expect(Escape.json("a\"b\\c\n</script>") == "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\"")
    #expect(Escape.csv("a,b") == "\"a,b\"")
    #expect(Escape.csv("say \"x\"") == "\"say \"\"x\"\"\"")
    #expect(Escape.urlPath("a b/ü") == "a%20b/%C3%BC")
  }

  @Test func escapesDropControlCharacters() {
    #expect(Escape.text("a\u{01}b\u{7F}c\u{85}d\te") == "abcd\te")
    #expect(Escape.xml("x\u{0B}<y") == "x&lt;y")
  }

  @Test func frontMatterSplitsAndCountsLines() {
    var problems = Diagnostics()
    let front = FrontMatter.split(
      "---\ntitle: A\ndate: 2026-01-05\n---\nBody\n", path: "content/a.md", into: &problems)
    #expect(problems.isEmpty)
    #expect(front.body == "Body\n")
    #expect(front.bodyLineOffset == 4)
    #expect(front.node?["title"]?.string == "A")
    #expect(front.node?["date"]?.location == GenCore.SourceLocation(path: "content/a.md", line: 3, column: 7))
    let none = FrontMatter.split("# Just markdown\n", path: "content/b.md", into: &problems)
    #expect(none.node == nil)
    #expect(none.bodyLineOffset == 0)
  }

  @Test func relativePaths() {
    #expect(
      SitePath.relative(from: "index.html", to: "reports/shift/index.html") == "reports/shift/index.html")
    #expect(SitePath.relative(from: "reports/shift/index.html", to: "index.html") == "../../index.html")
    #expect(SitePath.relative(from: "reports/a/index.html", to: "reports/b/index.html") == "../b/index.html")
    #expect(SitePath.relative(from: "a/index.html", to: "data/x.csv") == "../data/x.csv")
    #expect(SitePath.normalize("a/./b/../c") == "a/c")
    #expect(SitePath.normalize("../x") == nil)
  }

  @Test func linkRewritingThroughASite() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: Links
      -- content/index.md --
      [A](reports/a.md) [B](reports/b.md#two) [data](data/x.csv) [ext](https://example.org/x) [mail](mailto:a@b.c) [top](#main) [sec](reports/) [root](/reports/a.md)
      -- content/reports/a.md --
      [home](../index.md) [b](b.md) [data](../data/x.csv?v=1)
      -- content/reports/b.md --
      ## Two
      -- content/data/x.csv --
      a
      1
      """)
    defer { site.remove() }
    let files = try site.output()
    let home = files["index.html"]!
    for expected in [
      "href=\"reports/a/index.html\"", "href=\"reports/b/index.html#two\"", "href=\"data/x.csv\"",
      "href=\"https://example.org/x\"", "href=\"mailto:a@b.c\"", "href=\"#main\"",
      "href=\"reports/index.html\"",
    ] {
      #expect(home.contains(expected), "home lacks \(expected)")
    }
    let a = files["reports/a/index.html"]!
    #expect(a.contains("href=\"../../index.html\""))
    #expect(a.contains("href=\"../b/index.html\""))
    #expect(a.contains("href=\"../../data/x.csv?v=1\""))
  }

  @Test func failedWriteLeavesTheOutputUntouched() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-write-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "/public"
    try OutputWriter.write(
      SiteOutput(files: ["index.html": Array("old".utf8)], copies: [:]), to: out, siteRoot: root)
    // "a" as a file and "a/b" inside it cannot both exist: the write fails half-way.
    let broken = SiteOutput(files: ["index.html": Array("new".utf8), "a": [1], "a/b": [2]], copies: [:])
    #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.write(broken, to: out, siteRoot: root) }
    #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["public"])
  }
}
