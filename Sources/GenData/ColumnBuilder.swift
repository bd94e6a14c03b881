import GenCore

/// Builds typed columns from text cells (JSON values, derived columns).
public enum ColumnBuilder {
  /// A cell that does not fit the column's declared type.
  public struct BadCell: Error, Sendable {
    /// Row index (0-based).
    public var row: Int
    /// The cell's text.
    public var text: String
    /// The type it should have had.
    public var type: ColumnType
  }

  /// Builds a column; the type is `declared`, or the narrowest that holds every cell.
  /// `days` reads a date cell (text, row) to its day, when dates need more than `Day(iso:)`.
  static func build(
    name: String, cells: [String?], declared: ColumnType?, days: ((String, Int) -> Int32?)? = nil
  ) throws(BadCell) -> Column {
    var type = declared ?? .integer
    if declared == nil {
      var seen: ColumnType?
      for cell in cells {
        guard let cell, !cell.isEmpty else { continue }
        let t = TypeInference.type(of: cell)
        seen = seen.map { TypeInference.join($0, t) } ?? t
        if seen == .text { break }
      }
      type = seen ?? .text
    }
    switch type {
    case .text:
      var index: [String: UInt32] = [:]
      var dictionary: [String] = []
      let codes: [UInt32] = cells.map { cell in
        guard let cell, !cell.isEmpty else { return Missing.code }
        if let c = index[cell] { return c }
        let c = UInt32(dictionary.count)
        dictionary.append(cell)
        index[cell] = c
        return c
      }
      return Column(name: name, storage: .text(codes: codes, dictionary: dictionary))
    case .integer:
      var values: [Int64] = []
      values.reserveCapacity(cells.count)
      for (row, cell) in cells.enumerated() {
        guard let cell, !cell.isEmpty else {
          values.append(Missing.integer)
          continue
        }
        guard let v = parse(cell, FastNumber.integer) else { throw BadCell(row: row, text: cell, type: type) }
        values.append(v)
      }
      return Column(name: name, storage: .integer(values))
    case .decimal:
      var values: [Double] = []
      values.reserveCapacity(cells.count)
      for (row, cell) in cells.enumerated() {
        guard let cell, !cell.isEmpty else {
          values.append(.nan)
          continue
        }
        guard let v = parse(cell, FastNumber.decimal) else { throw BadCell(row: row, text: cell, type: type) }
        values.append(v)
      }
      return Column(name: name, storage: .decimal(values))
    case .date:
      var values: [Int32] = []
      values.reserveCapacity(cells.count)
      for (row, cell) in cells.enumerated() {
        guard let cell, !cell.isEmpty else {
          values.append(Missing.date)
          continue
        }
        guard let d = days.map({ $0(cell, row) }) ?? Day(iso: cell)?.index else {
          throw BadCell(row: row, text: cell, type: type)
        }
        values.append(d)
      }
      return Column(name: name, storage: .date(values))
    }
  }

  private static func parse<T>(_ text: String, _ f: (UnsafePointer<UInt8>, Int) -> T?) -> T? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { b in f(UnsafePointer(b.baseAddress!), b.count) }
  }
}
