import Foundation
import GenCore

/// Runs a dataset's loader program (`command:`), or reuses its output from an earlier
/// build: the output is kept in `.gen-cache/loaders/` under a hash of the command, the
/// bytes of its `inputs:` and the values of its `env:` variables, and is used again
/// until one of them changes, `max_age` passes, or `gen build --refresh` asks for a run.
public enum LoaderRun {
  /// What decides whether loaders run.
  public struct Options: Sendable {
    /// Datasets whose loaders run whatever the cache holds; empty: every loader; nil: none.
    public var refresh: Set<String>?
    /// The environment loaders see (and `env:` reads).
    public var environment: [String: String]
    /// Whether loader programs may run at all (off: a dataset with a loader is an error).
    public var runs: Bool

    /// Options.
    public init(
      refresh: Set<String>? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
      runs: Bool = true
    ) {
      self.refresh = refresh
      self.environment = environment
      self.runs = runs
    }
  }

  /// The path of the loader's output (relative to the site folder), running it when
  /// needed; nil after reporting why
  /// it failed (at the `command:` line, with its last lines of standard error).
  static func output(
    _ spec: DatasetSpec, _ loader: DatasetSpec.Loader, siteRoot: String, options: Options,
    _ diagnostics: inout Diagnostics
  ) -> String? {
    guard options.runs else {
      diagnostics.error(
        "dataset '\(spec.name)' runs a loader program, which this build does not allow",
        at: spec.location(of: "command"))
      return nil
    }
    guard let key = cacheKey(spec, loader, siteRoot: siteRoot, options: options, &diagnostics) else {
      return nil
    }
    let relative = ".gen-cache/loaders/\(spec.name)-\(key).\(spec.format.rawValue)"
    let folder = SitePath.join(siteRoot, ".gen-cache/loaders")
    let path = SitePath.join(siteRoot, relative)
    let refreshing = options.refresh.map { $0.isEmpty || $0.contains(spec.name) } ?? false
    if !refreshing,
      let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date,
      spec.maxAge.map({ Date().timeIntervalSince(modified) < $0 }) ?? true
    {
      return relative
    }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let temporary = path + ".tmp-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    guard run(spec, loader, siteRoot: siteRoot, output: temporary, options: options, &diagnostics) else {
      return nil
    }
    // Older outputs of this dataset go; the new one takes its place whole.
    for old in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    where old.hasPrefix(spec.name + "-") && !old.contains(".tmp-") {
      try? FileManager.default.removeItem(atPath: folder + "/" + old)
    }
    guard rename(temporary, path) == 0 else {
      diagnostics.error(
        "cannot keep the output of the loader of dataset '\(spec.name)' in \(folder)",
        at: spec.location(of: "command"))
      return nil
    }
    return relative
  }

  /// A hash of the command, the bytes of every input (files, and every file under a
  /// folder) and the listed variables' values; nil after reporting a missing input.
  static func cacheKey(
    _ spec: DatasetSpec, _ loader: DatasetSpec.Loader, siteRoot: String, options: Options,
    _ diagnostics: inout Diagnostics
  ) -> String? {
    var hash = StableHash()
    hash.combine(loader.command.joined(separator: "\u{0}"))
    for input in loader.inputs {
      let full = input.hasPrefix("/") ? input : SitePath.join(siteRoot, input)
      hash.combine("\u{1}" + input)
      if SiteFiles.isDirectory(full) {
        for file in SiteFiles.walk(full).sorted(by: { $0.relative < $1.relative }) {
          hash.combine("\u{2}" + file.relative)
          hash.combine(SiteFiles.read(file.full) ?? Data())
        }
      } else if let data = SiteFiles.read(full) {
        hash.combine(data)
      } else {
        diagnostics.error(
          "input '\(input)' of the loader of dataset '\(spec.name)' does not exist",
          at: spec.location(of: "inputs"),
          hint: "'inputs' lists the files and folders the loader reads, relative to the site folder")
        return nil
      }
    }
    for name in loader.environment { hash.combine("\u{3}" + name + "=" + (options.environment[name] ?? "")) }
    return String(hash.hex.prefix(16))
  }
}
