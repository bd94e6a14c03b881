import Foundation

/// The chart stylesheet for standalone `.svg` files, with every `var(--name)` replaced
/// by its value: SVG viewers and converters that do not know CSS custom properties
/// (librsvg, many editors) then still draw the palette. The light values come first;
/// the dark ones follow in a `prefers-color-scheme: dark` block.
public enum StandaloneCSS {
  /// The stylesheet with custom properties resolved (see the type's note).
  public static func resolve(_ css: String) -> String {
    let blocks = topLevelBlocks(css)
    var light: [String: String] = [:]
    var dark: [String: String] = [:]
    var rules: [String] = []
    for (prelude, body) in blocks {
      if prelude == ":root" {
        light.merge(properties(body)) { _, new in new }
      } else if prelude.hasPrefix("@media") && prelude.contains("dark") {
        for (inner, innerBody) in topLevelBlocks(body) where inner == ":root" {
          dark.merge(properties(innerBody)) { _, new in new }
        }
      } else if !prelude.hasPrefix("@") {
        rules.append("\(prelude) { \(body.trimmingCharacters(in: .whitespacesAndNewlines)) }")
      }
    }
    guard !light.isEmpty else { return css }
    let darkValues = light.merging(dark) { _, new in new }
    var out = rules.map { substitute($0, light) }.joined(separator: "\n")
    // The dark block repeats the rules from the first one that uses a property, in their
    // order, so that later rules (`.line { fill: none }` after `.c1 { fill: … }`) still win.
    let firstVar = rules.firstIndex { $0.contains("var(") } ?? rules.endIndex
    let darkRules = rules[firstVar...].map { substitute($0, darkValues) }
    if !dark.isEmpty, !darkRules.isEmpty {
      out += "\n@media (prefers-color-scheme: dark) {\n" + darkRules.joined(separator: "\n") + "\n}"
    }
    return out + "\n"
  }

  /// `(prelude, body)` of each top-level `prelude { body }`; comments dropped.
  static func topLevelBlocks(_ css: String) -> [(String, String)] {
    var text = css
    while let open = text.range(of: "/*"),
      let close = text.range(of: "*/", range: open.upperBound..<text.endIndex)
    {
      text.removeSubrange(open.lowerBound..<close.upperBound)
    }
    var blocks: [(String, String)] = []
    var depth = 0
    var prelude = ""
    var body = ""
    for ch in text {
      if ch == "{" {
        if depth > 0 { body.append(ch) }
        depth += 1
      } else if ch == "}" {
        depth -= 1
        if depth == 0 {
          blocks.append((prelude.trimmingCharacters(in: .whitespacesAndNewlines), body))
          prelude = ""
          body = ""
        } else if depth > 0 {
          body.append(ch)
        } else {
          return blocks  // unbalanced: stop here
        }
      } else if depth == 0 {
        prelude.append(ch)
      } else {
        body.append(ch)
      }
    }
    return blocks
  }

  /// `--name: value;` declarations of a block.
  static func properties(_ body: String) -> [String: String] {
    var out: [String: String] = [:]
    for declaration in body.split(separator: ";") {
      let parts = declaration.split(separator: ":", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let name = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
      if name.hasPrefix("--") { out[name] = parts[1].trimmingCharacters(in: .whitespacesAndNewlines) }
    }
    return out
  }

  /// Replaces `var(--name)` and `var(--name, fallback)` with values (values that hold
  /// `var()` themselves are resolved too, a bounded number of times); an unknown name
  /// without a fallback is left as written.
  public static func substitute(_ text: String, _ values: [String: String]) -> String {
    var result = text
    var searchFrom = result.startIndex
    for _ in 0..<256 {
      guard let open = result.range(of: "var(", range: searchFrom..<result.endIndex) else { break }
      var depth = 1
      var index = open.upperBound
      while index < result.endIndex {
        if result[index] == "(" { depth += 1 }
        if result[index] == ")" {
          depth -= 1
          if depth == 0 { break }
        }
        index = result.index(after: index)
      }
      guard index < result.endIndex else { break }
      let parts = result[open.upperBound..<index].split(separator: ",", maxSplits: 1)
      let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      let fallback = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
      guard let value = values[name] ?? fallback else {
        searchFrom = result.index(after: open.lowerBound)
        continue
      }
      let offset = result.distance(from: result.startIndex, to: open.lowerBound)
      result.replaceSubrange(open.lowerBound...index, with: value)
      searchFrom = result.index(result.startIndex, offsetBy: offset)  // the value may hold var()
    }
    return result
  }
}
