import Foundation
import GenCore
import GenSite
import Testing

/// Templates that would recurse without end, or nest past the bound, are errors that
/// name the templates involved, found from the parsed templates before anything
/// renders: never a stack overflow. Each site here crashed gen before the check.
@Suite struct TemplateCycleTests {
  /// Builds a site with the given template files and returns its error lines.
  func errors(_ templates: String, page: String = "Text.") throws -> [String] {
    let site = try TestSite("-- gen.yml --\ntitle: T\n-- content/a.md --\n\(page)\n" + templates)
    defer { site.remove() }
    let result = site.build()
    #expect(result.output == nil, "a build with errors produces no output")
    return result.diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
  }

  /// Writes a file byte for byte (the multi-file text adds a final newline).
  func errors(files: [String: String]) throws -> [String] {
    let site = try TestSite("-- gen.yml --\ntitle: T\n-- content/a.md --\nText.\n")
    defer { site.remove() }
    for (path, text) in files { try site.write(path, text) }
    let result = site.build()
    #expect(result.output == nil, "a build with errors produces no output")
    return result.diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
  }

  @Test func aBaseTemplateThatInheritsItself() throws {
    let found = try errors(files: ["templates/base.mustache": "{{<base}}{{/base}}"])
    #expect(
      found == [
        "templates/base.mustache:1:1: error: template 'base' includes itself (base → base) (a partial may not include itself, directly or through others)"
      ], "\(found)")
  }

  @Test func aPageTemplateThatInheritsItself() throws {
    let found = try errors(files: ["templates/page.mustache": "{{<page}}{{/page}}"])
    #expect(
      found.count == 1
        && found[0].hasPrefix(
          "templates/page.mustache:1:1: error: template 'page' includes itself (page → page)"),
      "\(found)")
  }

  @Test func anIncludeSplitOverALineBreak() throws {
    let found = try errors(files: [
      "templates/partials/a.mustache": "{{>\na}}",
      "templates/page.mustache": "{{> a}}{{{page.content}}}",
    ])
    #expect(
      found.count == 1
        && found[0].hasPrefix(
          "templates/partials/a.mustache:1:1: error: partial 'a' includes itself (partials/a → partials/a)"),
      "\(found)")
  }

  @Test func anIncludeAfterASetDelimiterTag() throws {
    let found = try errors(files: [
      "templates/partials/a.mustache": "{{=<% %>=}}<%> a%>",
      "templates/page.mustache": "{{> a}}{{{page.content}}}",
    ])
    #expect(
      found.count == 1
        && found[0].hasPrefix("templates/partials/a.mustache:1:12: error: partial 'a' includes itself"),
      "\(found)")
  }

  @Test func partialCyclesNameEveryTemplateOnce() throws {
    let found = try errors(
      """
      -- templates/partials/footer.mustache --
      <footer>{{> footer}}</footer>
      -- templates/partials/a.mustache --
      {{> b}}
      -- templates/partials/b.mustache --
      x {{> a}}
      -- templates/page.mustache --
      {{> a}}{{> footer}}{{{page.content}}}
      """)
    #expect(
      found == [
        "templates/partials/b.mustache:1:3: error: partial 'a' includes itself (partials/a → partials/b → partials/a) (a partial may not include itself, directly or through others)",
        "templates/partials/footer.mustache:1:9: error: partial 'footer' includes itself (partials/footer → partials/footer) (a partial may not include itself, directly or through others)",
      ], "\(found)")
  }

  /// A cycle hidden in each kind of content the renderer expands: a section, an
  /// inverted section, a parent's block override, and a block's default content.
  @Test(arguments: [
    "{{#page}}{{> a}}{{/page}}",
    "{{^page}}{{> a}}{{/page}}",
    "{{< frame}}{{$ slot}}{{> a}}{{/ slot}}{{/ frame}}",
    "{{$ slot}}{{> a}}{{/ slot}}",
  ])
  func cyclesInsideEveryKindOfContent(_ body: String) throws {
    let found = try errors(files: [
      "templates/partials/a.mustache": body,
      "templates/partials/frame.mustache": "[{{$ slot}}{{/ slot}}]",
      "templates/page.mustache": "{{> a}}{{{page.content}}}",
    ])
    #expect(found.count == 1, "\(found)")
    #expect(found.contains { $0.contains("includes itself") && $0.contains("partials/a →") }, "\(found)")
  }

  @Test func aBlockOverrideThatExpandsItsOwnBlock() throws {
    let found = try errors(files: [
      "templates/partials/x.mustache": "{{<p}}{{$b}}{{>q}}{{/b}}{{/p}}",
      "templates/partials/p.mustache": "{{$b}}{{/b}}",
      "templates/partials/q.mustache": "{{$b}}{{/b}}",
      "templates/page.mustache": "{{>x}}{{{page.content}}}",
    ])
    #expect(
      found == [
        "templates/partials/q.mustache:1:1: error: block 'b' expands into itself (partials/x → partials/q → partials/x) (a block's override may not expand the same block again)"
      ], "\(found)")
  }

  @Test func inheritanceWithoutACycleRenders() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: T
      -- content/a.md --
      Text.
      -- templates/partials/frame.mustache --
      <div class="frame">{{$ inner}}default{{/ inner}}</div>
      -- templates/page.mustache --
      {{< frame}}{{$ inner}}<p>{{page.title}}</p>{{{page.content}}}{{/ inner}}{{/ frame}}{{> frame}}
      """)
    defer { site.remove() }
    let page = try #require(try site.output()["a/index.html"])
    #expect(page.contains("<div class=\"frame\"><p>A</p><p>Text.</p>\n</div>"), "\(page)")
    #expect(page.contains("<div class=\"frame\">default</div>"))
  }

  @Test func dynamicPartialsAreRefused() throws {
    let found = try errors(files: ["templates/page.mustache": "{{> *which}}{{{page.content}}}"])
    #expect(
      found.count == 1
        && found[0].hasPrefix("templates/page.mustache:1:1: error: dynamic partial 'which' is not supported"),
      "\(found)")
  }

  @Test func sectionsNestedTooDeepAreRefusedBeforeParsing() throws {
    let deep = String(repeating: "{{#a}}", count: 20_000) + String(repeating: "{{/a}}", count: 20_000)
    let found = try errors(files: ["templates/partials/deep.mustache": deep])
    #expect(
      found == [
        "templates/partials/deep.mustache:1:601: error: sections nest more than 100 levels deep (close sections with {{/name}} sooner, or move nested parts into partials)"
      ], "\(found)")
  }

  @Test func partialsNestedTooDeepAreAnError() throws {
    var files = [
      "templates/page.mustache": "{{> p1}}{{{page.content}}}", "templates/partials/p200.mustache": "end",
    ]
    for i in 1..<200 { files["templates/partials/p\(i).mustache"] = "{{> p\(i + 1)}}" }
    let found = try errors(files: files)
    #expect(found.count == 1, "\(found)")
    #expect(
      found.first?.contains(
        "templates nest more than 100 levels deep (page → partials/p1 → partials/p2 → … →") == true,
      "\(found)")
  }

  @Test func nestingWithinTheBoundRenders() throws {
    var files = [
      "templates/page.mustache": "{{> p1}}{{{page.content}}}", "templates/partials/p45.mustache": "end",
    ]
    for i in 1..<45 { files["templates/partials/p\(i).mustache"] = "{{#page}}{{> p\(i + 1)}}{{/page}}" }
    let site = try TestSite("-- gen.yml --\ntitle: T\n-- content/a.md --\nText.\n")
    defer { site.remove() }
    for (path, text) in files { try site.write(path, text) }
    #expect(try site.output()["a/index.html"]?.contains("end<p>Text.</p>") == true)
  }

  @Test func transformsNestedTooDeepAreRefusedBeforeParsing() throws {
    let tag = "{{a" + String(repeating: "(", count: 5_000) + "x" + String(repeating: ")", count: 5_000) + "}}"
    let found = try errors(files: ["templates/partials/t.mustache": tag])
    #expect(
      found.count == 1
        && found[0].hasPrefix("templates/partials/t.mustache:1:1: error: a tag nests more than 16 transforms"),
      "\(found)")
  }
}
