import ArgumentParser
import Foundation
import GenData
import GenSite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `gen`: the command-line front end. Each subcommand is a thin layer over GenSite.
@main
struct Gen: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gen",
    abstract: "Build static report sites from datasets and Markdown commentary.",
    discussion: """
      A site folder holds gen.yml, content/ (Markdown pages and data files) and \
      optionally templates/. 'gen build' computes the metrics, draws the charts and \
      writes public/.

      Exit status: 0 success, 1 content errors, 2 usage errors.
      """,
    version: GenVersion.current,
    subcommands: [Build.self, Check.self, Metrics.self, Serve.self, New.self],
    defaultSubcommand: nil)

  /// Runs the parsed command, mapping errors to the documented exit codes:
  /// 1 for content errors, 2 for usage errors.
  static func main() async {
    // Past a file size limit (`ulimit -f`), a write then fails with "File too large",
    // which gen reports, instead of the signal ending gen mid-write.
    signal(SIGXFSZ, SIG_IGN)
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}

/// Options every site command takes.
struct SiteOptions: ParsableArguments {
  @Option(name: .long, help: "The site folder.")
  var site: String = "."

  @Flag(name: .long, help: "Include pages marked 'draft: true'.")
  var drafts = false

  /// A site folder that does not exist is a usage error (exit 2), not a content error.
  func validate() throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: site, isDirectory: &isFolder), isFolder.boolValue else {
      throw ValidationError(
        "no folder '\(site)': pass the site folder with --site DIR, or create one with 'gen new DIR'")
    }
  }

  /// Build options from the command line and the environment.
  func buildOptions(bodySuffix: String? = nil) -> BuildOptions {
    let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
    return BuildOptions(
      siteRoot: URL(fileURLWithPath: site).standardizedFileURL.path, includeDrafts: drafts,
      sourceDateEpoch: epoch,
      bodySuffix: bodySuffix)
  }
}
