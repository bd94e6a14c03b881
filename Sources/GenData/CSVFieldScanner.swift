/// Walks the records of a CSV chunk field by field, with RFC 4180 quoting: a quote opens
/// a field only at its start, `""` inside a quoted field is a quote, and CRLF ends a
/// record like LF. It does not copy: each field is a range of the bytes (plus whether
/// its quotes must be undone). The hot loop of every CSV read.
struct CSVFieldScanner {
  /// One field of a record.
  struct Field {
    /// Where its text starts and ends (inside the quotes of a quoted field).
    var start: Int
    var end: Int
    /// Whether it holds `""` to be read as `"`.
    var escaped: Bool
    /// Whether it is the last field of its record.
    var lastInRecord: Bool
  }

  /// What reading a field gives.
  enum Read {
    case field(Field)
    case problem(CSVProblem)
  }

  let bytes: UnsafePointer<UInt8>
  let end: Int
  let delimiter: UInt8
  /// The next byte to read.
  var pos: Int

  /// Skips blank lines; false at the end of the chunk.
  @inline(__always)
  mutating func nextRecord() -> Bool {
    while pos < end {
      if bytes[pos] == 0x0A {
        pos += 1
      } else if bytes[pos] == 0x0D, pos + 1 < end, bytes[pos + 1] == 0x0A {
        pos += 2
      } else {
        return true
      }
    }
    return false
  }

  /// The next field of the current record, or a problem: an unclosed quote (nothing
  /// after it can be read) or text after a closing quote (the rest of the line is skipped).
  @inline(__always)
  mutating func nextField() -> Read {
    var field = Field(start: pos, end: pos, escaped: false, lastInRecord: false)
    if pos < end, bytes[pos] == 0x22 {
      let quote = pos
      pos += 1
      field.start = pos
      var closed = false
      while pos < end {
        if bytes[pos] == 0x22 {
          if pos + 1 < end, bytes[pos + 1] == 0x22 {
            field.escaped = true
            pos += 2
            continue
          }
          closed = true
          break
        }
        pos += 1
      }
      guard closed else { return .problem(CSVProblem(offset: quote, kind: .unclosedQuote)) }
      field.end = pos
      pos += 1
      // After the closing quote: a delimiter, a line break (LF or CRLF) or the end. A CR
      // not followed by LF is text after the quote, as the chunk splitter counts it.
      if pos < end, bytes[pos] != delimiter, bytes[pos] != 0x0A,
        bytes[pos] != 0x0D || (pos + 1 < end && bytes[pos + 1] != 0x0A)
      {
        let offset = pos
        while pos < end, bytes[pos] != 0x0A { pos += 1 }
        pos += 1
        return .problem(CSVProblem(offset: offset, kind: .textAfterQuote))
      }
    } else {
      // Eight bytes at a time while no delimiter or newline is among them (the lowest
      // byte the test flags is exact), then byte by byte to the field's end.
      let ones: UInt64 = 0x0101_0101_0101_0101
      let delimiters = UInt64(delimiter) &* ones
      let newlines: UInt64 = 0x0A &* ones
      while pos + 8 <= end {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes + pos).loadUnaligned(as: UInt64.self))
        let d = word ^ delimiters
        let n = word ^ newlines
        let found = ((d &- ones) & ~d | (n &- ones) & ~n) & (ones << 7)
        if found != 0 {
          pos += found.trailingZeroBitCount >> 3
          break
        }
        pos += 8
      }
      while pos < end {
        let b = bytes[pos]
        if b == delimiter || b == 0x0A { break }
        pos += 1
      }
      field.end = pos
      if field.end > field.start, bytes[field.end - 1] == 0x0D, pos >= end || bytes[pos] == 0x0A {
        field.end -= 1
      }
    }
    field.lastInRecord = finishField()
    return .field(field)
  }

  /// Moves past the field's terminator; true when it ended the record.
  @inline(__always)
  private mutating func finishField() -> Bool {
    if pos >= end { return true }
    let terminator = bytes[pos]
    if terminator == 0x0A {
      pos += 1
      return true
    }
    if terminator == 0x0D {  // CRLF after a quoted field
      pos += 1
      if pos < end, bytes[pos] == 0x0A { pos += 1 }
      return true
    }
    pos += 1  // past the delimiter; the next field may be empty
    return false
  }

  /// Copies a field's bytes with `""` read as `"` into `scratch` (which holds at least
  /// the field's length); returns how many bytes it wrote.
  @inline(__always)
  func unescape(_ field: Field, into scratch: UnsafeMutablePointer<UInt8>) -> Int {
    var n = 0
    var k = field.start
    while k < field.end {
      scratch[n] = bytes[k]
      n += 1
      k += bytes[k] == 0x22 ? 2 : 1
    }
    return n
  }
}
