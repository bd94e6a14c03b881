#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Number and date parsing straight from bytes, without creating strings.
enum FastNumber {
  /// Parses an optionally signed decimal integer (surrounding spaces allowed); nil when
  /// the text is not an integer or does not fit in 64 bits.
  @inline(__always)
  static func integer(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
    var i = 0
    var end = n
    while i < end, p[i] == 0x20 { i += 1 }
    while end > i, p[end - 1] == 0x20 { end -= 1 }
    guard i < end else { return nil }
    var negative = false
    if p[i] == 0x2D || p[i] == 0x2B {
      negative = p[i] == 0x2D
      i += 1
      guard i < end else { return nil }
    }
    var value: Int64 = 0
    if end - i <= 18 {
      while i < end {
        let d = Int64(p[i]) &- 48
        guard d >= 0, d <= 9 else { return nil }
        value = value &* 10 &+ d
        i += 1
      }
      return negative ? -value : value
    }
    while i < end {
      let d = Int64(p[i]) &- 48
      guard d >= 0, d <= 9 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(d)
      if o1 || o2 { return nil }
      value = s
      i += 1
    }
    return negative ? -value : value
  }

  private static let powers: [Double] = (0...22).map { e in
    var x = 1.0
    for _ in 0..<e { x *= 10 }
    return x
  }

  /// Parses a decimal number (`12`, `-1.5`, `2.5e9`, `.5`); nil when not a number.
  /// Exact for up to 15 significant digits; longer inputs go through `strtod`.
  static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    var i = 0
    var end = n
    while i < end, p[i] == 0x20 { i += 1 }
    while end > i, p[end - 1] == 0x20 { end -= 1 }
    guard i < end else { return nil }
    let start = i
    var negative = false
    if p[i] == 0x2D || p[i] == 0x2B {
      negative = p[i] == 0x2D
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var exponent = 0
    var sawDigit = false
    while i < end, p[i] >= 0x30, p[i] <= 0x39 {
      sawDigit = true
      if significant < 19 {
        mantissa = mantissa * 10 + UInt64(p[i] - 48)
        if mantissa != 0 { significant += 1 }
      } else {
        exponent += 1
      }
      digits += 1
      i += 1
    }
    if i < end, p[i] == 0x2E {
      i += 1
      while i < end, p[i] >= 0x30, p[i] <= 0x39 {
        sawDigit = true
        if significant < 19 {
          mantissa = mantissa * 10 + UInt64(p[i] - 48)
          if mantissa != 0 { significant += 1 }
          exponent -= 1
        }
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i < end, p[i] == 0x65 || p[i] == 0x45 {
      i += 1
      var expNegative = false
      if i < end, p[i] == 0x2D || p[i] == 0x2B {
        expNegative = p[i] == 0x2D
        i += 1
      }
      var e = 0
      var sawExp = false
      while i < end, p[i] >= 0x30, p[i] <= 0x39 {
        sawExp = true
        e = min(e * 10 + Int(p[i] - 48), 100_000)
        i += 1
      }
      guard sawExp else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == end else { return nil }
    if significant <= 15, abs(exponent) <= 22 {
      let m = Double(mantissa)
      let v = exponent >= 0 ? m * powers[exponent] : m / powers[-exponent]
      return negative ? -v : v
    }
    // Slow path: exact conversion by the C library.
    var buffer = [CChar](repeating: 0, count: end - start + 1)
    for k in start..<end { buffer[k - start] = CChar(bitPattern: p[k]) }
    let v = buffer.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
    return v.isFinite ? v : nil  // 1e400 is not a number any chart or metric can use
  }
}
