import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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

  /// The bytes of a file; nil when it cannot be read (missing, a folder, no permission).
  /// gen reads files with this rather than `FileManager.contents(atPath:)`, which in
  /// swift-foundation keeps 4 KB of every empty file it reads (found by fuzzing with
  /// LeakSanitizer; `gen serve` reads the site again on every rebuild).
  public static func read(_ path: String) -> Data? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    // The size is a hint: a file that grows or shrinks meanwhile is read to its end.
    var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
    var count = 0
    while true {
      if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
      #if canImport(Glibc)
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
      #else
        let n = bytes.withUnsafeMutableBytes { Darwin.read(fd, $0.baseAddress! + count, $0.count - count) }
      #endif
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      count += n
    }
    return Data(bytes[0..<count])
  }

  /// Whether a path is an existing folder.
  public static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
