/// Text widths without a font engine: the advance widths of Helvetica (the same as
/// Arial's), in thousandths of an em, from the Adobe font metrics.
public enum TextMetrics {
  /// Advance widths of ASCII 32–126.
  static let ascii: [Int] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556,  // 0–9
    278, 278, 584, 584, 584, 556, 1015,  // : ; < = > ? @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,  // A–M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,  // N–Z
    278, 278, 278, 469, 556, 333,  // [ \ ] ^ _ `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,  // a–m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,  // n–z
    334, 260, 334, 584,  // { | } ~
  ]

  /// Widths of common non-ASCII characters.
  static let extra: [Character: Int] = [
    "–": 556, "—": 1000, "−": 584, "×": 584, "·": 278, "…": 1000, "’": 222, "‘": 222, "“": 333, "”": 333,
    "é": 556, "è": 556, "ü": 556, "ö": 556, "ä": 556, "°": 400, "±": 584, "€": 556, "£": 556,
  ]

  /// The width of `text` set at `size` pixels (bold text is about 6% wider).
  public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
    var units = 0
    for ch in text {
      if let ascii = ch.asciiValue, ascii >= 32, ascii <= 126 {
        units += TextMetrics.ascii[Int(ascii) - 32]
      } else if let w = extra[ch] {
        units += w
      } else if let scalar = ch.unicodeScalars.first, scalar.value >= 0x2E80 {
        units += 1000  // CJK and other wide scripts
      } else {
        units += 556
      }
    }
    return Double(units) / 1000 * size * (bold ? 1.06 : 1)
  }

  /// Words of `text` in lines no wider than `width` (a word longer than a line gets a
  /// line of its own).
  public static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if current.isEmpty || self.width(candidate, size: size, bold: bold) <= width {
        current = candidate
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
