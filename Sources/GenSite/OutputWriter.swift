import CGenSystem
import Foundation
import GenCore

#if canImport(Glibc)
  import Glibc
#endif

/// Step 5: writes the built site into a temporary folder beside the output, then
/// swaps it in. A failure leaves the previous output exactly as it was; files whose
/// bytes did not change keep their modification time (they are hard-linked from the
/// previous output).
public enum OutputWriter {
  /// What went wrong while writing.
  public struct WriteError: Error, CustomStringConvertible {
    /// Explanation for people.
    public var description: String
  }

  /// Counts of a write.
  public struct Summary: Sendable {
    /// Files written anew.
    public var written = 0
    /// Files kept from the previous output (same bytes, same modification time).
    public var unchanged = 0
  }

  /// Writes `output` to `directory`, replacing what was there.
  @discardableResult
  public static func write(_ output: SiteOutput, to directory: String, siteRoot: String) throws(WriteError)
    -> Summary
  {
    let fm = FileManager.default
    let target = URL(fileURLWithPath: directory).standardizedFileURL.path
    try checkSafe(target, siteRoot: siteRoot)
    let parent = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    let temporary = parent + "/.\(name).tmp-\(getpid())"
    do {
      try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
      if fm.fileExists(atPath: temporary) { try fm.removeItem(atPath: temporary) }
      try fm.createDirectory(atPath: temporary, withIntermediateDirectories: false)
    } catch {
      throw WriteError(description: "cannot create \(temporary): \(error.localizedDescription)")
    }
    var summary = Summary()
    do {
      var madeFolders = Set<String>()
      func prepare(_ path: String) throws -> String {
        let full = temporary + "/" + path
        let folder = (full as NSString).deletingLastPathComponent
        if madeFolders.insert(folder).inserted {
          try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        return full
      }
      for path in output.files.keys.sorted() {
        let bytes = output.files[path]!
        let destination = try prepare(path)
        let previous = target + "/" + path
        if let old = fm.contents(atPath: previous), old.count == bytes.count, Array(old) == bytes,
          link(previous, destination) == 0
        {
          summary.unchanged += 1
          continue
        }
        guard fm.createFile(atPath: destination, contents: Data(bytes)) else {
          throw WriteError(description: "cannot write \(destination)")
        }
        summary.written += 1
      }
      for path in output.copies.keys.sorted() {
        let source = output.copies[path]!
        let destination = try prepare(path)
        let previous = target + "/" + path
        if fm.contentsEqual(atPath: source, andPath: previous), link(previous, destination) == 0 {
          summary.unchanged += 1
          continue
        }
        try fm.copyItem(atPath: source, toPath: destination)
        summary.written += 1
      }
    } catch let error as WriteError {
      try? fm.removeItem(atPath: temporary)
      throw error
    } catch {
      try? fm.removeItem(atPath: temporary)
      throw WriteError(description: "cannot write the site: \(error.localizedDescription)")
    }
    // Swap the new folder in.
    if fm.fileExists(atPath: target) {
      if gen_exchange_paths(temporary, target) == 0 {
        try? fm.removeItem(atPath: temporary)
      } else {
        let old = parent + "/.\(name).old-\(getpid())"
        guard rename(target, old) == 0 else {
          try? fm.removeItem(atPath: temporary)
          throw WriteError(description: "cannot replace \(target): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, target) == 0 else {
          _ = rename(old, target)
          try? fm.removeItem(atPath: temporary)
          throw WriteError(description: "cannot replace \(target): \(String(cString: strerror(errno)))")
        }
        try? fm.removeItem(atPath: old)
      }
    } else if rename(temporary, target) != 0 {
      try? fm.removeItem(atPath: temporary)
      throw WriteError(description: "cannot create \(target): \(String(cString: strerror(errno)))")
    }
    return summary
  }

  /// Refuses to replace a folder that is not a gen output: the site itself, one of its
  /// source folders, a folder holding them, or a non-empty folder without `index.html`.
  static func checkSafe(_ target: String, siteRoot: String) throws(WriteError) {
    let fm = FileManager.default
    let root = URL(fileURLWithPath: siteRoot).standardizedFileURL.path
    for source in [root, root + "/content", root + "/templates"]
    where source == target || source.hasPrefix(target + "/") || target == "/" {
      throw WriteError(description: "refusing to write the site into \(target): it holds the site's sources")
    }
    if target.hasPrefix(root + "/content/") || target.hasPrefix(root + "/templates/") {
      throw WriteError(description: "refusing to write the site into \(target), inside the site's sources")
    }
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw WriteError(description: "\(target) exists and is not a folder")
      }
      let entries = (try? fm.contentsOfDirectory(atPath: target)) ?? []
      if !entries.isEmpty, !entries.contains("index.html") {
        throw WriteError(
          description:
            "refusing to replace \(target): it is not empty and does not look like a built site (no index.html); remove it or choose another --out"
        )
      }
    }
  }
}
