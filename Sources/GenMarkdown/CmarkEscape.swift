/// libcmark's escaping (its `houdini` functions), so that gen's HTML matches cmark's.
enum CmarkEscape {
  /// Text and attribute values: `&`, `<`, `>` and `"` become entities.
  static func html(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else {
      return text
    }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    for byte in text.utf8 {
      switch byte {
      case 0x26: out += Array("&amp;".utf8)
      case 0x3C: out += Array("&lt;".utf8)
      case 0x3E: out += Array("&gt;".utf8)
      case 0x22: out += Array("&quot;".utf8)
      default: out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Bytes a URL keeps as they are: letters, digits and `-_.+!*(),%#@?=;:/$~`.
  private static let hrefSafe: [Bool] = (0..<256).map { b in
    let c = UInt8(b)
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
      || Array("-_.+!*(),%#@?=;:/$~".utf8).contains(c)
  }

  /// A URL for an `href` or `src`: `&` and `'` as entities, other unsafe bytes as `%XX`.
  static func href(_ url: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(url.utf8.count + 8)
    let hex = Array("0123456789ABCDEF".utf8)
    for byte in url.utf8 {
      if hrefSafe[Int(byte)] {
        out.append(byte)
      } else if byte == 0x26 {
        out += Array("&amp;".utf8)
      } else if byte == 0x27 {
        out += Array("&#x27;".utf8)
      } else {
        out += [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
