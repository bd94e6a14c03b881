import Foundation
import GenCore

/// A binary cache of parsed tables on disk (`.gen-cache/` in the site folder), keyed by
/// a hash of the dataset file's bytes and of how it is read, so that an unchanged large
/// dataset is not parsed again on the next build. Only files of at least `minimumSize`
/// bytes are cached: smaller ones parse faster than they load.
public struct TableCache: Sendable {
  /// Whether the cache is read, written, or both.
  public enum Mode: Sendable {
    /// Use cached tables and store new ones (`gen build`, `gen serve`).
    case readWrite
    /// Use cached tables, never write (`gen check`, `gen metrics` write nothing).
    case readOnly
  }

  /// The cache folder.
  public var directory: String
  /// Read and write, or read only.
  public var mode: Mode
  /// Files smaller than this are always parsed.
  public var minimumSize = 4 << 20

  static let magic = Array("GENTABLE3\n".utf8)

  /// A cache in `directory`.
  public init(directory: String, mode: Mode) {
    self.directory = directory
    self.mode = mode
  }

  /// The cache key of a dataset file: a hash of its bytes and of the reading options.
  func key(file: MappedFile, options: String) -> String {
    var hash = StableHash()
    hash.combine(options)
    let words = FastHash.hash(file.bytes, releasing: file)
    hash.combine(String(words, radix: 16))
    return hash.hex
  }

  /// The cached table for a key, if there is one. An entry whose bytes do not match
  /// the checksum written after them (a damaged or truncated file) is ignored.
  func load(key: String, name: String, path: String) -> Table? {
    let file = directory + "/" + name + "-" + key + ".table"
    guard let mapped = try? MappedFile(path: file), let base = mapped.bytes.baseAddress,
      mapped.bytes.count > TableCache.magic.count + 8
    else { return nil }
    let body = UnsafeBufferPointer(start: base, count: mapped.bytes.count - 8)
    let stored = UInt64(littleEndian: UnsafeRawPointer(base + body.count).loadUnaligned(as: UInt64.self))
    guard FastHash.hash(body) == stored else { return nil }
    var reader = TableBytesReader(bytes: body, file: mapped)
    return reader.table(name: name, path: path)
  }

  /// Stores a table (replacing older entries of the same dataset); failures are ignored:
  /// the cache only saves time. A table is stored the second time the same file is
  /// parsed: the first time only its key is noted, so one-off builds (CI, a changed
  /// dataset) never pay for writing a cache they will not read.
  func store(_ table: Table, key: String) {
    guard mode == .readWrite else { return }
    let fm = FileManager.default
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let seen = directory + "/" + table.name + ".seen"
    if (try? String(contentsOfFile: seen, encoding: .utf8)) != key {
      try? key.write(toFile: seen, atomically: true, encoding: .utf8)
      return
    }
    // `NAME-KEY.table` with a hex key: another dataset's `NAME-other-KEY.table` is kept.
    for old in (try? fm.contentsOfDirectory(atPath: directory)) ?? []
    where old.hasPrefix(table.name + "-") && old.hasSuffix(".table")
      && !old.dropFirst(table.name.count + 1).dropLast(".table".count).contains("-")
    {
      try? fm.removeItem(atPath: directory + "/" + old)
    }
    let final = directory + "/" + table.name + "-" + key + ".table"
    let temporary = final + ".tmp-\(getpid())"
    guard fm.createFile(atPath: temporary, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary)
    else {
      return
    }
    var ok = true
    TableBytesWriter.write(table) { chunk in
      if ok { ok = (try? handle.write(contentsOf: chunk)) != nil }
    }
    try? handle.close()
    // The checksum of everything written, appended last.
    if ok, let written = try? MappedFile(path: temporary) {
      let sum = FastHash.hash(written.bytes).littleEndian
      if let append = FileHandle(forWritingAtPath: temporary) {
        ok =
          (try? append.seekToEnd()) != nil
          && (try? append.write(contentsOf: withUnsafeBytes(of: sum) { Data($0) })) != nil
        try? append.close()
      } else {
        ok = false
      }
    } else {
      ok = false
    }
    if !ok || rename(temporary, final) != 0 { try? fm.removeItem(atPath: temporary) }
  }
}

