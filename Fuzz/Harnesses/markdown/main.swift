// Fuzzes Markdown through libcmark into gen's document (fenced chart and table blocks,
// inline {{ }} expressions, conditional text), then the HTML serialiser. For plain
// Markdown (no headings, links or gen syntax) the HTML must equal cmark's own renderer's,
// byte for byte.
import FuzzSupport
import GenCore
import GenMarkdown

runFuzzer { bytes in
  let text = String(decoding: bytes, as: UTF8.self)
  let smart = bytes.first.map { $0 & 1 == 1 } ?? true
  let options = MarkdownOptions(allowRawHTML: true, smartPunctuation: smart)
  let document = MarkdownDocument.parse(
    text, path: "page.md", lineOffset: 3, options: options, blockKinds: ["chart", "table"])
  let rendered = HTMLRenderer.render(document, values: .asWritten(document))
  let html = rendered.html
  // gen's own additions (heading ids, expressions, blocks, resolved links) aside.
  if document.expressions.isEmpty && document.fencedBlocks.isEmpty && document.links.isEmpty
    && rendered.headings.isEmpty && !text.contains("{{") && document.diagnostics.isEmpty
  {
    let reference = MarkdownDocument.referenceHTML(text, smartPunctuation: smart)
    if html != reference {
      let at = zip(html.utf8, reference.utf8).prefix { $0 == $1 }.count
      fuzzLog("gen:  …\(String(decoding: html.utf8.dropFirst(max(0, at - 60)).prefix(160), as: UTF8.self))")
      fuzzLog(
        "cmark: …\(String(decoding: reference.utf8.dropFirst(max(0, at - 60)).prefix(160), as: UTF8.self))")
      preconditionFailure("HTML differs from cmark's")
    }
  }
}
