/// A 64-bit FNV-1a hash: stable across runs and machines (unlike `Hasher`), used
/// for content-hashed asset names, cache keys and deterministic ids.
public struct StableHash: Sendable {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  /// A fresh hash.
  public init() {}

  /// Feeds bytes.
  public mutating func combine(_ bytes: some Sequence<UInt8>) {
    for b in bytes {
      state ^= UInt64(b)
      state &*= 0x100_0000_01b3
    }
  }

  /// Feeds a string's UTF-8 bytes and a separator.
  public mutating func combine(_ string: String) {
    combine(string.utf8)
    combine(CollectionOfOne(0xFF))
  }

  /// The hash value.
  public var value: UInt64 { state }

  /// The hash as 16 lowercase hex digits.
  public var hex: String {
    let s = String(state, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }

  /// The hex hash of some bytes.
  public static func hex(of bytes: some Sequence<UInt8>) -> String {
    var h = StableHash()
    h.combine(bytes)
    return h.hex
  }
}