/// A fast 64-bit hash of large byte buffers (8 bytes a step, chunks in parallel).
enum FastHash {
  /// Hashes `bytes`; pages of `file` are released as they are hashed.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, releasing file: MappedFile? = nil) -> UInt64 {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
    let chunk = 8 << 20
    let count = bytes.count
    let parts = (count + chunk - 1) / chunk
    let address = UInt(bitPattern: base)
    let hashes = parallelMap(Array(0..<parts)) { k -> UInt64 in
      let start = UnsafePointer<UInt8>(bitPattern: address)! + k * chunk
      let n = min(chunk, count - k * chunk)
      var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
      var i = 0
      while i + 8 <= n {
        let w = UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)
        h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        i += 8
      }
      while i < n {
        h = (h ^ UInt64(start[i])) &* 0x100_0000_01B3
        i += 1
      }
      file?.release((k * chunk)..<(k * chunk + n))
      return h
    }
    return hashes.reduce(UInt64(count)) { ($0 ^ $1) &* 0x94D0_49BB_1331_11EB }
  }
}

/// Writes a table as bytes: a header, then each column's values and dictionary, handed
/// over in pieces (one column's values at a time) so the table is never copied whole.
enum TableBytesWriter {
  static func write(_ table: Table, to sink: (Data) -> Void) {
    var out = Data(TableCache.magic)
    func flush() {
      sink(out)
      out = Data()
    }
    func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    func string(_ s: String) {
      let bytes = Array(s.utf8)
      u64(UInt64(bytes.count))
      out.append(contentsOf: bytes)
    }
    func array<T>(_ values: [T]) {
      flush()
      values.withUnsafeBytes {
        sink(
          Data(
            bytesNoCopy: UnsafeMutableRawPointer(
              mutating: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!), count: $0.count,
            deallocator: .none))
      }
    }
    u64(UInt64(table.rowCount))
    u64(UInt64(table.columns.count))
    for column in table.columns {
      string(column.name)
      switch column.storage {
      case .date(let v):
        u64(0)
        array(v)
      case .integer(let v):
        u64(1)
        array(v)
      case .decimal(let v):
        u64(2)
        array(v)
      case .text(let codes, let dictionary):
        u64(3)
        array(codes)
        u64(UInt64(dictionary.count))
        for s in dictionary { string(s) }
      }
    }
    flush()
  }
}

/// Reads the bytes written by `TableBytesWriter`; nil for anything malformed.
struct TableBytesReader {
  let bytes: UnsafeBufferPointer<UInt8>
  /// The mapped file, whose pages are released once copied.
  let file: MappedFile?
  var offset = 0

  init(bytes: UnsafeBufferPointer<UInt8>, file: MappedFile? = nil) {
    self.bytes = bytes
    self.file = file
  }

  mutating func u64() -> UInt64? {
    guard offset + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
    let v = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    offset += 8
    return UInt64(littleEndian: v)
  }

  mutating func string() -> String? {
    guard let n = u64().map(Int.init), n >= 0, offset + n <= bytes.count, let base = bytes.baseAddress else {
      return nil
    }
    let s = String(decoding: UnsafeBufferPointer(start: base + offset, count: n), as: UTF8.self)
    offset += n
    return s
  }

  mutating func array<T>(_ count: Int, of: T.Type) -> [T]? {
    let size = count * MemoryLayout<T>.stride
    guard size >= 0, offset + size <= bytes.count, let base = bytes.baseAddress else { return nil }
    let start = offset
    offset += size
    let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      if size > 0 { memcpy(buffer.baseAddress!, base + start, size) }
      initialized = count
    }
    file?.release(start..<(start + size))
    return values
  }

  mutating func table(name: String, path: String) -> Table? {
    guard bytes.count >= TableCache.magic.count,
      Array(bytes.prefix(TableCache.magic.count)) == TableCache.magic
    else { return nil }
    offset = TableCache.magic.count
    guard let rows = u64().map(Int.init), let columnCount = u64().map(Int.init), columnCount < 100_000 else {
      return nil
    }
    var columns: [Column] = []
    for _ in 0..<columnCount {
      guard let columnName = string(), let type = u64() else { return nil }
      switch type {
      case 0:
        guard let v = array(rows, of: Int32.self) else { return nil }
        columns.append(Column(name: columnName, storage: .date(v)))
      case 1:
        guard let v = array(rows, of: Int64.self) else { return nil }
        columns.append(Column(name: columnName, storage: .integer(v)))
      case 2:
        guard let v = array(rows, of: Double.self) else { return nil }
        columns.append(Column(name: columnName, storage: .decimal(v)))
      case 3:
        guard let codes = array(rows, of: UInt32.self), let n = u64().map(Int.init), n < 1 << 32 else {
          return nil
        }
        var dictionary: [String] = []
        dictionary.reserveCapacity(n)
        for _ in 0..<n {
          guard let s = string() else { return nil }
          dictionary.append(s)
        }
        guard codes.allSatisfy({ $0 == Missing.code || Int($0) < n }) else { return nil }
        columns.append(Column(name: columnName, storage: .text(codes: codes, dictionary: dictionary)))
      default: return nil
      }
    }
    return Table(name: name, path: path, columns: columns, rowCount: rows)
  }
}
