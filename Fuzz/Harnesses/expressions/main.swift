// Fuzzes the expression language of derived columns (`{ expr: "..." }`) and claims
// (`{{ m ~ 13% }}`): parse, then evaluate against a few column values.
import FuzzSupport
import GenCore
import GenData

runFuzzer { bytes in
  let text = String(decoding: bytes, as: UTF8.self)
  if let expression = try? ColumnExpression.parse(text) {
    let values: [String: Double] = ["a": 3, "b": 0, "c": -2.5, "tokens": 1e12]
    for _ in 0..<2 { _ = expression.evaluate { values[$0] } }
    _ = expression.columns
  }
  if case .success(let claim) = Claim.parse(text) {
    for value in [0, 0.134, -1, 1e9, Double.nan] { _ = claim.holds(for: value) }
  }
}
