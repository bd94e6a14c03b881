import GenCore
import Testing

/// Source text is read the same whatever it was saved with: byte order marks and CR or CRLF line ends.
@Suite struct SourceTextTests {
  @Test func crlfMarkdownKeepsItsFrontMatter() throws {
    let site = try TestSite(TestSite.homeOnly)
    defer { site.remove() }
    try site.write(
      "content/page.md",
      "---\r\ntitle: Windows page\r\nsummary: Saved on Windows\r\n---\r\n\r\n# Head\r\n\r\nBody text.\r\n")
    let out = try site.output()
    let page = try #require(out["page/index.html"])
    #expect(page.contains("<title>Windows page"))
    #expect(!page.contains("title: Windows page"), "front matter leaked into the body")
    #expect(page.contains("Body text."))
  }

  @Test func sourceTextNormalizesLineEndings() {
    #expect(SourceText.normalized("\u{FEFF}a\r\nb\rc\n") == "a\nb\nc\n")
    #expect(SourceText.normalized("plain\n") == "plain\n")
    #expect(SourceText.normalized("a\r\r\nb") == "a\n\nb")
  }
}
