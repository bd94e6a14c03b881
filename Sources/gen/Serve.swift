import ArgumentParser
import GenServe
import GenSite

/// `gen serve`: build, serve on 127.0.0.1, rebuild on change, reload the open page.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build the site, serve it on 127.0.0.1 and rebuild it when a file changes.")

  @OptionGroup var siteOptions: SiteOptions

  @Option(name: .long, help: "The port to listen on (0 picks a free one).")
  var port: UInt16 = 8080

  func run() async throws {
    throw ValidationError("gen serve is not available yet")
  }
}
