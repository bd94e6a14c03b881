import GenCore

/// How a value is written: the formats of docs/metrics.md.
public enum ValueFormat: String, Sendable, Hashable, CaseIterable {
  /// `51.2%` (the value is a fraction).
  case percent
  /// `+12.3 pp` (the value is a difference of fractions).
  case pp
  /// `4,130` or `0.52`.
  case number
  /// `13.95T`.
  case si
  /// `16 Feb 2026` (the value is a day index).
  case date
  /// `1.52×`.
  case ratio
}

/// Formats values consistently everywhere: prose, tables, chart labels, `gen metrics`.
public enum Formatter {
  /// The typographic minus sign used for negative numbers.
  public static let minus = "\u{2212}"

  /// The default number of decimals for a format.
  public static func defaultDigits(_ format: ValueFormat, value: Double) -> Int {
    switch format {
    case .percent, .pp: return 1
    case .si:
      // 4.13T, 13.95T, but 754B rather than 754.00B.
      let scaled = SIScale.scaled(value)
      return abs(scaled) >= 99.95 ? 0 : 2
    case .ratio: return abs(value) >= 99.5 ? 0 : abs(value) >= 9.95 ? 1 : 2
    case .number:
      // Three figures at least, no more decimals than that: 923, 92.3, 9.23, 0.52.
      return value == value.rounded() || abs(value) >= 99.5 ? 0 : abs(value) >= 9.95 ? 1 : 2
    case .date: return 0
    }
  }

  /// Formats a value; nil values are written as an en dash.
  public static func format(
    _ value: Double?, as format: ValueFormat, digits: Int? = nil, unit: PeriodUnit = .day
  )
    -> String
  {
    guard let value, value.isFinite else { return "–" }
    let d = digits ?? defaultDigits(format, value: value)
    switch format {
    case .percent: return signed(NumberText.fixed(value * 100, digits: d), plus: false) + "%"
    case .pp: return signed(NumberText.fixed(value * 100, digits: d), plus: true) + " pp"
    case .number: return signed(NumberText.grouped(NumberText.fixed(value, digits: d)), plus: false)
    case .si: return si(value, digits: d)
    case .ratio: return NumberText.fixed(value, digits: d) + "×"
    case .date:
      // The value is a day index; anything beyond the calendar gen knows is shown as missing.
      guard abs(value) < 3_000_000 else { return "–" }
      return unit.label(Day(index: Int32(value.rounded(.down))))
    }
  }

  /// `13.95T`, `1.24B`, `830M`, `12.5K`: suffixes K (10³), M (10⁶), B (10⁹), T (10¹²), P (10¹⁵).
  /// Without `digits`: two decimals below 100 of the unit (13.95T), none above (754B).
  public static func si(_ value: Double, digits explicitDigits: Int? = nil) -> String {
    let digits = explicitDigits ?? defaultDigits(.si, value: value)
    let magnitude = abs(value)
    let units: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
    // A unit is used from the point where the unit below would round to 1000 at these
    // digits: 999.996B is 1.00T at two decimals, 999.7B stays 999.70B.
    // (Default digits are chosen with the unit, as for 0 digits.)
    var half = 0.0005
    for _ in 0..<max(0, explicitDigits ?? 0) { half /= 10 }
    for (scale, suffix) in units where magnitude >= scale * (1 - half) {
      return signed(NumberText.fixed(value / scale, digits: digits), plus: false) + suffix
    }
    return signed(NumberText.fixed(value, digits: value == value.rounded() ? 0 : digits), plus: false)
  }

  /// Replaces a leading `-` with the typographic minus, adds `+` to positives when asked.
  static func signed(_ text: String, plus: Bool) -> String {
    if text.hasPrefix("-") { return minus + text.dropFirst() }
    if plus, text.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) { return "+" + text }
    return text
  }
}

/// The scale an SI-formatted value is written at.
public enum SIScale {
  /// The value divided by its SI unit (13.95 for 13.95T).
  public static func scaled(_ value: Double) -> Double {
    let magnitude = abs(value)
    for scale in [1e15, 1e12, 1e9, 1e6, 1e3] where magnitude >= scale * 0.9995 { return value / scale }
    return value
  }
}
