// Fuzzes the CSV reader with type inference: any bytes must give a table or errors with
// locations, never a crash. The first byte picks the delimiter and whether column `a`
// has a declared type.
import FuzzSupport
import GenCore
import GenData

runFuzzer { bytes in
  guard let first = bytes.first else { return }
  let rest = UnsafeBufferPointer(rebasing: bytes.dropFirst())
  var options = CSVReader.Options(delimiter: first & 1 == 0 ? 0x2C : 0x09)
  let types = ColumnType.allCases
  if first & 2 != 0 { options.declaredTypes["a"] = types[Int(first >> 2) % types.count] }
  var diagnostics = Diagnostics()
  guard
    let table = CSVReader.read(
      bytes: rest, displayPath: "data.csv", name: "data", options: options, into: &diagnostics)
  else {
    precondition(diagnostics.hasErrors, "no table and no error")
    return
  }
  for column in table.columns {
    precondition(column.count == table.rowCount, "column \(column.name) has a different length")
    for row in 0..<min(table.rowCount, 64) {
      _ = column.string(at: row)
      _ = column.number(at: row)
    }
  }
}
