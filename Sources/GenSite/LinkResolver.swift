import Foundation
import GenCore

/// Rewrites links written in Markdown to the URLs of the built site: links to `.md`
/// files become relative links to the page they turn into (`../shift/index.html`),
/// links to other content files become relative to the page's new place, and a link
/// to something that does not exist is an error.
struct LinkResolver: Sendable {
  /// Output path of each page by its source path inside `content/`.
  let pagesBySource: [String: String]
  /// Output paths of folder list pages by folder.
  let listsByFolder: [String: String]
  /// Files copied from `content/` (paths inside the site).
  let files: Set<String>
  /// Draft pages left out of this build, by source path.
  let drafts: Set<String>

  /// A link found in a page, to be checked once every page is rendered (anchors).
  struct PendingAnchor: Sendable {
    var targetOutput: String
    var fragment: String
    var location: SourceLocation
  }

  /// Rewrites `destination` written in the page `page`; nil after reporting a broken link.
  func resolve(
    _ destination: String, from page: Page, location: SourceLocation, anchors: inout [PendingAnchor],
    into diagnostics: inout Diagnostics
  ) -> String? {
    if destination.isEmpty { return destination }
    // External or special links stay as written.
    if destination.hasPrefix("//") || Self.hasScheme(destination) { return destination }
    var path = destination
    var fragment: String?
    if let hash = path.firstIndex(of: "#") {
      fragment = String(path[path.index(after: hash)...])
      path = String(path[..<hash])
    }
    var query = ""
    if let q = path.firstIndex(of: "?") {
      query = String(path[q...])
      path = String(path[..<q])
    }
    if path.isEmpty {
      if let fragment, !fragment.isEmpty {
        anchors.append(PendingAnchor(targetOutput: page.outputPath, fragment: fragment, location: location))
      }
      return destination
    }
    let decoded = path.removingPercentEncoding ?? path
    let base = decoded.hasPrefix("/") ? "" : page.contentFolderForLinks
    guard
      let target = SitePath.normalize(
        SitePath.join(base, decoded.hasPrefix("/") ? String(decoded.dropFirst()) : decoded))
    else {
      diagnostics.error(
        "link '\(destination)' points outside the content folder", at: location,
        hint: "link to pages and files inside content/")
      return nil
    }
    guard let targetOutput = output(of: target, destination, at: location, &diagnostics) else { return nil }
    if target.lowercased().hasSuffix(".md"), let fragment, !fragment.isEmpty {
      anchors.append(PendingAnchor(targetOutput: targetOutput, fragment: fragment, location: location))
    }
    return SitePath.href(from: page.outputPath, to: targetOutput) + query + (fragment.map { "#" + $0 } ?? "")
  }

  /// The output path of a link's target inside `content/`: a page, a copied file or a
  /// folder's list; nil after reporting a broken link or a link to a draft.
  func output(
    of target: String, _ destination: String, at location: SourceLocation, _ diagnostics: inout Diagnostics
  ) -> String? {
    if target.lowercased().hasSuffix(".md") {
      if let out = pagesBySource[target] { return out }
      if drafts.contains(target) {
        diagnostics.error(
          "link to '\(destination)', which is a draft and not part of this build", at: location,
          hint: "remove 'draft: true' from it, or build with --drafts")
      } else {
        diagnostics.error(
          "broken link: '\(destination)' does not exist", at: location,
          hint: Suggestion.hint(for: target, in: Array(pagesBySource.keys)).map {
            "\($0) (paths are relative to this file)"
          } ?? "paths are relative to this file's folder")
      }
      return nil
    }
    if files.contains(target) { return target }
    if let list = listsByFolder[target.hasSuffix("/") ? String(target.dropLast()) : target] { return list }
    diagnostics.error(
      "broken link: '\(destination)' does not exist", at: location,
      hint: Suggestion.hint(for: target, in: Array(files) + Array(pagesBySource.keys))
        ?? "paths are relative to this file's folder in content/")
    return nil
  }

  /// Whether a destination starts with a URL scheme (`https:`, `mailto:`).
  static func hasScheme(_ s: String) -> Bool {
    guard let colon = s.firstIndex(of: ":") else { return false }
    let scheme = s[..<colon]
    guard let first = scheme.first, first.isLetter else { return false }
    return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
  }
}

extension Page {
  /// The folder links in this page's Markdown are relative to (its source file's folder).
  var contentFolderForLinks: String { SitePath.directory(of: contentPath) }
}

extension String {
  /// Decodes `%20`-style escapes; nil when malformed.
  var removingPercentEncoding: String? {
    guard contains("%") else { return self }
    var bytes: [UInt8] = []
    var it = Array(utf8)[...]
    while let b = it.popFirst() {
      if b == 0x25 {
        guard it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) else {
          return nil
        }
        bytes.append(v)
        it = it.dropFirst(2)
      } else {
        bytes.append(b)
      }
    }
    return String(bytes: bytes, encoding: .utf8)
  }
}
