/// "Did you mean" suggestions for misspelt names.
public enum Suggestion {
  /// The candidate closest to `name` by edit distance, when it is close enough to be
  /// a likely typo (at most a third of the name's length, and at most 3 edits).
  public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
        best = (candidate, distance)
      }
    }
    guard let (candidate, distance) = best else { return nil }
    let limit = min(3, max(1, target.count / 3))
    return distance <= limit ? candidate : nil
  }

  /// `did you mean 'x'?` for the closest candidate, or nil.
  public static func hint(for name: String, in candidates: some Sequence<String>) -> String? {
    closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
  }

  /// `did you mean 'x'?` when a candidate is close, otherwise a list of what is allowed.
  public static func hintOrList(for name: String, in candidates: [String], noun: String) -> String {
    if let hint = hint(for: name, in: candidates) { return hint }
    let sorted = candidates.sorted()
    let shown = sorted.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
    let more = sorted.count > 12 ? ", …" : ""
    return sorted.isEmpty ? "there are no \(noun)s" : "known \(noun)s: \(shown)\(more)"
  }

  /// Levenshtein distance where swapping two adjacent characters counts as one edit.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
