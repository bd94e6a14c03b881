import Foundation
import GenCore
import GenServe
import GenSite
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `gen serve`: each test starts a real server on a free port, on a temporary copy of
/// the starter site, and talks to it over a socket. Waits poll with generous limits
/// instead of sleeping for fixed times; helpers and the `HTTP` client are in ServeTestSupport.swift.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ServeTests {
  // MARK: - Path resolution and content types (no server)

  @Test func resolvesPathsInsideTheSite() {
    #expect(StaticFiles.resolve("/") == .file("index.html"))
    #expect(StaticFiles.resolve("/about/") == .file("about/index.html"))
    #expect(StaticFiles.resolve("/about") == .file("about"))
    #expect(StaticFiles.resolve("//assets//style.css") == .file("assets/style.css"))
    #expect(StaticFiles.resolve("/reports/caf%C3%A9/") == .file("reports/café/index.html"))
  }

  @Test(arguments: [
    "/../gen.yml", "/%2e%2e/gen.yml", "/%2E%2E/gen.yml", "/assets/..%2f..%2fgen.yml", "/assets/%2e%2e/x",
    "/./index.html", "/assets\\..\\gen.yml", "/%5c..%5cgen.yml", "/a%00b", "/a%2Fb", "/bad%zz", "relative",
  ])
  func refusesPathsThatCouldLeaveTheSite(_ path: String) {
    guard case .refused = StaticFiles.resolve(path) else {
      Issue.record("\(path) was not refused")
      return
    }
  }

  @Test func namesContentTypes() {
    let expected = [
      "index.html": "text/html; charset=utf-8", "assets/style.1a2b.css": "text/css; charset=utf-8",
      "charts/x.svg": "image/svg+xml", "data/visits.csv": "text/csv; charset=utf-8",
      "sitemap.xml": "application/xml; charset=utf-8", "data/x.json": "application/json",
      "app.js": "text/javascript; charset=utf-8", "logo.png": "image/png", "favicon.ico": "image/x-icon",
      "robots.txt": "text/plain; charset=utf-8", "LICENSE": "application/octet-stream",
    ]
    for (path, type) in expected { #expect(StaticFiles.contentType(for: path) == type, "\(path)") }
  }

  @Test func refusesCopiesThroughSymbolicLinks() throws {
    let root = try Self.makeSite()
    defer { Self.remove(root) }
    let outside = root + "-secret.csv"
    defer { Self.remove(outside) }
    try "secret\n".write(toFile: outside, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: root + "/content/data/link.csv", withDestinationPath: outside)
    #expect(StaticFiles.isServable(copyAt: root + "/content/data/visits.csv", inside: root + "/content"))
    #expect(!StaticFiles.isServable(copyAt: root + "/content/data/link.csv", inside: root + "/content"))
    #expect(!StaticFiles.isServable(copyAt: outside, inside: root + "/content"))
    #expect(!StaticFiles.isServable(copyAt: root + "/content/data/missing.csv", inside: root + "/content"))
  }

  @Test func escapesProblemsInTheErrorPanel() {
    let problems = Diagnostics([
      .error(
        "unknown column '<script>alert(1)</script>'",
        at: SourceLocation(path: "content/a&b.md", line: 3, column: 7), hint: "did you mean \"x\"?")
    ])
    let panel = ErrorOverlay.panel(problems, dismissible: true)
    #expect(panel.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!panel.contains("<script>alert"))
    #expect(panel.contains("content/a&amp;b.md:3:7:"))
    let page = ErrorOverlay.page(problems, reloadTag: ReloadScript.tag(version: "t.2"))
    #expect(page.hasPrefix("<!doctype html>"))
    #expect(page.contains("var version = \"t.2\";"))
  }

  @Test func buildOutputHasNoReloadScript() throws {
    let root = try Self.makeSite()
    defer { Self.remove(root) }
    let result = SitePipeline.run(BuildOptions(siteRoot: root))
    let output = try #require(result.output)
    for (path, bytes) in output.files where path.hasSuffix(".html") {
      #expect(!String(decoding: bytes, as: UTF8.self).contains(ReloadScript.marker), "\(path)")
    }
  }

  // MARK: - The running server

  @Test func servesPagesAssetsAndTypes() async throws {
    try await Self.withServer { server, port, _, _ in
      let home = try await HTTP.request(port, "/")
      #expect(home.status == 200)
      #expect(home.headers["content-type"] == "text/html; charset=utf-8")
      #expect(home.headers["cache-control"] == "no-store")
      #expect(home.text.contains("<script \(ReloadScript.marker)>"))
      #expect(home.text.contains("var version = \"\(server.version)\";"))

      let about = try await HTTP.request(port, "/about/")
      #expect(about.status == 200 && about.text.contains("<h1"))
      let redirect = try await HTTP.request(port, "/about")
      #expect(redirect.status == 302)
      #expect(redirect.headers["location"] == "/about/")

      let css = try #require(Self.firstMatch(#"assets/style\.[0-9a-f]+\.css"#, in: home.text))
      let style = try await HTTP.request(port, "/" + css)
      #expect(style.status == 200 && style.headers["content-type"] == "text/css; charset=utf-8")
      let icon = try #require(Self.firstMatch(#"assets/favicon\.[0-9a-f]+\.svg"#, in: home.text))
      #expect(try await HTTP.request(port, "/" + icon).headers["content-type"] == "image/svg+xml")

      let csv = try await HTTP.request(port, "/data/visits.csv")
      #expect(csv.status == 200)
      #expect(csv.headers["content-type"] == "text/csv; charset=utf-8")
      #expect(csv.headers["cache-control"] == "no-store")
      #expect(csv.text.hasPrefix("week,browser,visits"))

      let head = try await HTTP.request(port, "/", method: "HEAD")
      #expect(head.status == 200 && head.body.isEmpty)
      #expect(head.headers["content-length"] == String(home.body.count))
      #expect(try await HTTP.request(port, "/", method: "POST").status == 405)

      let version = try await HTTP.request(port, ReloadScript.versionPath)
      #expect(version.status == 200 && version.text == server.version)
      #expect(version.headers["cache-control"] == "no-store")
    }
  }

  @Test func unknownPathsGetTheSite404Page() async throws {
    try await Self.withServer { _, port, _, _ in
      for path in ["/nope", "/nope/", "/gen.yml", "/content/index.md", "/templates/base.mustache"] {
        let response = try await HTTP.request(port, path)
        #expect(response.status == 404, "\(path)")
        #expect(response.headers["content-type"] == "text/html; charset=utf-8")
        #expect(response.text.contains("Page not found"), "\(path)")
      }
    }
  }

  @Test func refusesTraversalOverTheWire() async throws {
    let root = try Self.makeSite()
    let outside = root + "-secret.csv"
    defer { Self.remove(outside) }
    try "week,secret\n".write(toFile: outside, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: root + "/content/data/link.csv", withDestinationPath: outside)
    try await Self.withServer(root: root) { _, port, _, _ in
      let paths = [
        "/../gen.yml", "/%2e%2e/gen.yml", "/assets/..%2f..%2fgen.yml", "/assets/%2e%2e/%2e%2e/gen.yml",
        "/assets\\..\\gen.yml", "/%5c..%5cgen.yml", "/a%00b", "/../../../../etc/passwd", "/data/link.csv",
        "/data/..%2f..%2f..%2fgen.yml",
      ]
      for path in paths {
        let response = try await HTTP.request(port, path)
        #expect([403, 404].contains(response.status), "\(path) gave \(response.status)")
        #expect(!response.text.contains("datasets:") && !response.text.contains("secret"), "\(path)")
      }
      #expect(try await HTTP.request(port, "/../gen.yml").status == 403)
      #expect(try await HTTP.request(port, "/%2e%2e/gen.yml").status == 403)
      #expect(try await HTTP.request(port, "/assets/..%2f..%2fgen.yml").status == 403)
    }
  }

  @Test func rebuildsOnChangeAndSignalsTheReload() async throws {
    try await Self.withServer { server, port, root, events in
      let before = server.version
      // A page waiting for the next version is answered as soon as the rebuild is done.
      async let waited = HTTP.request(port, ReloadScript.versionPath + "?since=" + before)
      try await Task.sleep(for: .milliseconds(50))
      try Self.edit(root + "/content/about.md") { $0 + "\nMarker one-two-three.\n" }
      let answer = try await waited
      try await Self.waitUntil { events.all.count == 2 }
      #expect(answer.status == 200)
      #expect(answer.text != before)
      #expect(answer.text == server.version)
      let about = try await HTTP.request(port, "/about/")
      #expect(about.text.contains("Marker one-two-three."))
      #expect(about.text.contains("var version = \"\(answer.text)\";"))
      let event = try #require(events.all.last)
      #expect(event.succeeded && event.changed == ["content/about.md"])
    }
  }

  @Test func mergesChangesSavedTogether() async throws {
    try await Self.withServer { server, port, root, events in
      let count = events.all.count
      try Self.edit(root + "/content/about.md") { $0 + "\nFirst change.\n" }
      try Self.edit(root + "/content/index.md") { $0 + "\nSecond change.\n" }
      try await Self.waitUntil { events.all.count > count }
      // Give a second (wrong) rebuild every chance to happen before checking there was none.
      try await Task.sleep(for: .milliseconds(600))
      #expect(events.all.count == count + 1)
      #expect(server.buildCount == count + 1)
      #expect(events.all.last?.changed == ["content/about.md", "content/index.md"])
      #expect(try await HTTP.request(port, "/").text.contains("Second change."))
    }
  }

  @Test func watchesConfigDatasetsAndTemplates() async throws {
    try await Self.withServer { server, port, root, events in
      var count = events.all.count
      try Self.edit(root + "/gen.yml") {
        $0.replacingOccurrences(of: "Visits by browser", with: "Readers by browser")
      }
      try await Self.waitUntil { events.all.count > count }
      #expect(try await HTTP.request(port, "/about/").text.contains("Readers by browser"))

      count = events.all.count
      try Self.edit(root + "/content/data/visits.csv") {
        $0 + "2026-02-02,Firefox,300\n2026-02-02,Chrome,540\n2026-02-02,Safari,170\n"
      }
      try await Self.waitUntil { events.all.count > count }
      #expect(events.all.last?.changed == ["content/data/visits.csv"])
      #expect(try await HTTP.request(port, "/data/visits.csv").text.contains("2026-02-02,Firefox,300"))

      count = events.all.count
      try Self.edit(root + "/templates/base.mustache") {
        $0.replacingOccurrences(of: "</main>", with: "</main>\n<!-- template edited -->")
      }
      try await Self.waitUntil { events.all.count > count }
      #expect(try await HTTP.request(port, "/").text.contains("<!-- template edited -->"))
      #expect(events.all.allSatisfy { $0.succeeded })
    }
  }

  @Test func rebuildsReuseUnchangedDatasets() async throws {
    // Declared column types make the declaration hold dictionaries, whose order differs
    // between two parses of the same gen.yml: the cache key must not depend on it.
    let site = try Self.makeSite()
    try Self.edit(site + "/gen.yml") { $0 + "    columns: { week: date, browser: text, visits: integer }\n" }
    try await Self.withServer(root: site) { _, port, root, events in
      // Replace the dataset by a file of the same size and modification time, but other
      // numbers (a new inode, so the watcher rebuilds). The cache key is the same, so the
      // rebuild must reuse the dataset parsed before: parsed again, the new figure would
      // break the claim in content/index.md.
      let csv = root + "/content/data/visits.csv"
      let replacement = root + "/content/data/.visits.csv.new"
      let text = try String(contentsOfFile: csv, encoding: .utf8)
      let changed = text.replacingOccurrences(of: "2026-01-19,Firefox,305", with: "2026-01-19,Firefox,905")
      #expect(changed.utf8.count == text.utf8.count && changed != text)
      try changed.write(toFile: replacement, atomically: false, encoding: .utf8)
      try Self.copyModificationTime(from: csv, to: replacement)
      let count = events.all.count
      #expect(rename(replacement, csv) == 0)
      try await Self.waitUntil { events.all.count > count }
      let event = try #require(events.all.last)
      #expect(event.changed == ["content/data/visits.csv"])
      #expect(event.succeeded, "\(event.diagnostics)")
      #expect(try await HTTP.request(port, "/").text.contains("30.5%"))
      // A build without the cache reads the new numbers.
      #expect(SitePipeline.run(BuildOptions(siteRoot: root)).diagnostics.hasErrors)
    }
  }

  @Test func failedBuildKeepsTheLastGoodSiteAndRecovers() async throws {
    try await Self.withServer { server, port, root, events in
      let good = try await HTTP.request(port, "/about/")
      let count = events.all.count
      try Self.edit(root + "/content/index.md") {
        $0.replacingOccurrences(of: "30% ± 3pp", with: "90% ± 1pp")
      }
      try await Self.waitUntil { events.all.count > count }

      let failed = try #require(events.all.last)
      #expect(!failed.succeeded && failed.keptEarlierBuild)
      let error = try #require(failed.diagnostics.errors.first)
      #expect(
        error.description.hasPrefix("content/index.md:18:33: error: claim '90%' for metric 'firefox_mean'"))

      // Every page: the last good page, the problems over it, the reload script of now.
      for path in ["/", "/about/", "/nope/"] {
        let page = try await HTTP.request(port, path)
        #expect(page.text.contains("id=\"\(ErrorOverlay.elementID)\""), "\(path)")
        #expect(page.text.contains("content/index.md:18:33:"), "\(path)")
        #expect(page.text.contains("var version = \"\(server.version)\";"), "\(path)")
        #expect(page.text.components(separatedBy: "<script \(ReloadScript.marker)>").count == 2, "\(path)")
      }
      let about = try await HTTP.request(port, "/about/")
      #expect(about.status == 200 && about.text.contains("This site was made by"))
      #expect(try await HTTP.request(port, "/data/visits.csv").status == 200)
      #expect(good.text != about.text)

      // Fixing the file recovers without a restart.
      let broken = server.version
      async let waited = HTTP.request(port, ReloadScript.versionPath + "?since=" + broken)
      try Self.edit(root + "/content/index.md") {
        $0.replacingOccurrences(of: "90% ± 1pp", with: "31% ± 3pp")
      }
      #expect(try await waited.text != broken)
      try await Self.waitUntil { events.all.last?.succeeded == true }
      #expect(events.all.last?.recovered == true)
      let fixed = try await HTTP.request(port, "/")
      #expect(fixed.status == 200 && !fixed.text.contains(ErrorOverlay.elementID))
    }
  }

  /// Fault: the site folder is renamed, then put back, then deleted while served. The
  /// server keeps serving the last good build with the problem over it, rebuilds once the
  /// folder is back, and never stops.
  @Test func survivesTheSiteFolderMovedOrDeleted() async throws {
    let root = try Self.makeSite()
    let moved = root + "-moved"
    defer { Self.remove(moved) }
    try await Self.withServer(root: root) { _, port, root, events in
      let good = try await HTTP.request(port, "/about/")
      #expect(good.status == 200)
      var count = events.all.count
      try FileManager.default.moveItem(atPath: root, toPath: moved)
      try await Self.waitUntil { events.all.count > count }
      let gone = try #require(events.all.last)
      #expect(!gone.succeeded && gone.keptEarlierBuild)
      #expect(gone.diagnostics.errors.first?.message.contains("no gen.yml in \(root)") == true)
      let served = try await HTTP.request(port, "/about/")
      #expect(served.status == 200 && served.text.contains("This site was made by"))
      #expect(served.text.contains(ErrorOverlay.elementID))

      count = events.all.count
      try FileManager.default.moveItem(atPath: moved, toPath: root)
      try await Self.waitUntil { events.all.count > count && events.all.last?.succeeded == true }
      #expect(events.all.last?.recovered == true)
      #expect(try await HTTP.request(port, "/about/").text.contains(ErrorOverlay.elementID) == false)

      count = events.all.count
      try FileManager.default.removeItem(atPath: root)
      try await Self.waitUntil { events.all.count > count }
      #expect(events.all.last?.succeeded == false)
      #expect(try await HTTP.request(port, "/").status == 200)
    }
  }

  @Test func aSiteThatNeverBuiltShowsAnErrorPage() async throws {
    let root = try Self.makeSite()
    try "---\ntitle: [unclosed\n---\nText.\n".write(
      toFile: root + "/content/about.md", atomically: false, encoding: .utf8)
    try await Self.withServer(root: root) { server, port, _, events in
      #expect(events.all.first?.succeeded == false)
      #expect(events.all.first?.keptEarlierBuild == false)
      let page = try await HTTP.request(port, "/about/")
      #expect(page.status == 200)
      #expect(page.text.contains("id=\"\(ErrorOverlay.elementID)\""))
      #expect(page.headers["content-type"] == "text/html; charset=utf-8")
      #expect(page.text.contains("content/about.md:3:1:"))
      #expect(page.text.contains("var version = \"\(server.version)\";"))
      let count = events.all.count
      try "---\ntitle: About\n---\nFixed text.\n".write(
        toFile: root + "/content/about.md", atomically: false, encoding: .utf8)
      try await Self.waitUntil { events.all.count > count }
      let fixed = try await HTTP.request(port, "/about/")
      #expect(fixed.status == 200 && fixed.text.contains("Fixed text."))
    }
  }

  @Test func stopsCleanlyAndFreesThePort() async throws {
    let root = try Self.makeSite()
    defer { Self.remove(root) }
    let server = PreviewServer(ServeOptions(build: BuildOptions(siteRoot: root), port: 0))
    let url = try await server.start()
    let port = try #require(url.port)
    #expect(url.absoluteString == "http://127.0.0.1:\(port)/")
    // A page waiting for the next version while the server stops gets its answer.
    async let waiting = HTTP.request(port, ReloadScript.versionPath + "?since=" + server.version)
    try await Task.sleep(for: .milliseconds(100))
    let clock = ContinuousClock()
    let started = clock.now
    await server.stop()
    #expect(clock.now - started < .seconds(3))
    let answer = try await waiting
    #expect(answer.status == 200)
    await server.stop()
    await #expect(throws: (any Error).self) { try await HTTP.request(port, "/") }

    // The same port can be used again at once, and a restarted server waits again.
    let options = ServeOptions(build: BuildOptions(siteRoot: root), port: UInt16(port), longPoll: .seconds(1))
    let again = PreviewServer(options)
    #expect(try await again.start().port == port)
    #expect(try await HTTP.request(port, "/").status == 200)
    await again.stop()
    #expect(try await again.start().port == port)
    let asked = clock.now
    let same = try await HTTP.request(port, ReloadScript.versionPath + "?since=" + again.version)
    #expect(same.text == again.version)
    #expect(clock.now - asked > .milliseconds(800))
    await again.stop()
  }

  @Test func explainsWhyItCannotStart() async throws {
    let root = try Self.makeSite()
    defer { Self.remove(root) }
    let first = PreviewServer(ServeOptions(build: BuildOptions(siteRoot: root), port: 0))
    let port = try #require(try await first.start().port)
    let second = PreviewServer(ServeOptions(build: BuildOptions(siteRoot: root), port: UInt16(port)))
    do {
      try await second.start()
      Issue.record("a second server started on port \(port)")
    } catch {
      #expect(error.description.contains("port \(port) on 127.0.0.1 is already in use"))
      #expect(error.description.contains("--port 0"))
    }
    await first.stop()

    let empty = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gen-serve-empty-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    defer { Self.remove(empty) }
    do {
      try await PreviewServer(ServeOptions(build: BuildOptions(siteRoot: empty), port: 0)).start()
      Issue.record("a server started in a folder without gen.yml")
    } catch {
      #expect(error.description.hasPrefix("no gen.yml in \(empty)"))
    }
  }
}
