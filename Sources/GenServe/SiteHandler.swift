import FlyingFox
import Foundation
import GenCore
import GenSite

/// Answers every request of the preview server from the site in memory: the reload
/// endpoint, files of the last good build (with the error panel over pages while the
/// latest build fails), redirects from `/x` to `/x/`, and the site's own `404.html`.
struct SiteHandler: HTTPHandler {
  /// The site being served.
  let state: SiteState
  /// The folder files copied verbatim come from (`SITE/content`); a copy whose real
  /// path leaves it is refused.
  let copiesFolder: String
  /// How long a request for the version waits for a new build before answering.
  let longPoll: Duration

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    var response = try await respond(to: request)
    if request.method == .HEAD, case .httpBody(let body) = response.payload {
      // The same headers as GET, without the body.
      response.headers[.contentLength] = String(body.count ?? 0)
      response.payload = .httpBody(HTTPBodySequence())
    }
    return response
  }

  private func respond(to request: HTTPRequest) async throws -> HTTPResponse {
    guard request.method == .GET || request.method == .HEAD else {
      var response = Self.text(
        .methodNotAllowed, "405 Method Not Allowed: gen serve answers GET and HEAD only.")
      response.headers[HTTPHeader("Allow")] = "GET, HEAD"
      return response
    }
    // The server listens before the first build is done: wait for it.
    while state.read().buildCount == 0, !state.isStopping {
      try await Task.sleep(for: .milliseconds(10))
    }
    let rawPath = request.target.path(percentEncoded: true)
    if rawPath == ReloadScript.versionPath {
      return try await version(since: request.query.first { $0.name == "since" }?.value)
    }
    switch StaticFiles.resolve(rawPath) {
    case .refused(let reason):
      return Self.text(.forbidden, "403 Forbidden: \(reason). gen serve only serves files of the built site.")
    case .file(let path):
      return file(path, rawPath: rawPath, query: request.target.query(percentEncoded: true))
    }
  }

  /// The current version; with `since` equal to it, waits for the next build first
  /// (up to `longPoll`), so a page learns of a rebuild as soon as it is done.
  private func version(since: String?) async throws -> HTTPResponse {
    if let since, since == state.read().version {
      let clock = ContinuousClock()
      let deadline = clock.now + longPoll
      while state.read().version == since, clock.now < deadline, !state.isStopping {
        try await Task.sleep(for: .milliseconds(20))
      }
    }
    return Self.bytes(.ok, Array(state.read().version.utf8), type: "text/plain; charset=utf-8")
  }

  private func file(_ path: String, rawPath: String, query: String) -> HTTPResponse {
    let current = state.read()
    guard let good = current.good else {
      // No build has succeeded yet: every request gets the list of problems. With
      // status 200, so the browser's console stays free of a failed-load error.
      let problems = current.problems ?? Diagnostics()
      let page = ErrorOverlay.page(problems, reloadTag: ReloadScript.tag(version: current.version))
      return Self.bytes(.ok, Array(page.utf8), type: "text/html; charset=utf-8")
    }
    let output = good.output
    if let bytes = output.files[path] {
      return page(.ok, path: path, bytes: bytes, current: current, good: good)
    }
    if let source = output.copies[path] {
      guard StaticFiles.isServable(copyAt: source, inside: copiesFolder) else {
        return Self.text(.forbidden, "403 Forbidden: this file leads outside the site's content/ folder.")
      }
      let headers = Self.headers(type: StaticFiles.contentType(for: path))
      do {
        let body = try HTTPBodySequence(file: URL(fileURLWithPath: source))
        return HTTPResponse(statusCode: .ok, headers: headers, body: body)
      } catch {
        return Self.text(.notFound, "404 Not Found: \(path) could not be read.")
      }
    }
    if output.files[path + "/index.html"] != nil {
      var headers = Self.headers(type: "text/plain; charset=utf-8")
      headers[.location] = rawPath + "/" + (query.isEmpty ? "" : "?" + query)
      return HTTPResponse(statusCode: .found, headers: headers)
    }
    if let notFound = output.files["404.html"] {
      return page(.notFound, path: "404.html", bytes: notFound, current: current, good: good)
    }
    return Self.text(.notFound, "404 Not Found: there is no \(path) in the site.")
  }

  /// A file of the site; a page gets the error panel while the latest build fails.
  private func page(
    _ status: HTTPStatusCode, path: String, bytes: [UInt8], current: SiteState.Current,
    good: SiteState.GoodBuild
  ) -> HTTPResponse {
    let type = StaticFiles.contentType(for: path)
    guard let problems = current.problems, type.hasPrefix("text/html") else {
      return Self.bytes(status, bytes, type: type)
    }
    let shown = ErrorOverlay.overlay(
      page: bytes, oldTag: good.reloadTag, panel: ErrorOverlay.panel(problems, dismissible: true),
      newTag: ReloadScript.tag(version: current.version))
    return Self.bytes(status, shown, type: type)
  }

  /// The headers of every answer: nothing is cached, nothing is sniffed.
  static func headers(type: String) -> HTTPHeaders {
    [.contentType: type, .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff"]
  }

  static func bytes(_ status: HTTPStatusCode, _ bytes: [UInt8], type: String) -> HTTPResponse {
    HTTPResponse(statusCode: status, headers: headers(type: type), body: Data(bytes))
  }

  static func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
    bytes(status, Array((message + "\n").utf8), type: "text/plain; charset=utf-8")
  }
}
