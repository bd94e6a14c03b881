import ArgumentParser
import Foundation
import GenSite

/// `gen new DIR`: a small working site to start from.
struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a small working site (config, a page with a metric and a chart, data, theme).")

  @Argument(help: "The folder to create (must not exist or be empty).")
  var directory: String

  func run() throws {
    let root = URL(fileURLWithPath: directory).standardizedFileURL.path
    do {
      try StarterSite.write(to: root)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(2)
    }
    print("gen: created a site in \(directory); build it with: gen build --site \(directory)")
  }
}
