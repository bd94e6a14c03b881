/// Where values start in JSON text, for errors that point at a record: a light scan
/// that skips strings and counts nesting, without building values.
enum JSONOffsets {
  /// The byte offsets, in document order, of every value nested `depth` containers deep
  /// (1: the elements or members of the top-level value).
  static func valueStarts(_ b: UnsafeBufferPointer<UInt8>, depth: Int) -> [Int] {
    var starts: [Int] = []
    var stack: [UInt8] = []  // '[' or '{'
    var expectValue = true  // the top-level value
    var i = 0
    while i < b.count {
      let c = b[i]
      switch c {
      case 0x20, 0x09, 0x0A, 0x0D:
        break
      case 0x22:  // a string: a value where one is expected, else a key
        if expectValue {
          if stack.count == depth { starts.append(i) }
          expectValue = false
        }
        i += 1
        while i < b.count, b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
      case 0x5B, 0x7B:
        if expectValue, stack.count == depth { starts.append(i) }
        stack.append(c)
        expectValue = c == 0x5B
      case 0x5D, 0x7D:
        _ = stack.popLast()
        expectValue = false
      case 0x2C:
        expectValue = stack.last == 0x5B
      case 0x3A:
        expectValue = true
      default:  // a number, true, false or null
        if expectValue {
          if stack.count == depth { starts.append(i) }
          expectValue = false
        }
      }
      i += 1
    }
    return starts
  }
}
