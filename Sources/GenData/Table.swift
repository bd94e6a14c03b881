import GenCore

/// The type of a dataset column.
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
  case date
  case integer
  case decimal
  case text
}

/// The values of one column, stored column-wise. Missing values (empty cells) are
/// sentinels: `Int32.min` for dates, `Int64.min` for integers, NaN for decimals and
/// `UInt32.max` for text codes. They are never 0.
public enum ColumnStorage: Sendable {
  /// Days since 1970-01-01.
  case date([Int32])
  /// Whole numbers.
  case integer([Int64])
  /// Numbers with a fraction.
  case decimal([Double])
  /// Dictionary-encoded text: each row holds a code into `dictionary`.
  case text(codes: [UInt32], dictionary: [String])
}

/// Sentinels for missing values.
public enum Missing {
  /// A missing date.
  public static let date = Int32.min
  /// A missing integer.
  public static let integer = Int64.min
  /// A missing text code.
  public static let code = UInt32.max
}

/// A named, typed column.
public struct Column: Sendable {
  /// The column's name as in the header.
  public var name: String
  /// The values.
  public var storage: ColumnStorage

  /// Creates a column.
  public init(name: String, storage: ColumnStorage) {
    self.name = name
    self.storage = storage
  }

  /// The column's type.
  public var type: ColumnType {
    switch storage {
    case .date: return .date
    case .integer: return .integer
    case .decimal: return .decimal
    case .text: return .text
    }
  }

  /// Number of rows.
  public var count: Int {
    switch storage {
    case .date(let v): return v.count
    case .integer(let v): return v.count
    case .decimal(let v): return v.count
    case .text(let codes, _): return codes.count
    }
  }

  /// Whether row `i` is missing.
  public func isMissing(_ i: Int) -> Bool {
    switch storage {
    case .date(let v): return v[i] == Missing.date
    case .integer(let v): return v[i] == Missing.integer
    case .decimal(let v): return v[i].isNaN
    case .text(let codes, _): return codes[i] == Missing.code
    }
  }

  /// Row `i` as text (dates as `YYYY-MM-DD`), nil when missing.
  public func string(at i: Int) -> String? {
    if isMissing(i) { return nil }
    switch storage {
    case .date(let v): return Day(index: v[i]).description
    case .integer(let v): return String(v[i])
    case .decimal(let v): return NumberText.plain(v[i])
    case .text(let codes, let dictionary): return dictionary[Int(codes[i])]
    }
  }

  /// Row `i` as a number (integers and decimals), nil when missing or not numeric.
  @inline(__always)
  public func number(at i: Int) -> Double? {
    switch storage {
    case .integer(let v): return v[i] == Missing.integer ? nil : Double(v[i])
    case .decimal(let v): return v[i].isNaN ? nil : v[i]
    default: return nil
    }
  }
}

/// A dataset loaded into memory: columns of equal length.
public struct Table: Sendable {
  /// The dataset's name in the config.
  public var name: String
  /// The file it was loaded from, relative to the site.
  public var path: String
  /// Columns in file order, derived columns appended.
  public var columns: [Column]
  /// Number of rows.
  public var rowCount: Int

  /// Creates a table.
  public init(name: String, path: String, columns: [Column], rowCount: Int) {
    self.name = name
    self.path = path
    self.columns = columns
    self.rowCount = rowCount
  }

  /// Column names in order.
  public var columnNames: [String] { columns.map(\.name) }

  /// The column with a name.
  public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

  /// Replaces or appends a column.
  public mutating func setColumn(_ column: Column) {
    if let i = columns.firstIndex(where: { $0.name == column.name }) {
      columns[i] = column
    } else {
      columns.append(column)
    }
  }
}
