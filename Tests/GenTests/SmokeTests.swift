import Foundation
import GenCore
import GenSite
import Testing

/// The starter site `gen new` writes builds without errors.
@Suite struct SmokeTests {
  @Test func starterSiteBuilds() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-smoke-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try StarterSite.write(to: root)
    let result = SitePipeline.run(BuildOptions(siteRoot: root))
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    #expect(result.output?.files["index.html"] != nil)
  }
}
