/// Text of a source file (Markdown, template, config) as the build reads it.
public enum SourceText {
  /// `text` with a leading byte-order mark removed and every CRLF or lone CR line ending
  /// turned into LF, so that line splitting, front matter fences and reported line
  /// numbers behave the same for files saved on any platform.
  public static func normalized(_ text: String) -> String {
    var s = text
    if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
    guard s.utf8.contains(0x0D) else { return s }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.utf8.count)
    var previousCR = false
    for b in s.utf8 {
      if b == 0x0D {
        bytes.append(0x0A)
        previousCR = true
        continue
      }
      if b == 0x0A && previousCR {
        previousCR = false
        continue
      }
      previousCR = false
      bytes.append(b)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
