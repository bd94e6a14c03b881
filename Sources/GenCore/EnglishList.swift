/// Lists written for people.
public enum EnglishList {
  /// `a`, `a and b`, `a, b and c`.
  public static func joined(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + last
  }

  /// Like ``joined(_:)``, naming at most `limit` items and counting the rest:
  /// `a, b, c and 1,204 more`. Notes stay readable whatever the data holds.
  public static func joined(_ items: [String], limit: Int) -> String {
    guard items.count > limit else { return joined(items) }
    return items.prefix(limit).joined(separator: ", ") + " and "
      + NumberText.grouped(String(items.count - limit)) + " more"
  }

  /// The items without repeats, in the order of their first appearance.
  public static func distinct(_ items: some Sequence<String>) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
  }

  /// How many items a note names before it counts the rest.
  public static let noteLimit = 12

  /// `1 row`, `2 rows`, `1,234 values`: a count with its noun, plural when not one.
  public static func count(_ n: Int, _ noun: String) -> String {
    NumberText.grouped(String(n)) + " " + (n == 1 ? noun : noun + "s")
  }
}
