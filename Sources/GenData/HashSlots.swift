/// The slot table of an open-addressing hash table (linear probing) whose entries are
/// numbered 0..<n with their hashes kept beside them: shared by ``ByteDictionary`` and
/// ``RollupAccumulator``.
enum HashSlots {
  /// A table of `size` slots (a power of two) holding each entry at its hash's slot or
  /// the next free one; -1 marks a free slot.
  static func rebuilt(_ hashes: [UInt64], size: Int) -> [Int32] {
    var slots = [Int32](repeating: -1, count: size)
    let mask = size - 1
    for (entry, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(entry)
    }
    return slots
  }
}
