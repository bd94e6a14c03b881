/// Numbers written as plain text without Foundation, deterministically.
public enum NumberText {
  /// Shortest round-trip decimal for a double, without exponent for everyday magnitudes
  /// (`0.1234`, `13948000000000`).
  public static func plain(_ x: Double) -> String {
    if x.isNaN { return "" }
    if x == x.rounded(), abs(x) < 9.0e15 { return String(Int64(x)) }
    let s = x.description
    guard s.utf8.contains(where: { $0 == 0x65 || $0 == 0x45 }),
      let e = s.firstIndex(where: { $0 == "e" || $0 == "E" })
    else { return s }
    // Expand exponent notation.
    let mantissa = String(s[..<e])
    let exponent = Int(s[s.index(after: e)...]) ?? 0
    let negative = mantissa.hasPrefix("-")
    let digitsPart = negative ? String(mantissa.dropFirst()) : mantissa
    let parts = digitsPart.split(separator: ".", omittingEmptySubsequences: false)
    let intDigits = String(parts[0])
    let fracDigits = parts.count > 1 ? String(parts[1]) : ""
    var digits = intDigits + fracDigits
    var point = intDigits.count + exponent
    if point <= 0 {
      digits = String(repeating: "0", count: -point + 1) + digits
      point = 1
    } else if point > digits.count {
      digits += String(repeating: "0", count: point - digits.count)
    }
    var result = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    while result.hasSuffix("0") { result.removeLast() }
    if result.hasSuffix(".") { result.removeLast() }
    return (negative ? "-" : "") + result
  }

  /// A number rounded to `digits` decimals, as text with exactly that many decimals.
  public static func fixed(_ x: Double, digits: Int) -> String {
    let d = max(0, min(digits, 12))
    var scale = 1.0
    for _ in 0..<d { scale *= 10 }
    let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    let negative = x < 0 && scaled != 0
    if scaled >= 9.0e18 { return plain(x) }
    let whole = UInt64(scaled)
    var s = String(whole)
    if d > 0 {
      if s.count <= d { s = String(repeating: "0", count: d - s.count + 1) + s }
      s.insert(".", at: s.index(s.endIndex, offsetBy: -d))
    }
    return (negative ? "-" : "") + s
  }

  /// Thousands separated with commas: `1,234,567`.
  public static func grouped(_ text: String) -> String {
    var sign = ""
    var body = Substring(text)
    if body.hasPrefix("-") {
      sign = "-"
      body = body.dropFirst()
    }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    var intPart = String(parts[0])
    guard intPart.count > 3 else { return text }
    var groups: [String] = []
    while intPart.count > 3 {
      groups.insert(String(intPart.suffix(3)), at: 0)
      intPart.removeLast(3)
    }
    groups.insert(intPart, at: 0)
    return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
  }
}
