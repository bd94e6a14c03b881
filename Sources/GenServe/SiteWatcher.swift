import Foundation
import GenCore
import GenSite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Size, modification time and identity of one file, as `stat` gives them.
public struct FileStamp: Sendable, Hashable {
  /// Size in bytes.
  public var size: Int64
  /// Modification time, seconds.
  public var seconds: Int
  /// Modification time, nanoseconds within the second.
  public var nanoseconds: Int
  /// The inode: editors that save by writing a new file and renaming it change it.
  public var inode: UInt64
}

/// The stamps of every file a build reads: `gen.yml`, `content/**`, `templates/**`
/// and each dataset file declared in `gen.yml`, wherever it lives.
public struct SiteSnapshot: Sendable, Equatable {
  /// Stamps by path: relative to the site folder inside it (`content/index.md`),
  /// absolute outside it (a dataset kept elsewhere).
  public var files: [String: FileStamp]

  /// The paths added, removed or changed since `older`, sorted.
  public func changes(since older: SiteSnapshot) -> [String] {
    var paths = Set<String>()
    for (path, stamp) in files where older.files[path] != stamp { paths.insert(path) }
    for path in older.files.keys where files[path] == nil { paths.insert(path) }
    return paths.sorted()
  }
}

/// Finds out whether the site changed by polling file stamps. Simple and portable: a
/// poll of a site with a thousand pages is a thousand `stat` calls, well under a
/// millisecond each. Hidden files (editor swap and lock files) are ignored, as the
/// build ignores them.
public final class SiteWatcher: @unchecked Sendable {
  /// The site folder.
  public let siteRoot: String
  private let lock = NSLock()
  /// The dataset files named by `gen.yml`, with the stamp of `gen.yml` they were read at.
  private var datasetFiles: (config: FileStamp?, paths: [String])?

  /// A watcher of the site in `siteRoot`.
  public init(siteRoot: String) {
    self.siteRoot = siteRoot
  }

  /// The current stamps of every file the build reads.
  public func snapshot() -> SiteSnapshot {
    var files: [String: FileStamp] = [:]
    let configPath = siteRoot + "/gen.yml"
    let configStamp = Self.stamp(configPath)
    if let configStamp { files["gen.yml"] = configStamp }
    walk("content", into: &files)
    walk("templates", into: &files)
    for path in datasetPaths(configStamp: configStamp) where files[path] == nil {
      // A loader input may be a folder inside the site: every file under it counts.
      if !path.hasPrefix("/"), SiteFiles.isDirectory(siteRoot + "/" + path) {
        walk(path, into: &files)
        continue
      }
      let full = path.hasPrefix("/") ? path : siteRoot + "/" + path
      if let stamp = Self.stamp(full) { files[path] = stamp }
    }
    return SiteSnapshot(files: files)
  }

  /// The dataset files of `gen.yml`, read again only when `gen.yml` changed; paths
  /// inside the site are relative to it, others absolute.
  private func datasetPaths(configStamp: FileStamp?) -> [String] {
    lock.lock()
    defer { lock.unlock() }
    if let cached = datasetFiles, cached.config == configStamp { return cached.paths }
    var paths: [String] = []
    if configStamp != nil, let data = SiteFiles.read(siteRoot + "/gen.yml") {
      var ignored = Diagnostics()  // the build reports the config's problems
      let config = SiteConfig.parse(String(decoding: data, as: UTF8.self), path: "gen.yml", into: &ignored)
      for spec in config.datasets {
        // A loader's inputs decide when it runs again: a change to one rebuilds.
        for file in [spec.file] + (spec.loader?.inputs ?? []) {
          let full = file.hasPrefix("/") ? file : siteRoot + "/" + file
          let standard = URL(fileURLWithPath: full).standardizedFileURL.path
          paths.append(
            standard.hasPrefix(siteRoot + "/") ? String(standard.dropFirst(siteRoot.count + 1)) : standard)
        }
      }
    }
    datasetFiles = (configStamp, paths)
    return paths
  }

  /// Adds the stamp of every file under `folder` (relative to the site), following no
  /// links to folders, so a link loop cannot trap the walk.
  private func walk(_ folder: String, into files: inout [String: FileStamp]) {
    let full = siteRoot + "/" + folder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
    for name in names where !name.hasPrefix(".") {
      let relative = folder + "/" + name
      var info = stat()
      guard lstat(full + "/" + name, &info) == 0 else { continue }
      if (info.st_mode & S_IFMT) == S_IFDIR {
        walk(relative, into: &files)
      } else if let stamp = Self.stamp(full + "/" + name) {
        files[relative] = stamp
      }
    }
  }

  /// The stamp of a file (following a symbolic link), or nil when it does not exist.
  static func stamp(_ path: String) -> FileStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    return FileStamp(
      size: Int64(info.st_size), seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec),
      inode: UInt64(info.st_ino))
  }
}
