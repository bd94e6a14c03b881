import Foundation
import GenCore
import Testing

/// Reading and listing the site's files.
struct SiteFilesTests {
  @Test func readsFilesWholeAndRefusesFolders() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gen-read-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let large = Data((0..<100_000).map { UInt8($0 % 251) })
    try large.write(to: URL(fileURLWithPath: folder + "/large"))
    try Data().write(to: URL(fileURLWithPath: folder + "/empty"))
    #expect(SiteFiles.read(folder + "/large") == large)
    #expect(SiteFiles.read(folder + "/empty") == Data())
    #expect(SiteFiles.read(folder + "/sub") == nil)
    #expect(SiteFiles.read(folder + "/missing") == nil)
    // Files whose size the system does not know ahead (as in /proc) are read to their end.
    #expect(
      (SiteFiles.read("/proc/self/status")?.count ?? 0) > 0
        || !FileManager.default.fileExists(atPath: "/proc"))
  }

  /// Found by fuzzing with LeakSanitizer: swift-foundation's `FileManager.contents(atPath:)`
  /// keeps 4 KB of every empty file it reads, and `gen serve` reads the site on every
  /// rebuild. gen's sources read files through `SiteFiles.read` only.
  @Test func sourcesDoNotReadFilesThroughFileManagerContents() throws {
    for (relative, full) in SiteFiles.walk(Fixtures.repository + "/Sources")
    where relative.hasSuffix(".swift") {
      let text = try String(contentsOfFile: full, encoding: .utf8)
      #expect(!text.contains("FileManager.default.contents(atPath:"), "Sources/\(relative)")
    }
  }
}
