import Foundation
import GenCore

/// `connection:` of a dataset: `${VARIABLE}` references expanded from the environment,
/// passwords found (to warn about) and hidden (in everything gen prints or stores).
public struct ConnectionString: Sendable {
  /// As written in `gen.yml`.
  public var written: String

  /// A connection string as written.
  public init(_ written: String) { self.written = written }

  /// The string with each `${NAME}` replaced by the variable's value; the names of
  /// variables that are not set are returned instead.
  public func expanded(_ environment: [String: String]) -> Result<String, MissingVariables> {
    var out = ""
    var missing: [String] = []
    var rest = written[...]
    while let open = rest.range(of: "${") {
      out += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
        out += rest[open.lowerBound...]
        rest = ""
        break
      }
      let name = String(rest[open.upperBound..<close])
      if let value = environment[name] { out += value } else { missing.append(name) }
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return missing.isEmpty ? .success(out) : .failure(MissingVariables(names: missing))
  }

  /// Variables a connection string names that are not set.
  public struct MissingVariables: Error, Sendable {
    /// Their names.
    public var names: [String]
  }

  /// Whether the string as written (not expanded) holds a password: `password=...` in
  /// key=value form or `user:password@` in a URI.
  public var holdsLiteralPassword: Bool {
    let lower = written.lowercased()
    if let range = lower.range(of: "password="), !lower[range.upperBound...].hasPrefix("${") { return true }
    if let scheme = written.range(of: "://"), let at = written[scheme.upperBound...].firstIndex(of: "@") {
      let userInfo = written[scheme.upperBound..<at]
      if let colon = userInfo.firstIndex(of: ":") {
        return !userInfo[userInfo.index(after: colon)...].hasPrefix("${")
      }
    }
    return false
  }

  /// `text` with every password of `connection` (and the value of `password=`
  /// anywhere) replaced by `***`.
  public static func redacted(_ text: String, passwords: [String]) -> String {
    var out = text
    for password in passwords where !password.isEmpty {
      out = out.replacingOccurrences(of: password, with: "***")
    }
    return out
  }

  /// The passwords an expanded connection string holds.
  public static func passwords(in expanded: String) -> [String] {
    var found: [String] = []
    let lower = expanded.lowercased()
    var search = lower.startIndex
    while let range = lower.range(of: "password=", range: search..<lower.endIndex) {
      let start = range.upperBound
      var end = start
      let quoted = start < expanded.endIndex && expanded[start] == "'"
      var i = quoted ? expanded.index(after: start) : start
      while i < expanded.endIndex, quoted ? expanded[i] != "'" : !expanded[i].isWhitespace {
        i = expanded.index(after: i)
      }
      end = i
      found.append(String(expanded[(quoted ? expanded.index(after: start) : start)..<end]))
      search = end
    }
    if let scheme = expanded.range(of: "://"), let at = expanded[scheme.upperBound...].firstIndex(of: "@") {
      let userInfo = expanded[scheme.upperBound..<at]
      if let colon = userInfo.firstIndex(of: ":") {
        let password = String(userInfo[userInfo.index(after: colon)...])
        found.append(password)
        found.append(password.removingPercentEncoding ?? password)
      }
    }
    return found.filter { !$0.isEmpty }
  }
}
