import GenCore
import Testing

/// `parallelMap`, which pages, charts and dataset chunks run through.
struct ParallelTests {
  /// Found by the kill -9 fault test: results were written into an array through
  /// `withUnsafeMutableBufferPointer` from several threads at once, which swaps the
  /// array's storage out while it runs, so results went missing (a crash about once in
  /// forty builds). Many short maps make the race show within this test.
  @Test func keepsEveryResultInOrder() {
    for round in 0..<200 {
      let items = Array(0..<(5_000 + round))
      let mapped = parallelMap(items) { $0 * 3 + 1 }
      #expect(mapped == items.map { $0 * 3 + 1 }, "round \(round)")
    }
  }

  @Test func keepsResultsThatHoldReferences() {
    for _ in 0..<100 {
      let mapped = parallelMap(Array(0..<200)) { i in [String(i), String(i * 2)] }
      #expect(mapped.count == 200 && mapped[199] == ["199", "398"])
    }
  }
}
