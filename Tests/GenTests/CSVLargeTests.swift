import GenCore
import GenData
import Testing

/// Files larger than one parse chunk (4 MiB) are split and parsed in parallel; the
/// table must be exactly the one a row-by-row reading gives.
@Suite struct CSVLargeTests {
  static let rows = 50_000
  static let chunkBytes = 4 << 20

  /// The expected values of row `i`.
  struct Row {
    var id: Int64
    var day: String
    var model: String
    var tokens: Double?
    var note: String
  }

  static func row(_ i: Int, quoted: Bool) -> Row {
    let day = Day(index: 20_000 + Int32(i / 500)).description
    // 97 models, visited in a scrambled order so first appearances are not sorted.
    let model = "vendor-\((i * 37) % 97)/model"
    let tokens: Double? = i % 1000 == 999 ? nil : Double(i) * 1.25 + 0.5
    let padding = String(repeating: "x", count: 60)
    let note: String
    if quoted {
      note = i % 5 == 0 ? "line one \(i)\nline, \"two\" \(padding)" : "note, \(i) \"q\" \(padding)"
    } else {
      note = "note-\(i % 4000)-\(padding)"
    }
    return Row(id: Int64(i), day: day, model: model, tokens: tokens, note: note)
  }

  static func text(quoted: Bool, crlf: Bool) -> String {
    let eol = crlf ? "\r\n" : "\n"
    var out = "id,day,model,tokens,note" + eol
    out.reserveCapacity(rows * 130)
    for i in 0..<rows {
      let r = row(i, quoted: quoted)
      let tokens = r.tokens.map { NumberText.plain($0) } ?? ""
      let note = quoted ? "\"" + r.note.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : r.note
      // Quote some of the other fields too when quoting is on.
      let model = quoted && i % 3 == 0 ? "\"\(r.model)\"" : r.model
      out += "\(r.id),\(r.day),\(model),\(tokens),\(note)\(eol)"
    }
    return out
  }

  @Test(arguments: [(false, false), (true, false), (true, true)])
  func largeFileGivesTheExactTable(quoted: Bool, crlf: Bool) throws {
    let text = Self.text(quoted: quoted, crlf: crlf)
    let bytes = Array(text.utf8)
    #expect(bytes.count > Self.chunkBytes, "the file must span more than one chunk")
    let t = try TestData.csv(bytes: bytes)
    #expect(t.rowCount == Self.rows)
    #expect(t.columnNames == ["id", "day", "model", "tokens", "note"])
    let expected = (0..<Self.rows).map { Self.row($0, quoted: quoted) }

    let ids = try #require(t.column("id")).ints
    #expect(ids == expected.map { Optional($0.id) })
    let days = try #require(t.column("day")).days
    #expect(days == expected.map { Optional($0.day) })
    let tokens = try #require(t.column("tokens"))
    #expect(tokens.type == .decimal)
    #expect(tokens.decimals == expected.map(\.tokens))
    let notes = try #require(t.column("note")).texts
    #expect(notes == expected.map { Optional($0.note) })

    let model = try #require(t.column("model"))
    #expect(model.texts == expected.map { Optional($0.model) })
    // Codes follow the first appearance in the file, across chunks.
    var firstSeen: [String] = []
    var seen = Set<String>()
    for r in expected where seen.insert(r.model).inserted { firstSeen.append(r.model) }
    #expect(model.dictionary == firstSeen)
  }

  @Test func strayQuoteInALargeFileDoesNotShiftChunks() throws {
    var text = "id,note\n"
    var expected: [String] = []
    for i in 0..<120_000 {
      // One stray quote inside an unquoted field, then quoted fields that hold line
      // breaks: a scan that toggles on every quote is inverted from the stray quote on,
      // and cuts the file inside those fields.
      if i == 1 {
        expected.append("say \"hi \(i)")
        text += "\(i),say \"hi \(i)\n"
      } else if i % 3 == 0 {
        expected.append("line one \(i)\nline two, with padding")
        text += "\(i),\"line one \(i)\nline two, with padding\"\n"
      } else {
        expected.append("plain note number \(i) with some padding text")
        text += "\(i),plain note number \(i) with some padding text\n"
      }
    }
    #expect(text.utf8.count > 4 << 20)
    let t = try TestData.csv(text)
    #expect(t.rowCount == 120_000)
    #expect(t.column("note")?.texts == expected.map { Optional($0) })
  }

  @Test func errorsInLaterChunksHaveTheirFileLine() throws {
    var lines = ["id,tokens"]
    for i in 0..<400_000 { lines.append("\(i),\(i * 3)") }
    lines[250_001] = "250000,oops"
    lines[10] = "9"
    let text = lines.joined(separator: "\n") + "\n"
    #expect(text.utf8.count > Self.chunkBytes)
    let errors = TestData.csvErrors(text, types: ["tokens": .integer])
    #expect(errors.map { "\($0.location!)" } == ["t.csv:11:1", "t.csv:250002:8"])
  }
}
