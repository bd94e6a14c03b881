import GenCore
import GenData
import Testing

/// CSV/TSV parsing (docs/metrics.md): RFC 4180 quoting, line ends, encodings, missing values,
/// type inference and dictionary encoding.
@Suite struct CSVReaderTests {
  @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
    let text = [
      "id,name,note",
      #"1,"Smith, John","He said ""hi""""#,
      #"2,"two"#,
      #"lines",plain"#,
      #"3,"","a ""quoted"", comma""#,
      "",
    ].joined(separator: "\n")
    let t = try TestData.csv(text)
    #expect(t.rowCount == 3)
    #expect(t.columnNames == ["id", "name", "note"])
    #expect(t.column("id")?.ints == [1, 2, 3])
    #expect(t.column("name")?.texts == ["Smith, John", "two\nlines", nil])
    #expect(t.column("note")?.texts == ["He said \"hi\"", "plain", "a \"quoted\", comma"])
  }

  @Test func crlfLineEnds() throws {
    let text = "a,b,c\r\n1,x,\r\n2,\"q\",\"z\"\r\n3,\"m\r\nn\",w\r\n"
    let t = try TestData.csv(text)
    #expect(t.rowCount == 3)
    #expect(t.column("a")?.ints == [1, 2, 3])
    // A CR inside quotes belongs to the value; the CR of a line end does not.
    #expect(t.column("b")?.texts == ["x", "q", "m\r\nn"])
    #expect(t.column("c")?.texts == [nil, "z", "w"])
  }

  @Test func lastLineWithoutLineBreak() throws {
    let t = try TestData.csv("a,b\r\n1,2\r\n3,4")
    #expect(t.column("b")?.ints == [2, 4])
  }

  @Test func utf8ByteOrderMarkIsSkipped() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("week,tokens\n2026-02-16,5\n".utf8)
    let t = try TestData.csv(bytes: bytes)
    #expect(t.columnNames == ["week", "tokens"])
    #expect(t.column("week")?.days == ["2026-02-16"])
  }

  @Test func tabSeparatedValues() throws {
    let t = try TestData.csv("model\ttokens\nqwen, max\t12\n\"a\tb\"\t3\n", delimiter: 0x09)
    #expect(t.column("model")?.texts == ["qwen, max", "a\tb"])
    #expect(t.column("tokens")?.ints == [12, 3])
  }

  @Test func blankLinesAreSkipped() throws {
    let t = try TestData.csv("a,b\n\n1,2\n\r\n\n3,4\n\n")
    #expect(t.rowCount == 2)
    #expect(t.column("a")?.ints == [1, 3])
  }

  @Test func headerOnlyGivesAnEmptyTable() throws {
    let t = try TestData.csv("a,b\n")
    #expect(t.rowCount == 0)
    #expect(t.columnNames == ["a", "b"])
  }

  @Test func emptyCellsAreMissingNeverZero() throws {
    let text = """
      i,x,t,d
      1,1.5,a,2026-01-01
      ,,,
      0,0.0,b,2026-01-02
      """
    let t = try TestData.csv(text)
    #expect(t.column("i")?.type == .integer)
    #expect(t.column("x")?.type == .decimal)
    #expect(t.column("t")?.type == .text)
    #expect(t.column("d")?.type == .date)
    for name in ["i", "x", "t", "d"] {
      let c = try #require(t.column(name))
      #expect(c.isMissing(1), "\(name) row 2")
      #expect(!c.isMissing(0) && !c.isMissing(2), "\(name)")
      #expect(c.string(at: 1) == nil)
      #expect(c.number(at: 1) == nil)
    }
    #expect(t.column("i")?.ints == [1, nil, 0])
    #expect(t.column("x")?.decimals == [1.5, nil, 0])
    #expect(t.column("t")?.texts == ["a", nil, "b"])
    #expect(t.column("d")?.days == ["2026-01-01", nil, "2026-01-02"])
    // Missing stays missing in declared columns too.
    let declared = try TestData.csv("n,s\n,\n7,x\n", types: ["n": .decimal, "s": .text])
    #expect(declared.column("n")?.decimals == [nil, 7])
    #expect(declared.column("s")?.texts == [nil, "x"])
  }

  @Test func typeInference() throws {
    let text = """
      day,count,ratio,name,mixed,stamp,sci
      2026-01-05,-12,1.5,a,2026-01-05,2026-01-05T10:00:00,1e3
      2026-01-12,+7,2,b,12,2026-01-06 08:00,2.5E-2
      """
    let t = try TestData.csv(text)
    #expect(t.column("day")?.type == .date)
    #expect(t.column("count")?.ints == [-12, 7])
    #expect(t.column("ratio")?.decimals == [1.5, 2])
    #expect(t.column("name")?.type == .text)
    // A date and a number do not share a type: text.
    #expect(t.column("mixed")?.texts == ["2026-01-05", "12"])
    // Dates followed by a time are dates; the time is ignored.
    #expect(t.column("stamp")?.days == ["2026-01-05", "2026-01-06"])
    #expect(t.column("sci")?.decimals == [1000, 0.025])
  }

  @Test func notARealDateIsText() throws {
    let t = try TestData.csv("d\n2026-02-30\n2026-02-28\n")
    #expect(t.column("d")?.type == .text)
  }

  @Test func widensIntegerToDecimalAfterTheSample() throws {
    // The type sample is the first 1,000 records; the fraction comes later.
    var lines = ["n,label"]
    for i in 0..<1500 { lines.append("\(i),x") }
    lines.append("2.5,y")
    let t = try TestData.csv(lines.joined(separator: "\n"))
    let n = try #require(t.column("n"))
    #expect(n.type == .decimal)
    #expect(t.rowCount == 1501)
    #expect(n.decimals.first == 0)
    #expect(n.decimals[1499] == 1499)
    #expect(n.decimals.last == 2.5)
  }

  @Test func widensNumbersAndDatesToTextAfterTheSample() throws {
    var lines = ["n,d"]
    for i in 0..<1200 { lines.append("\(i),2026-01-01") }
    lines.append("n/a,soon")
    let t = try TestData.csv(lines.joined(separator: "\n"))
    let n = try #require(t.column("n"))
    #expect(n.type == .text)
    #expect(n.texts[0] == "0")
    #expect(n.texts[1199] == "1199")
    #expect(n.texts.last == "n/a")
    #expect(t.column("d")?.type == .text)
    #expect(t.column("d")?.dictionary == ["2026-01-01", "soon"])
  }

  @Test func declaredTypesOverrideInference() throws {
    let t = try TestData.csv(
      "code,amount,when\n001,1,2026-01-01\n002,2,2026-01-02\n",
      types: ["code": .text, "amount": .decimal, "when": .text])
    // Without the declaration "001" would be the integer 1.
    #expect(t.column("code")?.texts == ["001", "002"])
    #expect(t.column("amount")?.type == .decimal)
    #expect(t.column("amount")?.decimals == [1, 2])
    #expect(t.column("when")?.texts == ["2026-01-01", "2026-01-02"])
  }

  @Test func textIsDictionaryEncodedInFirstAppearanceOrder() throws {
    let t = try TestData.csv("m\nqwen\ndeepseek\nqwen\nanthropic\ndeepseek\n\"qwen\"\n")
    guard case .text(let codes, let dictionary) = try #require(t.column("m")).storage else {
      Issue.record("not text")
      return
    }
    #expect(dictionary == ["qwen", "deepseek", "anthropic"])
    #expect(codes == [0, 1, 0, 2, 1, 0])
  }

  @Test func unicodeTextSurvives() throws {
    let t = try TestData.csv("name,n\n\"Zhipu · GLM\",1\n月之暗面,2\n")
    #expect(t.column("name")?.texts == ["Zhipu · GLM", "月之暗面"])
  }

  @Test func largeIntegersKeepEveryDigit() throws {
    let t = try TestData.csv("total_tokens\n13947727801492\n9223372036854775807\n")
    #expect(t.column("total_tokens")?.ints == [13_947_727_801_492, Int64.max])
  }

  @Test func overflowingNumbersAreNotNumbers() throws {
    let errors = TestData.csvErrors("a\n1e400\n", types: ["a": .decimal])
    #expect(errors.count == 1)
    let inferred = try TestData.csv("a\n1e400\n")
    #expect(inferred.column("a")?.type == .text)
  }
}

