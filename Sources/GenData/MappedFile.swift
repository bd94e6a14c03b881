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
  /// The open file (kept so that a later ``changedSinceMapped`` asks about this file,
  /// not whatever has taken its name since).
  private let descriptor: Int32
  /// Size and modification time when mapped.
  private let mappedState: FileState

  /// Maps a file; throws a message when it cannot be opened.
  public init(path: String) throws(FileError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw FileError(path: path, reason: reason)
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw FileError(path: path, reason: "is a folder")
    }
    descriptor = fd
    mappedState = FileState(info)
    length = Int(info.st_size)
    if length == 0 {
      base = nil
      bytes = UnsafeBufferPointer(start: nil, count: 0)
      return
    }
    let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let mapped, mapped != MAP_FAILED else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw FileError(path: path, reason: reason)
    }
    base = mapped
    bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
    _ = madvise(mapped, length, Int32(MADV_SEQUENTIAL))
    // A file cut short while it is read: its lost pages read as zeros instead of raising
    // SIGBUS, and `changedSinceMapped` says so.
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

  /// Whether the file has been written to since it was mapped (its size or modification
  /// time differ, or it shrank under the mapping): what was read may mix old and new bytes. A file replaced by renaming
  /// another over it is not changed: the mapping still holds the old file, whole.
  public var changedSinceMapped: Bool {
    if let base, gen_mapping_was_cut(base) != 0 { return true }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return true }
    return FileState(info) != mappedState
  }

  deinit {
    if let base {
      gen_unwatch_mapping(base)
      munmap(base, length)
    }
    close(descriptor)
  }
}

/// What tells that a file was written to: its size and modification time.
private struct FileState: Equatable {
  var size: Int
  var seconds: Int
  var nanoseconds: Int

  init(_ info: stat) {
    size = Int(info.st_size)
    #if canImport(Darwin)
      seconds = Int(info.st_mtimespec.tv_sec)
      nanoseconds = Int(info.st_mtimespec.tv_nsec)
    #else
      seconds = Int(info.st_mtim.tv_sec)
      nanoseconds = Int(info.st_mtim.tv_nsec)
    #endif
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
  /// Maps a dataset file and reads it with `read`; nil after reporting why it cannot be
  /// read. A file written to while it was read is an error of its own (the problems
  /// found in the mixed bytes are dropped: they would mislead).
  static func readDataset<T>(
    path: String, displayPath: String, into diagnostics: inout Diagnostics,
    _ read: (MappedFile, inout Diagnostics) -> T?
  ) -> T? {
    let file: MappedFile
    do {
      file = try MappedFile(path: path)
    } catch {
      diagnostics.error(
        "cannot read dataset file: \(error.reason)", at: SourceLocation(path: displayPath),
        hint: "check the 'file:' path in gen.yml")
      return nil
    }
    var problems = diagnostics.forTask()
    let result = read(file, &problems)
    if file.changedSinceMapped {
      diagnostics.error(
        "dataset file changed while gen read it", at: SourceLocation(path: displayPath),
        hint: "build again once the program writing it has finished; "
          + "writing to a temporary file and renaming it into place avoids this")
      return nil
    }
    diagnostics.merge(problems)
    return result
  }
}
