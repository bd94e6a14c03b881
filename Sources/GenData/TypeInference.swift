import GenCore

/// Column types from values: the narrowest of date, integer, decimal, text that
/// holds every non-empty value.
public enum TypeInference {
  /// The narrowest type of one value.
  public static func type(of text: String) -> ColumnType {
    var bytes = Array(text.utf8)
    if bytes.isEmpty { return .integer }
    return bytes.withUnsafeMutableBufferPointer { b in
      let p = UnsafePointer(b.baseAddress!)
      if FastNumber.integer(p, b.count) != nil { return .integer }
      if FastNumber.decimal(p, b.count) != nil { return .decimal }
      if Day.parse(UnsafeBufferPointer(b)) != nil { return .date }
      return .text
    }
  }

  /// The narrowest type holding values of both types.
  public static func join(_ a: ColumnType, _ b: ColumnType) -> ColumnType {
    if a == b { return a }
    switch (a, b) {
    case (.integer, .decimal), (.decimal, .integer): return .decimal
    default: return .text
    }
  }

  /// The type a column of type `current` must become to also hold `text`.
  static func widen(_ current: ColumnType, toFit text: String) -> ColumnType {
    join(current, type(of: text))
  }
}