/// Errors name file, line and column (docs/metrics.md); all are reported together.
@Suite struct CSVErrorTests {
  @Test func raggedRowLineCountsEmbeddedNewlines() {
    // Line 3–4 hold one record with a quoted line break; the bad record is on line 5.
    let errors = TestData.csvErrors("a,b\n1,2\n\"x\ny\",1\n1,2,3\n")
    #expect(
      errors.map(\.description) == [
        "t.csv:5:1: error: row has 3 fields but the header has 2 (quote values that contain the delimiter, or fix the row)"
      ])
  }

  @Test func raggedRowWithTooFewFields() {
    let errors = TestData.csvErrors("a,b,c\n1,2,3\n4,5\n")
    #expect(errors.count == 1)
    #expect(errors.first?.location?.description == "t.csv:3:1")
    #expect(errors.first?.message == "row has 2 fields but the header has 3")
  }

  @Test func unclosedQuote() {
    let errors = TestData.csvErrors("a,b\n1,\"abc\n2,3\n")
    #expect(errors.count == 1)
    #expect(errors.first?.location?.description == "t.csv:2:3")
    #expect(errors.first?.message.contains("never closed") == true)
  }

  @Test func unclosedQuoteInHeader() {
    let errors = TestData.csvErrors("a,\"b\n1,2\n")
    #expect(errors.first?.location?.description == "t.csv:1:3")
    #expect(errors.first?.message.contains("never closed") == true)
  }

  @Test func textAfterClosingQuote() {
    let errors = TestData.csvErrors("a,b\n\"ab\"c,1\n")
    #expect(errors.count == 1)
    #expect(errors.first?.location?.description == "t.csv:2:5")
    #expect(errors.first?.message == "text after the closing quote of a field")
  }

  @Test func badNumberInDeclaredColumnNamesTheCell() {
    let errors = TestData.csvErrors("model,tokens\nqwen,12\ndeepseek,1.2e\n", types: ["tokens": .decimal])
    #expect(
      errors.map(\.description) == [
        "t.csv:3:10: error: '1.2e' in column 'tokens' is not a number (fix the value, leave the cell empty for a missing value, or change the column's type in gen.yml)"
      ])
    let ints = TestData.csvErrors("model,tokens\nqwen,1.5\n", types: ["tokens": .integer])
    #expect(ints.first?.location?.description == "t.csv:2:6")
    #expect(ints.first?.message == "'1.5' in column 'tokens' is not a whole number")
  }

  @Test func badDateInDeclaredColumn() {
    let errors = TestData.csvErrors("n,week\n1,2026-02-16\n2,16/02/2026\n", types: ["week": .date])
    #expect(errors.first?.location?.description == "t.csv:3:3")
    #expect(errors.first?.message == "'16/02/2026' in column 'week' is not a date (YYYY-MM-DD)")
  }

  @Test func columnCountsCharactersNotBytes() {
    let errors = TestData.csvErrors("name,n\n月之暗面,x\n", types: ["n": .integer])
    #expect(errors.first?.location?.description == "t.csv:2:6")
  }

  @Test func utf16IsRejected() {
    for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
      let errors = TestData.csvErrors(bytes: bom + [0x61, 0x00, 0x0A, 0x00])
      #expect(errors.count == 1)
      #expect(errors.first?.location?.description == "t.csv:1:1")
      #expect(errors.first?.message == "dataset file is UTF-16 encoded")
      #expect(errors.first?.hint == "save it as UTF-8")
    }
  }

  @Test func emptyFile() {
    let errors = TestData.csvErrors(bytes: [])
    #expect(errors.map(\.description) == ["t.csv: error: dataset file is empty (a CSV needs a header line)"])
  }

  @Test func duplicateAndEmptyHeaderNames() {
    let errors = TestData.csvErrors("a,b,a,\n1,2,3,4\n")
    let messages = errors.map(\.message)
    #expect(messages.contains("column name 'a' appears twice in the header"))
    #expect(messages.contains("column 4 has no name in the header"))
    #expect(errors.allSatisfy { $0.location?.description == "t.csv:1:1" })
  }

  @Test func unknownColumnInDeclaredTypes() {
    let at = GenCore.SourceLocation(path: "gen.yml", line: 7, column: 7)
    let errors = TestData.csvErrors(
      "model,tokens\nqwen,1\n", types: ["tokns": .integer], typeLocations: ["tokns": at])
    #expect(
      errors.map(\.description) == [
        "gen.yml:7:7: error: dataset 't' has no column 'tokns' to give a type (did you mean 'tokens'?)"
      ])
  }

  @Test func unknownColumnInDeclaredTypesWithoutALocationIsStillAnError() {
    // A declared type for a column the file does not have must never be ignored silently.
    let errors = TestData.csvErrors("model,tokens\nqwen,1\n", types: ["tokns": .integer])
    #expect(errors.map(\.message) == ["dataset 't' has no column 'tokns' to give a type"])
    #expect(errors.first?.hint == "did you mean 'tokens'?")
  }

  @Test func severalErrorsInOneRun() {
    let text =
      "model,tokens,week\nqwen,x,2026-01-05\nkimi\n\"glm\",3,2026-13-01\nm2,,2026-01-19\ngrok,4.5,2026-01-26\n"
    let errors = TestData.csvErrors(text, types: ["tokens": .integer, "week": .date])
    #expect(
      errors.map { "\($0.location!) \($0.message)" } == [
        "t.csv:2:6 'x' in column 'tokens' is not a whole number",
        "t.csv:3:1 row has 1 field but the header has 3",
        "t.csv:4:9 '2026-13-01' in column 'week' is not a date (YYYY-MM-DD)",
        "t.csv:6:6 '4.5' in column 'tokens' is not a whole number",
      ])
  }

  @Test func bomDoesNotShiftColumnsOfTheFirstLine() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,\"b\n".utf8)
    let errors = TestData.csvErrors(bytes: bytes)
    #expect(errors.first?.location?.description == "t.csv:1:3")
  }

  /// Found by fuzzing: a lone CR after a closing quote ended the record, so one line held
  /// more records than the line breaks the buffers were sized by (a heap overflow).
  @Test func aLoneCRAfterAQuoteIsTextAfterTheQuote() throws {
    let errors = TestData.csvErrors("a\n\"x\"\r\"y\"\r\"z\"\r1\n")
    #expect(errors.map(\.message) == ["text after the closing quote of a field"])
    #expect(errors.first?.location?.description == "t.csv:2:4")
    // CRLF after a quote, and a CR at the very end, still end the record.
    let table = try TestData.csv("a\n\"x\"\r\n\"y\"\r")
    #expect(table.column("a")?.texts == ["x", "y"])
  }

  @Test func crOnlyFilesAreNamedAsSuch() {
    let errors = TestData.csvErrors("week,visits\r2026-01-05,3\r")
    #expect(errors.map(\.message) == ["dataset file ends its lines with CR only (classic Mac OS)"])
  }

  @Test func aLongListOfBadCellsSaysHowManyMore() {
    let text = "a\n" + String(repeating: "x\n", count: 60)
    let errors = TestData.csvErrors(text, types: ["a": .integer])
    #expect(errors.count == 51)
    #expect(errors.contains { $0.message == "10 more problems in this file are not listed" })
  }
}
