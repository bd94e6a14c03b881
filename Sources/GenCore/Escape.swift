/// Escaping of values for the contexts they are written into. Every value that
/// comes from data or front matter goes through one of these.
public enum Escape {
  /// Text content of HTML, SVG or XML elements: `&`, `<`, `>`.
  public static func text(_ s: String) -> String { replace(s, quotes: false) }

  /// Attribute values (always written in double quotes): also `"` and `'`.
  public static func attribute(_ s: String) -> String { replace(s, quotes: true) }

  private static func replace(_ s: String, quotes: Bool) -> String {
    // 0xC2 leads the UTF-8 of U+0080…U+00BF (the C1 controls), 0xEF that of U+F000…U+FFFF
    // (the noncharacters U+FFFE and U+FFFF).
    let needs = s.utf8.contains { b in
      b == 0x26 || b == 0x3C || b == 0x3E || (quotes && (b == 0x22 || b == 0x27))
        || (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F || b == 0xC2 || b == 0xEF
    }
    guard needs else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for ch in s.unicodeScalars {
      switch ch {
      case _ where isForbiddenControl(ch): continue  // not allowed in HTML or XML text
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where quotes: out += "&quot;"
      case "'" where quotes: out += "&#39;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// UTF-8 text (a whole page, feed or SVG) without the characters HTML and XML 1.0
  /// forbid: a last guard for values that reached the output through a template's own
  /// escaping. The bytes are returned unchanged when there are none (the usual case).
  public static func removingForbiddenCharacters(_ bytes: [UInt8]) -> [UInt8] {
    func forbiddenAt(_ i: Int) -> Int {  // the length of a forbidden sequence at i, or 0
      let b = bytes[i]
      if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F { return 1 }
      if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return 2 }
      if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
        return 3
      }
      return 0
    }
    // Fast scan: only bytes that can start a forbidden sequence need a closer look.
    let candidate = bytes.withUnsafeBufferPointer { b -> Int? in
      for i in 0..<b.count {
        let c = b[i]
        if c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xEF {
          if forbiddenAt(i) > 0 { return i }
        }
      }
      return nil
    }
    guard let first = candidate else { return bytes }
    var out = Array(bytes[..<first])
    var i = first
    while i < bytes.count {
      let n = forbiddenAt(i)
      if n > 0 {
        i += n
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  /// Characters that HTML and XML 1.0 documents may not contain as text: controls and
  /// the noncharacters U+FFFE and U+FFFF.
  static func isForbiddenControl(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v) || v == 0xFFFE
      || v == 0xFFFF
  }

  /// XML (feeds, sitemaps, standalone SVG): text escaping plus quotes; like every
  /// escape here it drops the control characters XML 1.0 forbids.
  public static func xml(_ s: String) -> String { attribute(s) }

  /// A JSON string literal, quotes included.
  public static func json(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<": out += "\\u003c"  // safe inside <script>
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      default:
        if ch.value < 0x20 {
          let hex = String(ch.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(ch)
        }
      }
    }
    return out + "\""
  }

  /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
  public static func csv(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      return s
    }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
  }

  /// Percent-encodes a path segment for use in a URL (keeps unreserved characters and `/`).
  public static func urlPath(_ s: String) -> String {
    var out = ""
    for byte in s.utf8 {
      switch byte {
      case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }
}

extension String {
  /// Every occurrence of `target` replaced, without Foundation.
  public func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let range = rest.range(of: target) {
      out += rest[..<range.lowerBound]
      out += replacement
      rest = rest[range.upperBound...]
    }
    return out + rest
  }
}

extension Substring {
  /// Finds the first occurrence of `target` (a simple search, enough for short needles).
  func range(of target: String) -> Range<Index>? {
    let needle = Array(target.utf8)
    guard let first = needle.first else { return nil }
    var i = utf8.startIndex
    while i != utf8.endIndex {
      if utf8[i] == first {
        var j = i
        var k = 0
        while k < needle.count, j != utf8.endIndex, utf8[j] == needle[k] {
          j = utf8.index(after: j)
          k += 1
        }
        if k == needle.count { return i..<j }
      }
      i = utf8.index(after: i)
    }
    return nil
  }
}
