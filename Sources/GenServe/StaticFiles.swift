import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turning request paths into paths of the built site, refusing anything that could
/// name a file outside it, and the `Content-Type` of each kind of file.
///
/// The server never maps a URL onto the file system: a request names an entry of the
/// built site (`SiteOutput`), and only those entries exist. The checks here are a
/// second wall: a path with `..`, an encoded slash or backslash, a control character
/// or an undecodable escape is refused before any lookup.
public enum StaticFiles {
  /// What a request path names.
  public enum Resolution: Sendable, Equatable {
    /// A path inside the site (`index.html`, `about/index.html`, `assets/style.css`).
    case file(String)
    /// A path that could climb out of the site or hide a separator; answered with 403.
    case refused(reason: String)
  }

  /// Resolves the raw (still percent-encoded) path of a request, without its query.
  ///
  /// `/` and `/x/` name `index.html` and `x/index.html`. Empty segments (`//`) are
  /// ignored; `.`, `..` (raw or encoded), `%2f`, backslashes (raw or `%5c`), NUL and
  /// other control characters are refused.
  public static func resolve(_ rawPath: String) -> Resolution {
    guard rawPath.hasPrefix("/") else {
      return .refused(reason: "the path does not start with '/'")
    }
    if rawPath.unicodeScalars.contains(where: { $0 == "\\" || isControl($0) }) {
      return .refused(reason: "the path holds a backslash or a control character")
    }
    var parts: [String] = []
    for segment in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
      guard let decoded = segment.removingPercentEncoding else {
        return .refused(reason: "the path holds an invalid percent escape")
      }
      if decoded == "." || decoded == ".." {
        return .refused(reason: "the path holds a '.' or '..' segment")
      }
      if decoded.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || isControl($0) }) {
        return .refused(reason: "the path holds an encoded slash, backslash or control character")
      }
      parts.append(decoded)
    }
    if parts.isEmpty || rawPath.hasSuffix("/") { parts.append("index.html") }
    return .file(parts.joined(separator: "/"))
  }

  /// The `Content-Type` for a file of the site, from its extension; text types are
  /// declared UTF-8, which is what gen writes.
  public static func contentType(for path: String) -> String {
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
      return "application/octet-stream"
    }
    switch name[name.index(after: dot)...].lowercased() {
    case "html", "htm": return "text/html; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "js", "mjs": return "text/javascript; charset=utf-8"
    case "json": return "application/json"
    case "svg": return "image/svg+xml"
    case "csv": return "text/csv; charset=utf-8"
    case "xml": return "application/xml; charset=utf-8"
    case "txt", "md": return "text/plain; charset=utf-8"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "gif": return "image/gif"
    case "webp": return "image/webp"
    case "avif": return "image/avif"
    case "ico": return "image/x-icon"
    case "pdf": return "application/pdf"
    case "woff": return "font/woff"
    case "woff2": return "font/woff2"
    case "wasm": return "application/wasm"
    default: return "application/octet-stream"
    }
  }

  /// Whether a file copied verbatim from the site's sources may be served: it must be
  /// a regular file (not a symbolic link), and its real path must lie inside `folder`'s
  /// real path, so that no link anywhere along the way leads out of the site.
  public static func isServable(copyAt source: String, inside folder: String) -> Bool {
    var info = stat()
    guard lstat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
    guard let real = realPath(source), let base = realPath(folder) else { return false }
    return real.hasPrefix(base.hasSuffix("/") ? base : base + "/")
  }

  /// The path with every symbolic link resolved, or nil when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || scalar.value == 0x7F
  }
}
