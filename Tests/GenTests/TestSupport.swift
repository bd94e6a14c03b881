import Foundation
import GenCharts
import GenCore
import GenData
import GenSite
import GenYAML
import Testing

/// Shared helpers for the data tests: tables from in-memory text, datasets without
/// disk, metrics parsed from the YAML an author writes.
enum TestData {
  /// `Tests/Fixtures`, found from this file's path.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// Reads CSV text from memory.
  static func csv(
    _ text: String, name: String = "t", path: String = "t.csv", delimiter: UInt8 = 0x2C,
    types: [String: ColumnType] = [:], typeLocations: [String: GenCore.SourceLocation] = [:]
  ) throws(Diagnostics) -> Table {
    try csv(
      bytes: Array(text.utf8), name: name, path: path, delimiter: delimiter, types: types,
      typeLocations: typeLocations)
  }

  /// Reads CSV bytes from memory.
  static func csv(
    bytes: [UInt8], name: String = "t", path: String = "t.csv", delimiter: UInt8 = 0x2C,
    types: [String: ColumnType] = [:], typeLocations: [String: GenCore.SourceLocation] = [:]
  ) throws(Diagnostics) -> Table {
    let options = CSVReader.Options(
      delimiter: delimiter, declaredTypes: types, declarationLocations: typeLocations)
    var diagnostics = Diagnostics()
    let table = bytes.withUnsafeBufferPointer { b in
      CSVReader.read(bytes: b, displayPath: path, name: name, options: options, into: &diagnostics)
    }
    guard let table else { throw diagnostics }
    return table
  }

  /// The diagnostics of CSV text that must fail to load, one line each (`path:line:col: error: …`).
  static func csvErrors(
    _ text: String, types: [String: ColumnType] = [:], typeLocations: [String: GenCore.SourceLocation] = [:]
  ) -> [Diagnostic] {
    csvErrors(bytes: Array(text.utf8), types: types, typeLocations: typeLocations)
  }

  static func csvErrors(
    bytes: [UInt8], types: [String: ColumnType] = [:], typeLocations: [String: GenCore.SourceLocation] = [:]
  ) -> [Diagnostic] {
    do throws(Diagnostics) {
      _ = try csv(bytes: bytes, types: types, typeLocations: typeLocations)
      Issue.record("expected the CSV to fail to load")
      return []
    } catch {
      return error.sorted
    }
  }

  /// Reads JSON text from memory.
  static func json(_ text: String, options: JSONReader.Options = .init(), path: String = "t.json")
    throws(Diagnostics) -> Table
  {
    var diagnostics = Diagnostics()
    let table = Array(text.utf8).withUnsafeBufferPointer { b in
      JSONReader.read(bytes: b, displayPath: path, name: "t", options: options, into: &diagnostics)
    }
    guard let table else { throw diagnostics }
    return table
  }

  /// A dataset from CSV text, declared as `gen.yml` would declare it.
  static func dataset(
    _ name: String, _ text: String, time: String? = nil, value: String? = nil, key: String? = nil,
    types: [String: ColumnType] = [:]
  ) throws(Diagnostics) -> Dataset {
    let spec = DatasetSpec(
      name: name, location: GenCore.SourceLocation(path: "gen.yml", line: 1, column: 1), file: "\(name).csv",
      fileLocation: GenCore.SourceLocation(path: "gen.yml"), format: .csv, time: time, value: value, key: key,
      columnTypes: types)
    return Dataset(spec: spec, table: try csv(text, name: name, path: "\(name).csv", types: types))
  }

  /// Parses a metric as written in front matter.
  static func metricSpec(_ yaml: String, name: String = "m") throws -> MetricSpec {
    var problems = Diagnostics()
    let node = try #require(YAMLParser.parse(yaml, path: "page.md", into: &problems))
    let spec = MetricSpec.parse(name: name, node: node, into: &problems)
    #expect(!problems.hasErrors, "\(problems)")
    return try #require(spec)
  }

  /// Evaluates a metric that must succeed.
  static func metric(_ yaml: String, _ engine: QueryEngine) throws -> MetricValue {
    var diagnostics = Diagnostics()
    guard let value = MetricEvaluator.evaluate(try metricSpec(yaml), engine: engine, into: &diagnostics)
    else {
      throw diagnostics
    }
    return value
  }

  /// Evaluates a metric that must fail, returning its error messages.
  static func metricError(_ yaml: String, _ engine: QueryEngine) throws -> [Diagnostic] {
    var diagnostics = Diagnostics()
    if let value = MetricEvaluator.evaluate(try metricSpec(yaml), engine: engine, into: &diagnostics) {
      Issue.record("expected an error, got \(value.value)")
      return []
    }
    return diagnostics.sorted
  }

  /// A data query parsed from the YAML of a chart or table spec.
  static func query(_ yaml: String) throws -> DataQuery {
    try metricSpec(yaml).query
  }

