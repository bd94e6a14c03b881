// Fuzzes the JSON reader with type inference: arrays of records and objects keyed by
// value (the first byte picks how many key levels are named).
import FuzzSupport
import GenCore
import GenData

runFuzzer { bytes in
  guard let first = bytes.first else { return }
  let rest = UnsafeBufferPointer(rebasing: bytes.dropFirst())
  let keys = ["day", "model", "kind"].prefix(Int(first % 4))
  var options = JSONReader.Options(keys: Array(keys))
  if first & 4 != 0 { options.missingTokens = ["", "n/a"] }
  if first & 8 != 0 { options.time = ("day", first & 16 != 0 ? "Europe/Berlin" : nil, nil) }
  var diagnostics = Diagnostics()
  guard
    let table = JSONReader.read(
      bytes: rest, displayPath: "data.json", name: "data", options: options, into: &diagnostics)
  else {
    precondition(diagnostics.hasErrors, "no table and no error")
    return
  }
  for column in table.columns {
    precondition(column.count == table.rowCount, "column \(column.name) has a different length")
  }
}
