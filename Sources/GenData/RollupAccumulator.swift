import GenCore

/// A rollup being built: a hash table from (day, key codes) to a row of aggregates — the
/// row count, and per measure its whole-number sum, its floating sum (compensated, so
/// the order rows arrive in hardly matters), how many rows had a value, and per extreme
/// column its lowest and highest value. Each reader (a core reading CSV chunks, a SQL
/// result) fills its own; key codes are its own dictionaries' until the rollup is
/// assembled. Memory follows the number of distinct rows, not of rows read.
struct RollupAccumulator {
  let keyCount: Int
  let measureCount: Int
  let extremeCount: Int
  /// One dictionary per key column: raw cell bytes to this accumulator's codes.
  var dictionaries: [ByteDictionary]
  /// Per row: the day (its bits; `Missing.date` without one) then each key code.
  private(set) var rowKeys: [UInt32] = []
  private(set) var counts: [Int64] = []
  private(set) var wholeSums: [Int64] = []
  private(set) var sums: [Double] = []
  private(set) var compensations: [Double] = []
  private(set) var present: [Int64] = []
  private(set) var minimums: [Double] = []
  private(set) var maximums: [Double] = []
  /// Per measure: whether every value was a whole number, and whether the whole sum overflowed.
  private(set) var wholeNumbers: [Bool]
  private(set) var overflowed: [Bool]
  private var slots: [Int32]
  private var hashes: [UInt64] = []
  private var mask: Int
  private var lastRow = -1

  init(keys: Int, measures: Int, extremes: Int) {
    keyCount = keys
    measureCount = measures
    extremeCount = extremes
    dictionaries = (0..<keys).map { _ in ByteDictionary() }
    wholeNumbers = Array(repeating: true, count: measures)
    overflowed = Array(repeating: false, count: measures)
    slots = Array(repeating: -1, count: 1024)
    mask = 1023
  }

  var rowCount: Int { counts.count }
  var width: Int { keyCount + 1 }

  /// The code of a key cell, recording where a new value was first seen.
  @inline(__always)
  mutating func code(key k: Int, _ p: UnsafePointer<UInt8>, _ n: Int, offset: Int) -> UInt32 {
    if n == 0 { return Missing.code }
    return dictionaries[k].code(p, n, offset: offset)
  }

  /// The row for a day and key codes (`key` holds the day's bits, then the codes),
  /// added with empty aggregates when new.
  @inline(__always)
  mutating func row(_ key: UnsafeBufferPointer<UInt32>) -> Int {
    let w = width
    // Sorted sources repeat a row's key record after record.
    if lastRow >= 0, sameKey(lastRow, key) { return lastRow }
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15
    for k in 0..<w {
      h = (h ^ UInt64(key[k])) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
    }
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = slots[slot]
      if entry < 0 { break }
      let r = Int(entry)
      if hashes[r] == h, sameKey(r, key) {
        lastRow = r
        return r
      }
      slot = (slot + 1) & mask
    }
    let r = counts.count
    rowKeys.append(contentsOf: key)
    hashes.append(h)
    counts.append(0)
    wholeSums.append(contentsOf: repeatElement(0, count: measureCount))
    sums.append(contentsOf: repeatElement(0, count: measureCount))
    compensations.append(contentsOf: repeatElement(0, count: measureCount))
    present.append(contentsOf: repeatElement(0, count: measureCount))
    minimums.append(contentsOf: repeatElement(.infinity, count: extremeCount))
    maximums.append(contentsOf: repeatElement(-.infinity, count: extremeCount))
    slots[slot] = Int32(r)
    if counts.count * 2 > slots.count { grow() }
    lastRow = r
    return r
  }

  /// Whether row `r` has the key `key` (a few words: compared inline, not by `memcmp`).
  @inline(__always)
  private func sameKey(_ r: Int, _ key: UnsafeBufferPointer<UInt32>) -> Bool {
    rowKeys.withUnsafeBufferPointer { keys in
      let w = width
      let start = keys.baseAddress! + r * w
      for k in 0..<w where start[k] != key[k] { return false }
      return true
    }
  }

  /// Adds rows read (one for a CSV record, the group's count for a SQL result).
  @inline(__always)
  mutating func addCount(_ row: Int, _ n: Int64) { counts[row] += n }

  /// Adds values of a measure: their sum (`whole` when every one was a whole number)
  /// and how many rows had one.
  @inline(__always)
  mutating func addSum(_ row: Int, measure m: Int, whole: Int64?, value: Double, present n: Int64) {
    let i = row * measureCount + m
    present[i] += n
    if let whole {
      let (total, overflow) = wholeSums[i].addingReportingOverflow(whole)
      wholeSums[i] = total
      if overflow { overflowed[m] = true }
    } else {
      wholeNumbers[m] = false
    }
    // Neumaier's compensated sum.
    let s = sums[i]
    let t = s + value
    compensations[i] += abs(s) >= abs(value) ? (s - t) + value : (value - t) + s
    sums[i] = t
  }

  /// Adds a lowest and highest value of an extreme column.
  @inline(__always)
  mutating func addExtreme(_ row: Int, extreme e: Int, low: Double, high: Double) {
    let i = row * extremeCount + e
    if low < minimums[i] { minimums[i] = low }
    if high > maximums[i] { maximums[i] = high }
  }

  /// Adds row `r` of another accumulator (with the same measures and extremes) to `row`.
  mutating func absorb(_ other: RollupAccumulator, row r: Int, into row: Int) {
    counts[row] += other.counts[r]
    for m in 0..<measureCount {
      let j = r * measureCount + m
      guard other.present[j] > 0 else {
        if !other.wholeNumbers[m] { wholeNumbers[m] = false }
        if other.overflowed[m] { overflowed[m] = true }
        continue
      }
      addSum(
        row, measure: m, whole: other.isWhole(m) ? other.wholeSums[j] : nil, value: other.sum(r, measure: m),
        present: other.present[j])
    }
    for e in 0..<extremeCount {
      addExtreme(row, extreme: e, low: other.minimum(r, extreme: e), high: other.maximum(r, extreme: e))
    }
  }

  /// The day and key codes of a row.
  func key(of row: Int) -> ArraySlice<UInt32> { rowKeys[(row * width)..<((row + 1) * width)] }

  /// The final sum of a measure in a row: whole when exact, else the compensated sum.
  func sum(_ row: Int, measure m: Int) -> Double {
    let i = row * measureCount + m
    return sums[i] + compensations[i]
  }

  func countOf(_ row: Int) -> Int64 { counts[row] }
  func wholeSum(_ row: Int, measure m: Int) -> Int64 { wholeSums[row * measureCount + m] }
  func presentCount(_ row: Int, measure m: Int) -> Int64 { present[row * measureCount + m] }
  func minimum(_ row: Int, extreme e: Int) -> Double { minimums[row * extremeCount + e] }
  func maximum(_ row: Int, extreme e: Int) -> Double { maximums[row * extremeCount + e] }

  /// Whether a measure can be kept as whole numbers (every value whole, no overflow).
  func isWhole(_ m: Int) -> Bool { wholeNumbers[m] && !overflowed[m] }

  private mutating func grow() {
    slots = HashSlots.rebuilt(hashes, size: slots.count * 2)
    mask = slots.count - 1
  }

}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
