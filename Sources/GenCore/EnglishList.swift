/// Lists written for people.
public enum EnglishList {
  /// `a`, `a and b`, `a, b and c`.
  public static func joined(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + last
  }

  /// `1 row`, `2 rows`, `1,234 values`: a count with its noun, plural when not one.
  public static func count(_ n: Int, _ noun: String) -> String {
    NumberText.grouped(String(n)) + " " + (n == 1 ? noun : noun + "s")
  }
}