  /// Loads datasets declared in YAML (the `datasets:` part of `gen.yml`) from files under `root`.
  static func load(_ yaml: String, root: String) throws -> (
    datasets: [String: Dataset], diagnostics: Diagnostics
  ) {
    var problems = Diagnostics()
    let node = try #require(YAMLParser.parse(yaml, path: "gen.yml", into: &problems))
    var specs: [DatasetSpec] = []
    for (key, value) in try #require(node["datasets"]?.mapping) {
      specs.append(try #require(DatasetSpec.parse(name: key.scalar ?? "", node: value, into: &problems)))
    }
    #expect(!problems.hasErrors, "\(problems)")
    var diagnostics = Diagnostics()
    let datasets = DatasetLoader.load(specs, siteRoot: root, into: &diagnostics)
    return (datasets, diagnostics)
  }

  /// A dataset declaration parsed from its YAML (the part under its name in `gen.yml`).
  static func datasetSpec(_ yaml: String, name: String) throws -> DatasetSpec {
    var problems = Diagnostics()
    let node = try #require(YAMLParser.parse(yaml, path: "gen.yml", into: &problems))
    let spec = try #require(DatasetSpec.parse(name: name, node: node, into: &problems))
    #expect(!problems.hasErrors, "\(problems)")
    return spec
  }

  /// A new temporary folder holding `files` (path → text); remove it when done.
  static func folder(_ files: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-data-\(UUID().uuidString)")
      .path
    for (path, text) in files {
      let full = root + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: full, atomically: true, encoding: .utf8)
    }
    return root
  }

  /// A day from `YYYY-MM-DD`.
  static func day(_ text: String) -> Day { Day(iso: text)! }
}

extension Column {
  /// Integer values, nil for missing.
  var ints: [Int64?] {
    guard case .integer(let v) = storage else { return [] }
    return v.map { $0 == Missing.integer ? nil : $0 }
  }
  /// Decimal values, nil for missing.
  var decimals: [Double?] {
    guard case .decimal(let v) = storage else { return [] }
    return v.map { $0.isNaN ? nil : $0 }
  }
  /// Text values, nil for missing.
  var texts: [String?] {
    guard case .text(let codes, let dictionary) = storage else { return [] }
    return codes.map { $0 == Missing.code ? nil : dictionary[Int($0)] }
  }
  /// Dates as `YYYY-MM-DD`, nil for missing.
  var days: [String?] {
    guard case .date(let v) = storage else { return [] }
    return v.map { $0 == Missing.date ? nil : Day(index: $0).description }
  }
  /// The dictionary of a text column.
  var dictionary: [String] {
    guard case .text(_, let dictionary) = storage else { return [] }
    return dictionary
  }
}

extension Table {
  /// Each row's `column` text by its `key` text (a dataset's rows are its rollup's, sorted
  /// by day and keys, so tests look values up by key rather than by position).
  func texts(_ column: String, by key: String) -> [String: String?] {
    guard let keys = self.column(key)?.texts, let values = self.column(column)?.texts else { return [:] }
    return Dictionary(zip(keys.map { $0 ?? "(missing)" }, values), uniquingKeysWith: { a, _ in a })
  }
}

/// `a` equals `b` to within a relative 1e-12 (for shares computed by division).
func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-12) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance * max(1, abs(b))
}

extension QueryEngine {
  /// The per-period values of a query, or its problems (for `try … .get()` in tests).
  func series(_ q: DataQuery) -> Result<PeriodSeries, Diagnostics> {
    var diagnostics = Diagnostics()
    return series(q, into: &diagnostics).map { .success($0) } ?? .failure(diagnostics)
  }

  /// The group series of a query, or its problems (for `try … .get()` in tests).
  func groupSeries(_ q: DataQuery, top: Int? = nil, fillRemainder: Bool = true) -> Result<
    GroupSeries, Diagnostics
  > {
    var diagnostics = Diagnostics()
    return groupSeries(q, top: top, fillRemainder: fillRemainder, into: &diagnostics).map { .success($0) }
      ?? .failure(diagnostics)
  }
}

extension TestData {
  /// Parses a chart block that must be valid.
  static func chartSpec(_ yaml: String) throws -> ChartSpec {
    var diagnostics = Diagnostics()
    let node = try #require(YAMLParser.parse(yaml, path: "t.md", into: &diagnostics))
    let spec = ChartSpec.parse(node, into: &diagnostics)
    #expect(!diagnostics.hasErrors, "\(diagnostics)")
    return try #require(spec)
  }

  /// The model of a chart that must build.
  static func chart(_ spec: ChartSpec, _ engine: QueryEngine) throws -> ChartModel {
    var diagnostics = Diagnostics()
    guard let model = ChartData.build(spec, engine: engine, into: &diagnostics) else { throw diagnostics }
    return model
  }

  /// The problems of reading YAML as a metric (`metric`), a dataset declaration (`dataset`)
  /// or `gen.yml` (`config`).
  static func problems(_ yaml: String, as kind: String) throws -> Diagnostics {
    var diagnostics = Diagnostics()
    if kind == "config" {
      _ = SiteConfig.parse(yaml, path: "gen.yml", into: &diagnostics)
      return diagnostics
    }
    let node = try #require(YAMLParser.parse(yaml, path: "p.md", into: &diagnostics))
    if kind == "metric" {
      _ = MetricSpec.parse(name: "m", node: node, into: &diagnostics)
    } else {
      _ = DatasetSpec.parse(name: "w", node: node, into: &diagnostics)
    }
    return diagnostics
  }
}
