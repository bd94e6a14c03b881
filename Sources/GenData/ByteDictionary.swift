/// An open-addressing hash table from byte strings to dense codes, used to
/// dictionary-encode text columns without creating a `String` per cell.
struct ByteDictionary {
  private(set) var arena: [UInt8] = []
  private(set) var offsets: [Int] = []
  private(set) var lengths: [Int] = []
  /// Per code: the byte offset of the source where it was first read (-1: not known).
  private(set) var firstOffsets: [Int] = []
  private var hashes: [UInt64] = []
  private var slots: [Int32]
  private var mask: Int
  private var lastCode: UInt32 = UInt32.max
  private var lastHash: UInt64 = 0

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// Number of distinct strings.
  var count: Int { offsets.count }

  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(n)
    var i = 0
    while i + 8 <= n {
      let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
      h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
      i += 8
    }
    while i < n {
      h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3
      i += 1
    }
    h ^= h >> 32
    return h
  }

  /// The code for a byte string, adding it when new.
  @inline(__always)
  mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    code(p, n, offset: -1)
  }

  /// The code for a byte string, adding it when new with the byte offset of the source
  /// where it was first read (see `firstOffsets`).
  @inline(__always)
  mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int) -> UInt32 {
    // Runs of equal values are common in sorted data: check the last code first.
    if lastCode != UInt32.max, lengths[Int(lastCode)] == n, equal(Int(lastCode), p, n) {
      return lastCode
    }
    let h = ByteDictionary.hash(p, n)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = slots[slot]
      if entry < 0 { break }
      let e = Int(entry)
      if hashes[e] == h, lengths[e] == n, equal(e, p, n) {
        lastCode = UInt32(e)
        return lastCode
      }
      slot = (slot + 1) & mask
    }
    let code = offsets.count
    offsets.append(arena.count)
    lengths.append(n)
    hashes.append(h)
    firstOffsets.append(offset)
    arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    slots[slot] = Int32(code)
    if offsets.count * 2 > slots.count { grow() }
    lastCode = UInt32(code)
    return lastCode
  }

  @inline(__always)
  private func equal(_ e: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    arena.withUnsafeBufferPointer { a in
      n == 0 || memcmp(a.baseAddress! + offsets[e], p, n) == 0
    }
  }

  private mutating func grow() {
    slots = HashSlots.rebuilt(hashes, size: slots.count * 2)
    mask = slots.count - 1
  }

  /// The strings in code order.
  func strings() -> [String] {
    arena.withUnsafeBufferPointer { a in
      (0..<offsets.count).map { e in
        String(
          decoding: UnsafeBufferPointer(rebasing: a[offsets[e]..<(offsets[e] + lengths[e])]), as: UTF8.self)
      }
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
