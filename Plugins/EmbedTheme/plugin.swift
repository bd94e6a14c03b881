import Foundation
import PackagePlugin

/// Embeds the default theme (the package's `templates/` folder) into the GenTemplates
/// target as Swift source, so that the `gen` binary carries its theme and the files
/// in `templates/` stay the one place the theme is written.
@main
struct EmbedTheme: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let themeDirectory = context.package.directoryURL.appending(path: "templates")
    let output = context.pluginWorkDirectoryURL.appending(path: "DefaultThemeFiles.swift")
    var inputs: [URL] = []
    if let walker = FileManager.default.enumerator(at: themeDirectory, includingPropertiesForKeys: nil) {
      for case let url as URL in walker where !url.hasDirectoryPath {
        inputs.append(url)
      }
    }
    inputs.sort { $0.path < $1.path }
    return [
      .buildCommand(
        displayName: "Embedding default theme from templates/",
        executable: try context.tool(named: "ThemeEmbedder").url,
        arguments: [themeDirectory.path, output.path],
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }
}
