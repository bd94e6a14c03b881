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

/// Maps over a collection on every core, each task reporting problems into a sink of
/// its own (``Diagnostics/forTask()``); the sinks are merged into `diagnostics` in input
/// order, so the problems come out the same whatever the scheduling.
public func parallelMap<T: Sendable, R: Sendable>(
  _ items: [T], reportingInto diagnostics: inout Diagnostics,
  _ transform: @Sendable (T, inout Diagnostics) -> R
) -> [R] {
  let base = diagnostics
  let results = parallelMap(items) { item -> (R, Diagnostics) in
    var task = base.forTask()
    let result = transform(item, &task)
    return (result, task)
  }
  for (_, task) in results { diagnostics.merge(task) }
  return results.map(\.0)
}

/// Storage written by exactly one worker per slot, read after all workers finished.
///
/// The slots are raw memory allocated once: workers write through the pointer only.
/// (An array written with `withUnsafeMutableBufferPointer` from several threads lost
/// results: that call swaps the array's storage out for its duration, so concurrent
/// calls race, and a result came back missing about once in forty builds.)
private final class ResultSlots<R>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<R?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  func set(_ i: Int, _ value: R) {
    precondition(i >= 0 && i < count)
    slots[i] = value
  }

  func values() -> [R] {
    (0..<count).map { i in
      guard let value = slots[i] else { preconditionFailure("parallelMap: no result for item \(i)") }
      return value
    }
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }
}
