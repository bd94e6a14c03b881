import GenCore

/// Reads a YAML mapping with a known set of keys, collecting every problem (unknown
/// keys with suggestions, wrong kinds, bad values) instead of stopping at the first.
public struct SpecReader {
  /// The mapping being read.
  public let node: YAMLNode
  /// What the mapping is, for messages ("metric 'cn_share'").
  public let what: String
  /// Problems found so far.
  public var diagnostics = Diagnostics()

  /// Starts reading `node`, checking that it is a mapping whose keys are all in `allowed`.
  public init(_ node: YAMLNode, what: String, allowed: [String]) {
    self.node = node
    self.what = what
    guard let pairs = node.mapping else {
      diagnostics.error(
        "\(what) must be a mapping of keys to values, not \(node.kindName)", at: node.location)
      return
    }
    for (key, _) in pairs {
      let name = key.scalar ?? ""
      if !allowed.contains(name) {
        diagnostics.error(
          "unknown key '\(name)' in \(what)", at: key.location,
          hint: Suggestion.hintOrList(for: name, in: allowed, noun: "key"))
      }
    }
  }

  /// The node under a key.
  public func node(_ key: String) -> YAMLNode? { node[key] }

  /// Where a key's value is, or the mapping itself when the key is absent.
  public func location(_ key: String) -> SourceLocation { node[key]?.location ?? node.location }

  /// A text value.
  public mutating func string(_ key: String, required: Bool = false) -> String? {
    guard let value = node[key] else {
      if required { diagnostics.error("\(what) needs '\(key)'", at: node.location) }
      return nil
    }
    guard let s = value.string else {
      if value.isNull, !required { return nil }
      diagnostics.error(
        "'\(key)' in \(what) must be a single value, not \(value.kindName)", at: value.location)
      return nil
    }
    return s
  }

  /// A whole number within a range.
  public mutating func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
    guard let value = node[key], let text = string(key) else { return nil }
    guard let n = Int(text), range.contains(n) else {
      diagnostics.error(
        "'\(key)' in \(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
        at: value.location)
      return nil
    }
    return n
  }

  /// A date `YYYY-MM-DD`.
  public mutating func day(_ key: String) -> Day? {
    guard let value = node[key], let text = string(key) else { return nil }
    guard let day = Day(iso: text), text.count == 10 else {
      diagnostics.error(
        "'\(key)' in \(what) must be a date written YYYY-MM-DD, not '\(text)'", at: value.location)
      return nil
    }
    return day
  }

  /// A boolean.
  public mutating func bool(_ key: String) -> Bool? {
    guard let value = node[key] else { return nil }
    guard let b = value.bool else {
      diagnostics.error("'\(key)' in \(what) must be true or false", at: value.location)
      return nil
    }
    return b
  }

  /// One of a fixed set of words.
  public mutating func choice<T: RawRepresentable>(_ key: String, _ type: T.Type) -> T?
  where T.RawValue == String, T: CaseIterable {
    guard let value = node[key], let text = string(key) else { return nil }
    guard let v = T(rawValue: text) else {
      let options = T.allCases.map(\.rawValue)
      diagnostics.error(
        "'\(text)' is not a valid '\(key)' in \(what)", at: value.location,
        hint: Suggestion.hint(for: text, in: options) ?? "use one of: \(options.joined(separator: ", "))")
      return nil
    }
    return v
  }

  /// A value or a list of values.
  public mutating func list(_ key: String) -> [String]? {
    guard let value = node[key] else { return nil }
    guard let items = value.scalarList else {
      diagnostics.error("'\(key)' in \(what) must be a value or a list of values", at: value.location)
      return nil
    }
    guard !items.isEmpty else {
      diagnostics.error(
        "'\(key)' in \(what) is an empty list", at: value.location,
        hint: "list at least one value, or remove the key")
      return nil
    }
    return items
  }
}
