import CGenSystem
import GenCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file mapped read-only into memory. Pages are read by the kernel as they are
/// touched and can be released once parsed, so a large dataset never sits in memory
/// twice (once as text, once as columns).
public final class MappedFile: @unchecked Sendable {
  /// The bytes of the file (empty for an empty file).
  public let bytes: UnsafeBufferPointer<UInt8>
  private let base: UnsafeMutableRawPointer?
  private let length: Int

  /// Maps a file; throws a message when it cannot be opened.
  public init(path: String) throws(FileError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw FileError(path: path, reason: String(cString: strerror(errno)))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw FileError(path: path, reason: "is a folder") }
    length = Int(info.st_size)
    if length == 0 {
      base = nil
      bytes = UnsafeBufferPointer(start: nil, count: 0)
      return
    }
    let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let mapped, mapped != MAP_FAILED else {
      throw FileError(path: path, reason: String(cString: strerror(errno)))
    }
    base = mapped
    bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
    _ = madvise(mapped, length, Int32(MADV_SEQUENTIAL))
    // A file cut short while it is read is reported by name, not a crash (SIGBUS).
    gen_watch_mapping(mapped, length, path)
  }

  /// Tells the kernel that a parsed range will not be read again, so its pages leave
  /// this process's memory.
  public func release(_ range: Range<Int>) {
    guard let base, !range.isEmpty else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (range.lowerBound / page) * page
    let end = range.upperBound == length ? length : (range.upperBound / page) * page
    guard end > start else { return }
    _ = madvise(base + start, end - start, Int32(MADV_DONTNEED))
  }

  deinit {
    if let base {
      gen_unwatch_mapping(base)
      munmap(base, length)
    }
  }
}

/// A file that could not be read.
public struct FileError: Error, Sendable {
  /// The file.
  public var path: String
  /// Why, from the system.
  public var reason: String
}

extension MappedFile {
  /// Maps a dataset file; nil after reporting, at the file, why it cannot be read.
  static func dataset(path: String, displayPath: String, into diagnostics: inout Diagnostics) -> MappedFile? {
    do {
      return try MappedFile(path: path)
    } catch {
      diagnostics.error(
        "cannot read dataset file: \(error.reason)", at: SourceLocation(path: displayPath),
        hint: "check the 'file:' path in gen.yml")
      return nil
    }
  }
}
