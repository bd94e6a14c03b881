import Foundation

/// The value compute gives the markers of conditional text in prose:
/// `{{#if a > b}}`, `{{else}}`, `{{/if}}`. The renderer keeps the branch chosen.
public enum ConditionalMarker: Sendable, Hashable {
  /// `{{#if …}}`, and whether its condition holds.
  case open(Bool)
  /// `{{else}}`.
  case otherwise
  /// `{{/if}}`.
  case close

  /// The marker as an expression's value (control characters no expression can write).
  public var value: String {
    switch self {
    case .open(let holds): return "\u{1}if:\(holds ? 1 : 0)"
    case .otherwise: return "\u{1}else"
    case .close: return "\u{1}/if"
    }
  }

  /// A marker from an expression's value; nil for any other value.
  public init?(_ value: String) {
    switch value {
    case "\u{1}if:1": self = .open(true)
    case "\u{1}if:0": self = .open(false)
    case "\u{1}else": self = .otherwise
    case "\u{1}/if": self = .close
    default: return nil
    }
  }

  /// What an expression's source is, when it is a marker: `#if CONDITION`, `else`, `/if`.
  public enum Source: Sendable, Hashable {
    case open(condition: String)
    case otherwise
    case close
  }

  /// The kind of a `{{ … }}` source, when it is conditional text.
  public static func source(_ raw: String) -> Source? {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text == "else" { return .otherwise }
    if text == "/if" { return .close }
    if text.hasPrefix("#if ") || text == "#if" {
      return .open(condition: String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces))
    }
    return nil
  }
}
