/// Lists written for people.
public enum EnglishList {
  /// `a`, `a and b`, `a, b and c`.
  public static func joined(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + last
  }
}
