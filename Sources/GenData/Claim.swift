import GenCore

/// A figure an author wrote in prose and wants checked against the data:
/// `{{ name ~ 13% }}` or `{{ name ~ 13% ± 1pp }}`.
public struct Claim: Sendable, Hashable {
  /// The unit written after the number.
  public enum Unit: String, Sendable, Hashable {
    case percent = "%"
    case points = "pp"
    case thousand = "K"
    case million = "M"
    case billion = "B"
    case trillion = "T"
    case quadrillion = "P"
    case times = "×"
    case none = ""

    /// What a number in this unit measures, for checking a tolerance against its claim.
    enum Kind { case share, amount, times }

    /// The kind: `%` and `pp` are shares, `×` a ratio, anything else an amount.
    var kind: Kind {
      switch self {
      case .percent, .points: return .share
      case .times: return .times
      default: return .amount
      }
    }

    /// What the written number must be multiplied by to compare with the stored value.
    var scale: Double {
      switch self {
      case .percent, .points: return 0.01
      case .thousand: return 1e3
      case .million: return 1e6
      case .billion: return 1e9
      case .trillion: return 1e12
      case .quadrillion: return 1e15
      case .times, .none: return 1
      }
    }
  }

  /// The claim as written (`13%`), rendered in the page.
  public var text: String
  /// The number written.
  public var number: Double
  /// Decimals written (`13.9%` → 1).
  public var decimals: Int
  /// The unit written.
  public var unit: Unit
  /// An explicit tolerance, in stored units (fractions for `pp`), when given.
  public var tolerance: Double?
  /// The tolerance as written.
  public var toleranceText: String?

  /// Parses `13%`, `+12.3 pp`, `−3.1pp`, `13.95T`, `4,130`, `1.5×`, with an optional
  /// `± 1pp` (or `+/- 1pp`). Returns an explanation when the text is not a claim.
  public static func parse(_ raw: String) -> Result<Claim, ClaimSyntaxError> {
    var text = raw.trimmingCharacters(in: " \t")
    var toleranceText: String?
    for marker in ["±", "+/-", "+-"] {
      if let r = text.range(of: marker) {
        toleranceText = String(text[r.upperBound...]).trimmingCharacters(in: " \t")
        text = String(text[..<r.lowerBound]).trimmingCharacters(in: " \t")
        break
      }
    }
    guard let value = parseNumber(text) else {
      return .failure(
        ClaimSyntaxError(
          message: "'\(text)' is not a figure; write it as 13%, 12.3 pp, 13.95T, 4,130 or 1.5×"))
    }
    var claim = Claim(
      text: text, number: value.number, decimals: value.decimals, unit: value.unit, tolerance: nil,
      toleranceText: toleranceText)
    if let toleranceText {
      guard let t = parseNumber(toleranceText), t.number >= 0 else {
        return .failure(
          ClaimSyntaxError(message: "tolerance '\(toleranceText)' is not a figure; write e.g. ± 1pp"))
      }
      var unit = t.unit
      if unit == .percent || unit == .points {
        unit = .points
      } else if unit == .none {
        unit = value.unit == .percent ? .points : value.unit
      }
      guard unit.kind == value.unit.kind else {
        let example = value.unit.kind == .share ? "± 1pp" : value.unit.kind == .times ? "± 0.1×" : "± 0.5T"
        return .failure(
          ClaimSyntaxError(
            message: "tolerance '\(toleranceText)' is not in the unit of '\(text)'; write e.g. \(example)"))
      }
      claim.tolerance = t.number * unit.scale
    }
    return .success(claim)
  }

  /// The value written, in stored units (a fraction for `13%`).
  public var storedValue: Double { number * unit.scale }

  /// Whether a value agrees with the claim: within the explicit tolerance, or rounding
  /// to the written number at the written precision.
  public func holds(for value: Double) -> Bool {
    if let tolerance { return abs(value - storedValue) <= tolerance + 1e-12 * max(1, abs(value)) }
    // Round the value as `Formatter` writes it (half away from zero, a percent as
    // value × 100), so that a claim holds exactly when the page would show that figure.
    var power = 1.0
    for _ in 0..<decimals { power *= 10 }
    let written = unit.scale < 1 ? value * (1 / unit.scale) : value / unit.scale
    return (written * power).rounded(.toNearestOrAwayFromZero) == (number * power).rounded()
  }

  private static func parseNumber(_ text: String) -> (number: Double, decimals: Int, unit: Unit)? {
    var s = Substring(text.trimmingCharacters(in: " \t"))
    var negative = false
    if s.hasPrefix("+") {
      s = s.dropFirst()
    } else if s.hasPrefix("-") || s.hasPrefix("\u{2212}") {
      negative = true
      s = s.dropFirst()
    }
    var digits = ""
    var decimals = -1
    while let c = s.first, c.isASCII, c.isNumber || c == "." || c == "," {
      if c == "." {
        if decimals >= 0 { return nil }
        decimals = 0
      } else if c.isNumber {
        digits.append(c)
        if decimals >= 0 { decimals += 1 }
      } else if decimals >= 0 {
        return nil  // a comma after the decimal point
      }
      s = s.dropFirst()
    }
    guard !digits.isEmpty, var number = Double(digits) else { return nil }
    for _ in 0..<max(decimals, 0) { number /= 10 }
    let unitText = s.trimmingCharacters(in: " \t")
    let unit: Unit
    switch unitText {
    case "%": unit = .percent
    case "pp", "pts", "points", "percentage points": unit = .points
    case "K", "k": unit = .thousand
    case "M": unit = .million
    case "B", "bn": unit = .billion
    case "T", "tn": unit = .trillion
    case "P": unit = .quadrillion
    case "×", "x": unit = .times
    case "": unit = .none
    default: return nil
    }
    return (negative ? -number : number, max(decimals, 0), unit)
  }
}

/// Why a claim could not be read.
public struct ClaimSyntaxError: Error, Sendable {
  /// The explanation.
  public var message: String
}
