import Foundation
import GenCharts
import GenCore
import GenData
import GenMarkdown
import GenSite
import GenYAML
import Testing

/// Random and hostile inputs: gen must answer with errors, never crash or hang.
@Suite struct HostileInputTests {
  /// A small deterministic generator (SplitMix64), so failures can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Bytes drawn mostly from the characters that matter to the format.
    mutating func bytes(_ alphabet: [UInt8], count: Int) -> [UInt8] {
      (0..<count).map { _ in int(10) == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[int(alphabet.count)]
      }
    }
  }

  /// A reader's answer is either a table and no errors, or no table and errors that
  /// each name the file; every column of a table has the table's row count.
  static func checkAnswer(_ table: Table?, _ diagnostics: Diagnostics, path: String) {
    if let table {
      #expect(!diagnostics.hasErrors, "\(diagnostics)")
      #expect(table.columns.allSatisfy { $0.count == table.rowCount })
    } else {
      #expect(diagnostics.hasErrors)
      #expect(diagnostics.errors.allSatisfy { $0.location?.path == path }, "\(diagnostics)")
    }
  }

  /// Found by fuzzing: a table with no `columns:` shows its `by:` column by default, and
  /// a `by:` column named like `min:x` was read as a `min:` column of an item that does
  /// not exist (index out of range).
  @Test func aTableWhoseByLooksLikeAMinColumn() throws {
    for text in [
      "data: d\nby: min:country\n", "data: d\nby: 'max:'\n", "data: d\n", "data: d\ncolumns: [rank, sum]\n",
    ] {
      var diagnostics = Diagnostics()
      let node = try #require(YAMLParser.parse(text, path: "t.yml", into: &diagnostics))
      let spec = TableSpec.parse(node, into: &diagnostics)
      #expect(spec != nil || diagnostics.hasErrors, "\(text)")
    }
  }

  /// Found by fuzzing: YAML counts a lone CR as a line break, the search for where a
  /// duplicate key is written did not, and ran past the last line (a crash).
  @Test func duplicateKeysInYAMLWithCRLineBreaks() {
    var diagnostics = Diagnostics()
    let text = "\rmetrics:\r\r\r\r\rdigits: 1lat\rmetrics:\r\r\r\r\rdigits: 1lu"
    #expect(YAMLParser.parse(text, path: "gen.yml", into: &diagnostics) == nil)
    // Both keys are repeated; the second 'digits' is on line 13.
    #expect(
      diagnostics.errors.map(\.description) == [
        "gen.yml:13:1: error: duplicate key 'digits', 'metrics' in YAML mapping (each key may appear once)"
      ])
  }

  @Test func randomCSVGivesATableOrLocatedErrors() {
    var g = Generator(state: 42)
    let alphabet = Array("a1,\"\n\r\t .-2026-01-05é".utf8)
    var tables = 0
    for _ in 0..<3000 {
      let bytes = g.bytes(alphabet, count: g.int(200))
      let types: [String: ColumnType] = g.int(2) == 0 ? ["a": .integer] : [:]
      var diagnostics = Diagnostics()
      let table = bytes.withUnsafeBufferPointer { buffer in
        CSVReader.read(
          bytes: buffer, displayPath: "x.csv", name: "x", options: CSVReader.Options(declaredTypes: types),
          into: &diagnostics)
      }
      Self.checkAnswer(table, diagnostics, path: "x.csv")
      if table != nil { tables += 1 }
    }
    // The inputs reach both answers, each many times: tables, and files refused with errors.
    #expect(tables >= 50 && 3000 - tables >= 50, "\(tables) of 3000 inputs gave a table")
  }

  @Test func randomJSONGivesATableOrLocatedErrors() {
    var g = Generator(state: 7)
    let alphabet = Array("{}[]\":,\\u0aZ 1e-9truefalsenull\n".utf8)
    for _ in 0..<3000 {
      let bytes = g.bytes(alphabet, count: g.int(120))
      var diagnostics = Diagnostics()
      let table = bytes.withUnsafeBufferPointer { buffer in
        JSONReader.read(
          bytes: buffer, displayPath: "x.json", name: "x",
          options: JSONReader.Options(keys: g.int(2) == 0 ? [] : ["k"]), into: &diagnostics)
      }
      Self.checkAnswer(table, diagnostics, path: "x.json")
    }
    // Deep nesting is refused, not a stack overflow.
    let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
    var diagnostics = Diagnostics()
    let table = deep.withUnsafeBufferPointer { buffer in
      JSONReader.read(
        bytes: buffer, displayPath: "x.json", name: "x", options: JSONReader.Options(), into: &diagnostics)
    }
    #expect(table == nil && diagnostics.hasErrors)
    #expect(
      diagnostics.errors.map(\.description) == [
        "x.json:1:513: error: JSON syntax error: nested more than 512 levels deep"
      ])
  }

  /// Random Markdown: gen's serialisation equals libcmark's wherever gen adds nothing
  /// (no headings, which gen gives ids), and every expression is located in the text.
  @Test func randomMarkdownMatchesCmarkAndLocatesExpressions() {
    var g = Generator(state: 99)
    let alphabet = Array("# *_[]()`<>{}~%|\n-!.md\\:\"'&".utf8)
    var compared = 0
    for _ in 0..<2000 {
      let text = String(decoding: g.bytes(alphabet, count: g.int(300)), as: UTF8.self)
      let document = MarkdownDocument.parse(
        text, path: "x.md", options: MarkdownOptions(allowRawHTML: true), blockKinds: ["chart"])
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      for expression in document.expressions {
        #expect((1...lines).contains(expression.location.line), "\(text)")
      }
      let hasHeading = document.blocks.contains { if case .heading = $0 { true } else { false } }
      guard !hasHeading, document.fencedBlocks.isEmpty, !text.contains("{{") else { continue }
      compared += 1
      let html = HTMLRenderer.render(document, values: .asWritten(document)).html
      #expect(html == MarkdownDocument.referenceHTML(text), "\(text)")
    }
    #expect(compared > 500)
  }

  /// Random YAML: a node or an error in the file; a metric is read or its errors
  /// reported; a claim parses to its text or explains why not.
  @Test func randomYAMLAndClaimsAreReadOrExplained() {
    var g = Generator(state: 5)
    let alphabet = Array("key: [{}],-&*!|>'\"#\n 1%p±~T".utf8)
    for _ in 0..<2000 {
      let text = String(decoding: g.bytes(alphabet, count: g.int(100)), as: UTF8.self)
      var diagnostics = Diagnostics()
      if let node = YAMLParser.parse(text, path: "x.yml", into: &diagnostics) {
        #expect(!diagnostics.hasErrors)
        var problems = Diagnostics()
        let metric = MetricSpec.parse(name: "m", node: node, into: &problems)
        #expect((metric == nil) == problems.hasErrors, "\(text)")
        var configProblems = Diagnostics()
        _ = SiteConfig.parse(text, path: "gen.yml", into: &configProblems)
        #expect(configProblems.all.allSatisfy { $0.location?.path == "gen.yml" || $0.location == nil })
      } else if diagnostics.hasErrors {
        #expect(diagnostics.errors.allSatisfy { $0.location?.path == "x.yml" })
      }
      switch Claim.parse(text) {
      case .success(let claim): #expect(!claim.text.isEmpty)
      case .failure(let error): #expect(!error.message.isEmpty)
      }
    }
  }

  @Test func aFileOfOneHugeLineFailsAtOnce() throws {
    // 17 MB without a line break: not a header of column names, said before reading it.
    let site = try TestSite(
      "-- gen.yml --\ntitle: T\ndatasets:\n  d: { file: d.csv }\n-- content/index.md --\nhi\n")
    defer { site.remove() }
    try site.write("d.csv", "a," + String(repeating: "x", count: 17_000_000))
    #expect(
      site.errors() == [
        "d.csv:1:1: error: the first line of d.csv is longer than 16 MB, which no header of column names is (a CSV file starts with one line of column names; check that this is the file meant)"
      ])
  }

  @Test func yamlAliasesAreNotExpanded() throws {
    // A "billion laughs" document must not blow up memory.
    let bomb = """
      a: &a ["x","x","x","x","x","x","x","x","x"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      """
    var diagnostics = Diagnostics()
    _ = SiteConfig.parse(bomb, path: "gen.yml", into: &diagnostics)
    #expect(diagnostics.hasErrors, "unknown keys are reported; nothing expands")
  }

  @Test func hostileSiteIsEscapedEverywhere() throws {
    let site = try TestSite(
      """
      -- gen.yml --
      title: "<script>alert('t')</script>"
      description: "\\" onmouseover=\\"x"
      base_url: https://example.org/
      datasets:
        d: { file: content/data/d.csv, time: day, value: v }
      -- content/data/d.csv --
      day,g,v
      2026-01-05,"<img src=x onerror=alert(1)>",1
      2026-01-05,"b&b",3
      -- content/index.md --
      ---
      title: "</title><script>x()</script>"
      summary: "<b>bold</b> & \\"quotes\\""
      ---

      [click](javascript:alert(1)) and <script>alert(2)</script>

      ```chart
      type: bar
      data: d
      by: g
      title: "<svg onload=alert(3)>"
      ```

      ```table
      data: d
      by: g
      ```
      """)
    defer { site.remove() }
    let files = try site.output()
    // CSV files hold the data as it is (served as text/csv); every HTML, SVG and XML file escapes it.
    for (path, text) in files where !path.hasSuffix(".csv") {
      #expect(!text.contains("<script>"), "\(path) holds a raw <script>")
      #expect(!text.contains("<img src=x"), "\(path) holds a raw <img>")
      #expect(!text.lowercased().contains("javascript:"), "\(path) holds a javascript: link")
      #expect(!text.contains("<svg onload"), "\(path) holds a raw <svg onload>")
    }
    #expect(files["index.html"]!.contains("&lt;img src=x onerror=alert(1)&gt;"))
  }

  @Test func outputStaysValidForOddInputs() throws {
    let site = try TestSite.visits(
      config: "title: \"T\\uFFFE\"\nbase_url: https://example.org/r/",
      rows: "2026-01-05,Firefox,30\n2026-01-05,Chrome,70",
      """
      -- content/index.md --
      ---
      metrics:
        ff: { data: visits, where: { browser: Firefox } }
      ---
      ![Firefox at {{ ff }}](chart.png) and [a script](javascript:alert(1)), [mine](my%20page.md), [pdf](files/a%20b.pdf), [pdf2](<files/a b.pdf>).

      ##

      ## Two

      ## Three
      -- content/chart.png --
      png
      -- content/files/a b.pdf --
      pdf
      -- content/my page.md --
      Mine.
      """)
    defer { site.remove() }
    let out = try site.output()
    let index = try #require(out["index.html"])
    #expect(index.contains("alt=\"Firefox at 30.0%\""), "alt text is plain text")
    #expect(!index.contains("href=\"\""), "a removed link leaves its text, not an empty link")
    #expect(index.contains("a script"))
    #expect(index.contains("href=\"my%20page/index.html\""))
    #expect(index.contains("<a href=\"files/a%20b.pdf\">pdf</a>"), "encoded once")
    #expect(index.contains("<a href=\"files/a%20b.pdf\">pdf2</a>"))
    #expect(!index.contains("\u{FFFE}"))
    #expect(!(out["feed.xml"] ?? "").contains("\u{FFFE}"))
    // The empty heading has no entry in the table of contents.
    #expect(!index.contains("<a href=\"#section\"></a>"))
  }
}
