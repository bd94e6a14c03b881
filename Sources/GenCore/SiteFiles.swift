import Foundation

/// Listing the files of a folder, sorted, without hidden files.
public enum SiteFiles {
  /// Every regular file under `directory` (following no symbolic links out of it), as
  /// (path relative to the folder with `/` separators, full path), sorted by relative path.
  /// Hidden files and folders (starting with `.`) are skipped.
  public static func walk(_ directory: String) -> [(relative: String, full: String)] {
    var out: [(String, String)] = []
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      return []
    }
    func visit(_ relative: String) {
      let full = relative.isEmpty ? directory : directory + "/" + relative
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
      for name in names.sorted() where !name.hasPrefix(".") {
        let childRelative = relative.isEmpty ? name : relative + "/" + name
        let childFull = full + "/" + name
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: childFull),
          let type = attributes[.type] as? FileAttributeType
        else { continue }
        if type == .typeDirectory {
          visit(childRelative)
        } else if type == .typeRegular {
          out.append((childRelative, childFull))
        }
      }
    }
    visit("")
    return out.sorted { $0.0 < $1.0 }
  }

  /// Whether a path is an existing folder.
  public static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
