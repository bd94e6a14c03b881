/// A parsed JSON value that keeps object keys in file order.
indirect enum JSONValue: Sendable {
  case null
  case bool(Bool)
  /// A number as written, so that large integers keep every digit.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// The value as a table cell: nil for null, text otherwise; arrays and objects are
  /// not cells.
  var cellText: String?? {
    switch self {
    case .null: return .some(nil)
    case .bool(let b): return .some(b ? "true" : "false")
    case .number(let s): return .some(s)
    case .string(let s): return .some(s)
    case .array, .object: return nil
    }
  }

  var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// A strict JSON parser (RFC 8259) reporting the byte offset of the first error.
struct JSONParser {
  struct Failure: Error {
    var offset: Int
    var message: String
  }

  /// How deeply objects and arrays may nest: deeper input is an error, never a stack overflow.
  static let maximumDepth = 512

  /// Counts one more level of objects and arrays (the caller counts it back out).
  private mutating func enterNesting() throws(Failure) {
    depth += 1
    if depth > Self.maximumDepth {
      depth -= 1
      throw Failure(offset: pos, message: "nested more than \(Self.maximumDepth) levels deep")
    }
  }

  private let b: UnsafeBufferPointer<UInt8>
  private var pos = 0
  private var depth = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    b = bytes
    if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { pos = 3 }
  }

  mutating func parseDocument() throws(Failure) -> JSONValue {
    let value = try parseValue()
    skipSpace()
    if pos < b.count { throw Failure(offset: pos, message: "unexpected text after the JSON value") }
    return value
  }

  private mutating func skipSpace() {
    while pos < b.count, b[pos] == 0x20 || b[pos] == 0x0A || b[pos] == 0x0D || b[pos] == 0x09 { pos += 1 }
  }

  private mutating func parseValue() throws(Failure) -> JSONValue {
    skipSpace()
    guard pos < b.count else { throw Failure(offset: pos, message: "unexpected end of file") }
    switch b[pos] {
    case 0x7B: return try parseObject()
    case 0x5B: return try parseArray()
    case 0x22: return .string(try parseString())
    case 0x74:
      try literal("true")
      return .bool(true)
    case 0x66:
      try literal("false")
      return .bool(false)
    case 0x6E:
      try literal("null")
      return .null
    case 0x2D, 0x30...0x39: return .number(try parseNumber())
    default:
      throw Failure(offset: pos, message: "unexpected character '\(Character(Unicode.Scalar(b[pos])))'")
    }
  }

  private mutating func literal(_ word: String) throws(Failure) {
    for c in word.utf8 {
      guard pos < b.count, b[pos] == c else { throw Failure(offset: pos, message: "expected '\(word)'") }
      pos += 1
    }
  }

  private mutating func parseObject() throws(Failure) -> JSONValue {
    try enterNesting()
    defer { depth -= 1 }
    pos += 1
    var pairs: [(String, JSONValue)] = []
    skipSpace()
    if pos < b.count, b[pos] == 0x7D {
      pos += 1
      return .object(pairs)
    }
    var seen = Set<String>()
    while true {
      skipSpace()
      guard pos < b.count, b[pos] == 0x22 else {
        throw Failure(offset: pos, message: "expected a key in quotes")
      }
      let keyStart = pos
      let key = try parseString()
      // The same key twice would leave one of its values silently unused.
      guard seen.insert(key).inserted else {
        throw Failure(offset: keyStart, message: "duplicate key '\(key.prefix(40))' in an object")
      }
      skipSpace()
      guard pos < b.count, b[pos] == 0x3A else {
        throw Failure(offset: pos, message: "expected ':' after a key")
      }
      pos += 1
      pairs.append((key, try parseValue()))
      skipSpace()
      guard pos < b.count else {
        throw Failure(offset: pos, message: "object is never closed (a '}' is missing)")
      }
      if b[pos] == 0x2C {
        pos += 1
        continue
      }
      if b[pos] == 0x7D {
        pos += 1
        return .object(pairs)
      }
      throw Failure(offset: pos, message: "expected ',' or '}' in an object")
    }
  }

  private mutating func parseArray() throws(Failure) -> JSONValue {
    try enterNesting()
    defer { depth -= 1 }
    pos += 1
    var items: [JSONValue] = []
    skipSpace()
    if pos < b.count, b[pos] == 0x5D {
      pos += 1
      return .array(items)
    }
    while true {
      items.append(try parseValue())
      skipSpace()
      guard pos < b.count else {
        throw Failure(offset: pos, message: "array is never closed (a ']' is missing)")
      }
      if b[pos] == 0x2C {
        pos += 1
        continue
      }
      if b[pos] == 0x5D {
        pos += 1
        return .array(items)
      }
      throw Failure(offset: pos, message: "expected ',' or ']' in an array")
    }
  }

  private mutating func parseString() throws(Failure) -> String {
    let open = pos
    pos += 1
    var bytes: [UInt8] = []
    while true {
      guard pos < b.count else {
        throw Failure(offset: open, message: "string is never closed (a '\"' is missing)")
      }
      let c = b[pos]
      if c == 0x22 {
        pos += 1
        break
      }
      if c < 0x20 { throw Failure(offset: pos, message: "control character inside a string") }
      if c == 0x5C {
        pos += 1
        guard pos < b.count else { throw Failure(offset: pos, message: "unfinished escape") }
        switch b[pos] {
        case 0x22: bytes.append(0x22)
        case 0x5C: bytes.append(0x5C)
        case 0x2F: bytes.append(0x2F)
        case 0x62: bytes.append(0x08)
        case 0x66: bytes.append(0x0C)
        case 0x6E: bytes.append(0x0A)
        case 0x72: bytes.append(0x0D)
        case 0x74: bytes.append(0x09)
        case 0x75:
          var scalar = try hex4()
          if (0xD800...0xDBFF).contains(scalar), pos + 2 < b.count, b[pos + 1] == 0x5C, b[pos + 2] == 0x75 {
            let mark = pos
            pos += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low) {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              pos = mark  // a lone high surrogate: replaced below, the next escape read on its own
            }
          }
          let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          bytes.append(contentsOf: Array(String(Character(s)).utf8))
        default:
          throw Failure(offset: pos, message: "unknown escape '\\\(Character(Unicode.Scalar(b[pos])))'")
        }
        pos += 1
        continue
      }
      bytes.append(c)
      pos += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      pos += 1
      guard pos < b.count else { throw Failure(offset: pos, message: "unfinished \\u escape") }
      let c = b[pos]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw Failure(offset: pos, message: "bad hex digit in \\u escape")
      }
      v = v * 16 + d
    }
    return v
  }

  private mutating func parseNumber() throws(Failure) -> String {
    let start = pos
    if b[pos] == 0x2D { pos += 1 }
    var digits = 0
    while pos < b.count, (0x30...0x39).contains(b[pos]) {
      pos += 1
      digits += 1
    }
    if digits == 0 { throw Failure(offset: start, message: "bad number") }
    if pos < b.count, b[pos] == 0x2E {
      pos += 1
      var frac = 0
      while pos < b.count, (0x30...0x39).contains(b[pos]) {
        pos += 1
        frac += 1
      }
      if frac == 0 { throw Failure(offset: start, message: "bad number") }
    }
    if pos < b.count, b[pos] == 0x65 || b[pos] == 0x45 {
      pos += 1
      if pos < b.count, b[pos] == 0x2B || b[pos] == 0x2D { pos += 1 }
      var e = 0
      while pos < b.count, (0x30...0x39).contains(b[pos]) {
        pos += 1
        e += 1
      }
      if e == 0 { throw Failure(offset: start, message: "bad number") }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: b[start..<pos]), as: UTF8.self)
  }
}
