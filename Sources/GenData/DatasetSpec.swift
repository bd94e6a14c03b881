import GenCore

/// A dataset as declared under `datasets:` in `gen.yml`.
public struct DatasetSpec: Sendable {
  /// File formats gen reads.
  public enum Format: String, Sendable, CaseIterable {
    case csv
    case tsv
    case json
  }

  /// A PostgreSQL source: a table (or view) or a query used as a subquery.
  public enum PostgresSource: Sendable, Hashable {
    /// `postgres: { table: analytics.usage }`: `schema.table` or `table`.
    case table(String)
    /// `postgres: { query: "SELECT ..." }`.
    case query(String)
  }

  /// `command:` and its options: a program run with the site folder as working folder.
  public struct Loader: Sendable, Hashable {
    /// The program and its arguments.
    public var command: [String]
    /// Files and folders whose bytes decide whether its cached output is still good.
    public var inputs: [String]
    /// Environment variables whose values decide it too.
    public var environment: [String]
    /// Stop it after this many seconds.
    public var timeout: Double
  }

  /// A column computed from others after loading.
  public enum Derived: Sendable {
    /// `origin: { lookup: authors, key: [model_slug, author], value: country, default: Unknown }`.
    case lookup(Lookup)
    /// `author: { from: model_permaslug, before: "/" }` (or `after:`): a part of a text column.
    case part(from: String, separator: String, before: Bool)
    /// `date: { date: [year, month, day] }`: a date from the columns of its parts (the day
    /// of month left out: the first).
    case date(parts: [String])
    /// `delay_gain: { expr: "dep_delay - arr_delay" }`: arithmetic on other columns.
    case expression(ColumnExpression, text: String)
  }

  /// A column looked up in another dataset by key.
  public struct Lookup: Sendable, Hashable {
    /// The dataset looked in.
    public var dataset: String
    /// This dataset's columns tried in order against the lookup dataset's `key:`.
    public var keys: [String]
    /// The lookup dataset's column whose value is taken.
    public var value: String
    /// The value of rows without a match (missing without one).
    public var defaultValue: String?
    /// Extra key → value pairs, tried before the lookup dataset; `""` is a missing key.
    public var values: [String: String] = [:]
    /// The type of the values (`type: integer` makes them summable); nil: text.
    public var type: ColumnType?
    /// Unmatched keys that need no warning: all of them (`unmatched: ok`), or those listed.
    public var accepted: Accepted = .none

    /// Which unmatched keys are expected.
    public enum Accepted: Sendable, Hashable {
      case none
      case all
      case listed(Set<String>)
    }
  }

  /// A derived column with its name and place in the config.
  public struct DerivedColumn: Sendable {
    /// The new column's name.
    public var name: String
    /// How it is computed.
    public var rule: Derived
    /// Where it is declared.
    public var location: SourceLocation
  }

  /// The dataset's name (its key under `datasets:`).
  public var name: String
  /// Where it is declared.
  public var location: SourceLocation
  /// The file, relative to the site folder.
  public var file: String
  /// Where `file:` is written.
  public var fileLocation: SourceLocation
  /// The format (from `format:` or the file extension).
  public var format: Format
  /// The date column that places a row in time.
  public var time: String?
  /// The default measure column.
  public var value: String?
  /// The column other datasets' lookups match against.
  public var key: String?
  /// Column names for the levels of a JSON object keyed by value.
  public var keys: [String]
  /// The field separator of a CSV file (default `,`; tab for TSV).
  public var delimiter: UInt8?
  /// Declared column types.
  public var columnTypes: [String: ColumnType]
  /// Derived columns, in declaration order.
  public var derived: [DerivedColumn]
  /// Rows kept (`where:`), tested after derived columns are added; empty keeps all.
  public var filters: [Filter] = []
  /// Where each named key of the spec is written, for errors about its value.
  public var locations: [String: SourceLocation]
  /// A program whose standard output is the data (CSV, or JSON with `format: json`).
  public var loader: Loader?
  /// `max_age:` in seconds: how long the output of a loader or the result of a query is
  /// used again (loaders: even when nothing changed); nil: loaders until their inputs
  /// change, queries not at all.
  public var maxAge: Double?
  /// `timezone:`: the zone whose days are counted; instants in the time column are
  /// placed on their day there. Nil: dates as written.
  public var timezone: String?
  /// `missing:`: texts that mean "no value" in every column (`[NA, "-"]`), besides an
  /// empty cell.
  public var missingTokens: [String] = []
  /// `columns: { COLUMN: { missing: [...] } }`: the same for one column, instead.
  public var columnMissingTokens: [String: [String]] = [:]

  /// Whether the time column is a derived one (`{ date: [year, month, day] }`), made from
  /// the rollup after reading rather than read from the source.
  public var timeIsDerived: Bool { time.map { t in derived.contains { $0.name == t } } ?? false }

  /// The texts that mean "no value" in a column.
  public func missingTokens(of column: String) -> [String] {
    columnMissingTokens[column] ?? missingTokens
  }
  /// The PostgreSQL table or query the rows come from, instead of a file.
  public var postgres: PostgresSource?
  /// `connection:` as written (with `${VARIABLE}` references): a libpq URI or
  /// `key=value` string; nil for libpq's defaults (`PG*` variables, service files).
  public var connection: String?

  /// Creates a spec.
  public init(
    name: String, location: SourceLocation, file: String, fileLocation: SourceLocation, format: Format,
    time: String? = nil, value: String? = nil, key: String? = nil, keys: [String] = [],
    columnTypes: [String: ColumnType] = [:], derived: [DerivedColumn] = [],
    locations: [String: SourceLocation] = [:]
  ) {
    self.name = name
    self.location = location
    self.file = file
    self.fileLocation = fileLocation
    self.format = format
    self.time = time
    self.value = value
    self.key = key
    self.keys = keys
    self.columnTypes = columnTypes
    self.derived = derived
    self.locations = locations
  }

  /// Where a key is written, or the dataset's declaration.
  public func location(of key: String) -> SourceLocation { locations[key] ?? location }
}
