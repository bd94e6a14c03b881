import GenCore
import GenData
import Testing

/// JSON datasets (docs/metrics.md): arrays of records and objects keyed by value.
@Suite struct JSONReaderTests {
  @Test func arrayOfRecordsTakesTheUnionOfKeysInFirstAppearanceOrder() throws {
    let text = """
      [
        {"model": "qwen", "tokens": 12, "week": "2026-02-09"},
        {"model": "kimi", "week": "2026-02-09", "open": true, "ratio": 0.5},
        {"model": null, "tokens": null, "week": "2026-02-16", "ratio": 2}
      ]
      """
    let t = try TestData.json(text)
    #expect(t.rowCount == 3)
    #expect(t.columnNames == ["model", "tokens", "week", "open", "ratio"])
    // null and absent keys are both missing, never 0.
    #expect(t.column("model")?.texts == ["qwen", "kimi", nil])
    #expect(t.column("tokens")?.ints == [12, nil, nil])
    #expect(t.column("week")?.days == ["2026-02-09", "2026-02-09", "2026-02-16"])
    #expect(t.column("open")?.texts == [nil, "true", nil])
    #expect(t.column("ratio")?.decimals == [nil, 0.5, 2])
  }

  @Test func largeNumbersKeepEveryDigit() throws {
    let t = try TestData.json(#"[{"n": 13947727801492}, {"n": "9007199254740993"}]"#)
    #expect(t.column("n")?.ints == [13_947_727_801_492, 9_007_199_254_740_993])
  }

  @Test func objectsKeyedByValueLikeRankingsDaily() throws {
    // The shape of rankings_daily.json: date → model → record, values as strings.
    let text = """
      {
        "2026-05-24": {
          "deepseek/deepseek-v4-flash-20260423": {
            "date": "2026-05-24",
            "model_permaslug": "deepseek/deepseek-v4-flash-20260423",
            "total_tokens": "595090081549"
          },
          "other": {"date": "2026-05-24", "model_permaslug": "other", "total_tokens": "1000"}
        },
        "2026-05-25": {
          "other": {"date": "2026-05-25", "model_permaslug": "other", "total_tokens": "2000"}
        }
      }
      """
    let t = try TestData.json(text, options: .init(keys: ["date", "model_permaslug"]))
    #expect(t.rowCount == 3)
    #expect(t.columnNames == ["date", "model_permaslug", "total_tokens"])
    #expect(t.column("date")?.days == ["2026-05-24", "2026-05-24", "2026-05-25"])
    #expect(t.column("model_permaslug")?.texts == ["deepseek/deepseek-v4-flash-20260423", "other", "other"])
    // Numbers written as strings become integers.
    #expect(t.column("total_tokens")?.type == .integer)
    #expect(t.column("total_tokens")?.ints == [595_090_081_549, 1000, 2000])
  }

  @Test func keyLevelsWithOtherNamesThanTheRecordFields() throws {
    let text = #"{"2026-01-01": {"a/x": {"tokens": "5"}, "b/y": {"tokens": "7"}}}"#
    let t = try TestData.json(text, options: .init(keys: ["date", "model"]))
    #expect(t.columnNames == ["date", "model", "tokens"])
    #expect(t.column("model")?.texts == ["a/x", "b/y"])
    #expect(t.column("tokens")?.ints == [5, 7])
  }

  @Test func scalarLeavesGoToTheValueColumn() throws {
    let text = #"{"2026-01-01": {"qwen": 5, "kimi": "7"}, "2026-01-02": {"qwen": null}}"#
    let t = try TestData.json(text, options: .init(keys: ["day", "model"], valueColumn: "tokens"))
    #expect(t.columnNames == ["day", "model", "tokens"])
    #expect(t.column("day")?.days == ["2026-01-01", "2026-01-01", "2026-01-02"])
    #expect(t.column("model")?.texts == ["qwen", "kimi", "qwen"])
    #expect(t.column("tokens")?.ints == [5, 7, nil])
  }

  @Test func declaredTypesApply() throws {
    let t = try TestData.json(
      #"[{"code": "007", "n": "3"}]"#, options: .init(declaredTypes: ["code": .text, "n": .decimal]))
    #expect(t.column("code")?.texts == ["007"])
    #expect(t.column("n")?.decimals == [3])
  }

  @Test func badValueInDeclaredColumn() {
    #expect {
      try TestData.json(#"[{"n": "3"}, {"n": "three"}]"#, options: .init(declaredTypes: ["n": .integer]))
    } throws: { error in
      let d = (error as? Diagnostics)?.sorted ?? []
      return d.count == 1 && d[0].message.hasPrefix("record 2: 'three' in 'n' is not")
    }
  }

  @Test func declaredTypeForAColumnTheFileLacksIsAnError() {
    do throws(Diagnostics) {
      _ = try TestData.json(#"[{"tokens": "3"}]"#, options: .init(declaredTypes: ["tokns": .integer]))
      Issue.record("expected an error")
    } catch {
      #expect(
        error.sorted.map(\.description) == [
          "t.json: error: dataset 't' has no column 'tokns' to give a type (did you mean 'tokens'?)"
        ])
    }
  }

  @Test func recordDisagreeingWithItsKeyIsAnError() {
    let text = #"{"2026-05-24": {"other": {"date": "2026-05-25", "total_tokens": "1"}}}"#
    #expect {
      try TestData.json(text, options: .init(keys: ["date", "model"]))
    } throws: { error in
      let d = (error as? Diagnostics)?.sorted ?? []
      return d.count == 1
        && d[0].message.contains("'date' is '2026-05-25' but the record sits under key '2026-05-24'")
    }
  }

  @Test func syntaxErrorHasLineAndColumn() {
    let text = "[\n  {\"a\": 1},\n  {\"a\": 2,}\n]\n"
    do throws(Diagnostics) {
      _ = try TestData.json(text)
      Issue.record("expected a syntax error")
    } catch {
      // The `}` after the trailing comma is on line 3, column 11.
      #expect(
        error.sorted.map(\.description) == ["t.json:3:11: error: JSON syntax error: expected a key in quotes"]
      )
    }
  }

