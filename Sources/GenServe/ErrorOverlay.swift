import Foundation
import GenCore

/// What the browser shows while the site does not build: every problem, in the same
/// `path:line:col: error: message (hint)` form as the terminal, HTML-escaped.
///
/// When an earlier build succeeded, its pages are still served with the problems laid
/// over them in a panel that can be dismissed to read the last good page; when none
/// did, a page of its own. Both carry the reload script of the current version, so
/// saving the fix reloads the page without restarting the server.
public enum ErrorOverlay {
  /// The `id` of the overlay element.
  public static let elementID = "gen-build-errors"

  /// The overlay panel, to be placed at the end of a page's body.
  public static func panel(_ diagnostics: Diagnostics, dismissible: Bool) -> String {
    let problems = diagnostics.sorted
    let errors = problems.filter { $0.severity == .error }.count
    let title = "The build failed: \(errors) error\(errors == 1 ? "" : "s")"
    var html = """
      <div id="\(elementID)" role="alertdialog" aria-modal="true" aria-labelledby="\(elementID)-title" \
      style="position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;\
      padding:4vh 4vw;background:rgba(16,16,20,.88);color:#f4f4f5;\
      font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;text-align:left">
      <div style="max-width:62rem;margin:0 auto;padding:1.25rem 1.5rem;background:#1f1f24;\
      border-left:6px solid #ef4444;border-radius:6px">
      <h2 id="\(elementID)-title" style="margin:0 0 .5rem;font-size:1.25rem;color:#fecaca">\
      \(Escape.text(title))</h2>
      <p style="margin:0 0 1rem">\(dismissible ? "gen serve is still serving the last good build. " : "")\
      Fix the file and save it: this page reloads by itself.</p>
      <ol style="margin:0;padding-left:1.5rem">

      """
    for problem in problems {
      let color = problem.severity == .error ? "#fca5a5" : "#fde68a"
      var line = ""
      if let location = problem.location {
        line += "<span style=\"color:#93c5fd\">\(Escape.text(location.description)):</span> "
      }
      line += "<strong style=\"color:\(color)\">\(problem.severity.rawValue):</strong> "
      line += Escape.text(problem.message)
      if let hint = problem.hint { line += " <span style=\"color:#a1a1aa\">(\(Escape.text(hint)))</span>" }
      html += """
        <li style="margin:.4rem 0"><code style="white-space:pre-wrap;overflow-wrap:anywhere;\
        font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace">\(line)</code></li>

        """
    }
    html += "</ol>\n"
    if dismissible {
      html += """
        <p style="margin:1rem 0 0"><button type="button" \
        onclick="document.getElementById('\(elementID)').remove()" \
        style="font:inherit;padding:.35rem .9rem;border-radius:4px;border:1px solid #71717a;\
        background:#27272a;color:#f4f4f5;cursor:pointer">Show the last good page</button></p>

        """
    }
    html += "</div>\n</div>\n"
    return html
  }

  /// A page of its own, for when no build has succeeded yet.
  public static func page(_ diagnostics: Diagnostics, reloadTag: String) -> String {
    """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Build failed · gen serve</title>
    <link rel="icon" href="data:,">
    </head>
    <body style="margin:0;background:#101014">
    \(panel(diagnostics, dismissible: false))\(reloadTag)</body>
    </html>

    """
  }

  /// A page of the last good build with the panel laid over it: the page's own reload
  /// script (`oldTag`) is replaced by the panel and the script of the current version.
  public static func overlay(page: [UInt8], oldTag: String, panel: String, newTag: String) -> [UInt8] {
    var html = String(decoding: page, as: UTF8.self)
    let insertion = panel + newTag
    if let range = html.range(of: oldTag, options: .backwards) {
      html.replaceSubrange(range, with: insertion)
    } else if let range = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
      html.replaceSubrange(range, with: insertion + "</body>")
    } else {
      html += insertion
    }
    return Array(html.utf8)
  }
}
