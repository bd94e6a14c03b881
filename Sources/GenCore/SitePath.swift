/// Paths inside a site, always with `/` separators and no leading `./`.
public enum SitePath {
  /// Joins and normalises path components: removes `.` and empty parts and resolves
  /// `..`; nil when `..` climbs above the root.
  public static func normalize(_ path: String) -> String? {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if parts.isEmpty { return nil }
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }

  /// The folder part of a path (`a/b/c.md` → `a/b`, `c.md` → ``).
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// The last component (`a/b/c.md` → `c.md`).
  public static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Joins two relative paths.
  public static func join(_ a: String, _ b: String) -> String {
    if a.isEmpty { return b }
    if b.isEmpty { return a }
    return a + "/" + b
  }

  /// The relative URL from a file at `from` (e.g. `a/b/index.html`) to a file at `to`
  /// (e.g. `c/index.html`): `../../c/index.html`. Both are site-root-relative paths.
  public static func relative(from: String, to: String) -> String {
    let fromDir = directory(of: from).split(separator: "/")
    let target = to.split(separator: "/")
    var common = 0
    while common < fromDir.count, common < target.count - 1, fromDir[common] == target[common] {
      common += 1
    }
    let ups = Array(repeating: "..", count: fromDir.count - common)
    let rest = target[common...].map(String.init)
    let joined = (ups + rest).joined(separator: "/")
    return joined.isEmpty ? "./" : joined
  }

  /// `relative(from:to:)` as it goes in an `href`: percent-encoded, so that a file named
  /// `my page.md` is linked as `my%20page/index.html`.
  public static func href(from: String, to: String) -> String {
    Escape.urlPath(relative(from: from, to: to))
  }

  /// `../` repeated once per folder of `path` (`a/b/index.html` → `../../`), the prefix
  /// that leads from a page back to the site root.
  public static func rootPrefix(from path: String) -> String {
    String(repeating: "../", count: path.split(separator: "/").count - 1)
  }
}
