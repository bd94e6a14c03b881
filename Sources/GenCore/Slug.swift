/// URL- and id-safe names made from free text.
public enum Slug {
  /// Lowercase letters and digits (any script), other runs become one `-`; leading and
  /// trailing dashes trimmed. `"DeepSeek R1 (Jan)"` → `deepseek-r1-jan`.
  public static func make(_ text: String, fallback: String = "item") -> String {
    var out = ""
    var pendingDash = false
    for scalar in text.lowercased().unicodeScalars {
      let keep =
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
        || scalar == "."
      if keep && scalar != "." {
        if pendingDash && !out.isEmpty { out += "-" }
        pendingDash = false
        out.unicodeScalars.append(scalar)
      } else {
        pendingDash = true
      }
    }
    return out.isEmpty ? fallback : out
  }

  /// Makes `base` unique among `used` by appending `-1`, `-2`, … and records it.
  public static func unique(_ base: String, in used: inout Set<String>) -> String {
    var candidate = base
    var n = 1
    while used.contains(candidate) {
      candidate = "\(base)-\(n)"
      n += 1
    }
    used.insert(candidate)
    return candidate
  }
}
