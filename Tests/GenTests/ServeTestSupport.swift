import Dispatch
import Foundation
import GenServe
import GenSite
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sites, servers, edits and waits for `ServeTests`.
extension ServeTests {
  /// Builds seen by a test, in order.
  final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [BuildEvent] = []
    var all: [BuildEvent] {
      lock.lock()
      defer { lock.unlock() }
      return events
    }
    func append(_ event: BuildEvent) {
      lock.lock()
      defer { lock.unlock() }
      events.append(event)
    }
  }

  /// A new copy of the starter site in a temporary folder.
  static func makeSite() throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-serve-\(UUID().uuidString)")
      .path
    try StarterSite.write(to: root)
    return root
  }

  static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

  /// Runs `body` with a started server (on a free port) for `root` or a new starter
  /// site, then stops the server and removes the site.
  static func withServer(
    root given: String? = nil,
    _ body: (PreviewServer, Int, String, EventLog) async throws -> Void
  ) async throws {
    let root = try given ?? makeSite()
    defer { remove(root) }
    let events = EventLog()
    let server = PreviewServer(ServeOptions(build: BuildOptions(siteRoot: root), port: 0)) {
      events.append($0)
    }
    let url = try await server.start()
    do {
      try await body(server, try #require(url.port), root, events)
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
  }

  /// Gives `target` the modification time of `source`, to the nanosecond.
  static func copyModificationTime(from source: String, to target: String) throws {
    var info = stat()
    guard stat(source, &info) == 0 else { throw Timeout() }
    #if canImport(Darwin)
      var times = [info.st_atimespec, info.st_mtimespec]
    #else
      var times = [info.st_atim, info.st_mtim]
    #endif
    guard utimensat(AT_FDCWD, target, &times, 0) == 0 else { throw Timeout() }
  }

  /// Rewrites a file of the site.
  static func edit(_ path: String, _ change: (String) -> String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try change(text).write(toFile: path, atomically: false, encoding: .utf8)
  }

  struct Timeout: Error {}

  /// Polls `condition` every 20 ms until it holds; fails after `limit`.
  static func waitUntil(
    _ limit: Duration = .seconds(20), _ condition: () async throws -> Bool
  ) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while try await !condition() {
      guard clock.now < deadline else { throw Timeout() }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  static func firstMatch(_ pattern: String, in text: String) -> String? {
    text.range(of: pattern, options: .regularExpression).map { String(text[$0]) }
  }
}

/// The tests' HTTP client (for ServeTests): HTTP/1.1 over a raw socket: sends the path exactly as given (no
/// normalisation of `..` or escapes, unlike URLSession), one request per connection.
enum HTTP {
  struct Response: Sendable {
    var status: Int
    /// Header names in lowercase.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Sends one request to 127.0.0.1:`port`, on a Dispatch thread so the test's
  /// cooperative threads stay free for the server.
  static func request(_ port: Int, _ path: String, method: String = "GET") async throws -> Response {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try blockingRequest(port, path, method: method) })
      }
    }
  }

  private static func blockingRequest(_ port: Int, _ path: String, method: String) throws -> Response {
    #if canImport(Glibc)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
    defer { close(fd) }
    var timeout = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "connect to port \(port): errno \(errno)") }
    let request = Array(
      "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
    var sent = 0
    while sent < request.count {
      let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
      sent += n
    }
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n == 0 { break }
      guard n > 0 else { throw Failure(description: "recv: errno \(errno)") }
      data.append(contentsOf: buffer[..<n])
    }
    return try parse(data)
  }

  private static func parse(_ data: [UInt8]) throws -> Response {
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    guard let end = (0..<max(0, data.count - 3)).first(where: { Array(data[$0..<$0 + 4]) == separator })
    else {
      throw Failure(description: "no complete response (\(data.count) bytes)")
    }
    let lines = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let statusParts = lines[0].split(separator: " ")
    guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
      throw Failure(description: "bad status line: \(lines[0])")
    }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    return Response(status: status, headers: headers, body: Array(data[(end + 4)...]))
  }
}
