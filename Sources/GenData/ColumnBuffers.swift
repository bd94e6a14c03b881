import GenCore

/// Raw output buffers for one parse, shared by the workers; each worker writes only
/// the rows of its own chunk.
final class ColumnBuffers: @unchecked Sendable {
  let types: [ColumnType]
  let capacity: Int
  var dates: [UnsafeMutablePointer<Int32>?]
  var ints: [UnsafeMutablePointer<Int64>?]
  var doubles: [UnsafeMutablePointer<Double>?]
  var codes: [UnsafeMutablePointer<UInt32>?]

  init(types: [ColumnType], capacity: Int) {
    self.types = types
    self.capacity = capacity
    let n = max(capacity, 1)
    dates = types.map { $0 == .date ? .allocate(capacity: n) : nil }
    ints = types.map { $0 == .integer ? .allocate(capacity: n) : nil }
    doubles = types.map { $0 == .decimal ? .allocate(capacity: n) : nil }
    codes = types.map { $0 == .text ? .allocate(capacity: n) : nil }
  }

  /// Frees the raw values of column `j` once they have been copied out.
  func release(_ j: Int) {
    dates[j]?.deallocate()
    ints[j]?.deallocate()
    doubles[j]?.deallocate()
    codes[j]?.deallocate()
    dates[j] = nil
    ints[j] = nil
    doubles[j] = nil
    codes[j] = nil
  }

  deinit {
    for j in types.indices { release(j) }
  }
}