  @Test func controlCharacterInAString() {
    do throws(Diagnostics) {
      _ = try TestData.json("[\n {\"a\": \"abc\n\"}]")
      Issue.record("expected a syntax error")
    } catch {
      #expect(
        error.sorted.map(\.description) == [
          "t.json:2:12: error: JSON syntax error: control character inside a string"
        ])
    }
  }

  @Test func unclosedStringPointsAtItsStart() {
    do throws(Diagnostics) {
      _ = try TestData.json("[\n {\"a\": \"abc} ]")
      Issue.record("expected a syntax error")
    } catch {
      #expect(error.sorted.first?.location?.description == "t.json:2:8")
      #expect(error.sorted.first?.message.contains("string is never closed") == true)
    }
  }

  @Test func keyedObjectWithoutKeysExplainsWhatToWrite() {
    do throws(Diagnostics) {
      _ = try TestData.json(#"{"2026-05-24": {"other": {"total_tokens": "1"}}}"#)
      Issue.record("expected an error")
    } catch {
      let d = error.sorted
      #expect(d.count == 1)
      #expect(d.first?.message == "JSON dataset is an object, not an array of records")
      #expect(d.first?.hint?.contains("keys: [date, model]") == true)
      #expect(d.first?.location?.description == "t.json:1:1")
    }
  }

  @Test func keysDeeperThanTheFileIsAnError() {
    do throws(Diagnostics) {
      _ = try TestData.json(#"{"2026-05-24": [1, 2]}"#, options: .init(keys: ["date", "model"]))
      Issue.record("expected an error")
    } catch {
      #expect(error.sorted.first?.message == "expected an object keyed by 'model' at depth 2, found an array")
    }
  }

  @Test func nestedValuesInARecordAreErrors() {
    do throws(Diagnostics) {
      _ = try TestData.json(#"[{"a": 1, "b": [1, 2]}]"#)
      Issue.record("expected an error")
    } catch {
      #expect(error.sorted.first?.message.contains("key 'b' holds an array") == true)
    }
  }

  @Test func loneHighSurrogateInJSONIsReplaced() throws {
    let t = try TestData.json(#"[{"a": "\uD83D\u0041"}, {"a": "\uD83D\uDE00"}]"#)
    #expect(t.column("a")?.texts == ["\u{FFFD}A", "😀"])
  }

  @Test func jsonDuplicateKeysAreErrors() {
    do throws(Diagnostics) {
      _ = try TestData.json("[{\"visits\": 500, \"visits\": 3}]")
      Issue.record("expected an error")
    } catch {
      #expect(error.sorted.first?.message == "JSON syntax error: duplicate key 'visits' in an object")
      #expect(error.sorted.first?.location?.column == 18)
    }
  }

  @Test func manyBadJSONRecordsGiveAFewErrors() {
    let records = (0..<5000).map { _ in "{\"x\": {\"a\": 1}}" }.joined(separator: ",\n")
    do throws(Diagnostics) {
      _ = try TestData.json("[\n" + records + "\n]")
      Issue.record("expected errors")
    } catch {
      #expect(error.all.count == 20)
      #expect(error.sorted.first?.location?.line == 2)
    }
  }

  @Test func utf8ByteOrderMarkIsAccepted() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"[{"a": 1}]"#.utf8)
    var diagnostics = Diagnostics()
    let table = bytes.withUnsafeBufferPointer { b in
      JSONReader.read(bytes: b, displayPath: "t.json", name: "t", options: .init(), into: &diagnostics)
    }
    let result: Result<Table, Diagnostics> = table.map { .success($0) } ?? .failure(diagnostics)
    #expect(try result.get().column("a")?.ints == [1])
  }
}

/// JSON problems point at the record, by line and column.
@Suite struct JSONLocationTests {
  func errors(_ text: String, options: JSONReader.Options = .init()) -> [String] {
    do throws(Diagnostics) {
      _ = try TestData.json(text, options: options)
      return []
    } catch {
      return error.sorted.map { "\($0.location.map { "\($0)" } ?? "")| \($0.message)" }
    }
  }

  @Test func badValuesAndNestedValuesNameTheirRecord() {
    let text = """
      [
        {"week": "2026-01-05", "visits": 3},
        {"week": "2026-01-12", "visits": {"n": 4}},
        {"week": "2026-01-19", "visits": 5}
      ]
      """
    #expect(
      errors(text) == [
        "t.json:3:3| record 2: key 'visits' holds an object; a record's values must be text, numbers or null"
      ])
    let typed = errors(
      "[\n {\"v\": 1},\n {\"v\": \"x\"}\n]", options: JSONReader.Options(declaredTypes: ["v": .integer]))
    #expect(typed == ["t.json:3:2| record 2: 'x' in 'v' is not a integer"])
  }

  @Test func keyedRecordsAreFoundAtTheirDepth() {
    let text = """
      {"2026-01-05": {"a": {"v": 1}, "b": [1, 2]},
       "2026-01-12": {"a": {"v": 2}}}
      """
    #expect(
      errors(text, options: JSONReader.Options(keys: ["day", "model"])) == [
        "t.json:1:37| entry 2026-01-05 › b is an array; expected a record (an object)"
      ])
  }
}
