import Dispatch

/// Maps over a collection on every core, keeping the input order in the output.
/// Used for pages, charts and dataset chunks; the transform must not share mutable state.
public func parallelMap<T: Sendable, R: Sendable>(
  _ items: [T], _ transform: @Sendable (T) -> R
) -> [R] {
  if items.count <= 1 { return items.map(transform) }
  let results = ResultSlots<R>(count: items.count)
  DispatchQueue.concurrentPerform(iterations: items.count) { i in
    results.set(i, transform(items[i]))
  }
  return results.values()
}

/// Storage written by exactly one worker per slot, read after all workers finished.
private final class ResultSlots<R>: @unchecked Sendable {
  private var slots: [R?]
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ value: R) {
    slots.withUnsafeMutableBufferPointer { $0[i] = value }
  }
  func values() -> [R] { slots.map { $0! } }
}
