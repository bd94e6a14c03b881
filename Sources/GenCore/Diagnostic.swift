/// Where something is in a source file: a path relative to the site root, and a
/// 1-based line and column (column counted in Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Path of the file, relative to the site folder where possible (`content/index.md`).
  public var path: String
  /// 1-based line; 0 when only the file is known.
  public var line: Int
  /// 1-based column; 0 when only the line is known.
  public var column: Int

  /// Creates a location.
  public init(path: String, line: Int = 0, column: Int = 0) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `path:line:col`, dropping the parts that are not known.
  public var description: String {
    if line <= 0 { return path }
    if column <= 0 { return "\(path):\(line)" }
    return "\(path):\(line):\(column)"
  }

  /// Moves a location found in an embedded text (front matter, a fenced block) to
  /// the position of that text in its file.
  public func shifted(lines: Int, columns: Int = 0) -> SourceLocation {
    SourceLocation(path: path, line: line + lines, column: column + (line == 1 ? columns : 0))
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.path, a.line, a.column) < (b.path, b.line, b.column)
  }
}

/// One problem found in a site, addressed to the person who can fix it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  /// How bad a problem is: errors fail the build, warnings do not.
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  /// Error or warning.
  public var severity: Severity
  /// Where the problem is, when it has a place.
  public var location: SourceLocation?
  /// What is wrong, in one sentence.
  public var message: String
  /// What to do about it (`did you mean 'origin'?`), when that is obvious.
  public var hint: String?

  /// Creates a diagnostic.
  public init(
    _ severity: Severity, _ message: String, at location: SourceLocation? = nil, hint: String? = nil
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.hint = hint
  }

  /// An error at a location.
  public static func error(_ message: String, at location: SourceLocation?, hint: String? = nil)
    -> Diagnostic
  {
    Diagnostic(.error, message, at: location, hint: hint)
  }

  /// A warning at a location.
  public static func warning(_ message: String, at location: SourceLocation?, hint: String? = nil)
    -> Diagnostic
  {
    Diagnostic(.warning, message, at: location, hint: hint)
  }

  /// `path:line:col: error: message (hint)`, the form editors and CI logs understand.
  public var description: String {
    var text = ""
    if let location { text += "\(location): " }
    text += "\(severity.rawValue): \(message)"
    if let hint { text += " (\(hint))" }
    return text
  }
}

/// Something whose problems are reported already: what uses it fails quietly rather
/// than adding a second, misleading error ("unknown dataset" for one that failed to load).
public enum FailedName: Sendable, Hashable {
  /// A dataset that was declared but could not be loaded or checked.
  case dataset(String)
  /// A metric whose declaration or evaluation failed; `page` is the page's source file,
  /// or empty for a metric of `gen.yml`.
  case metric(String, page: String)
  /// A template that exists but cannot be used.
  case template(String)
}

/// The one sink for problems, carried through every step of a build: each problem is
/// added where it is found, together with the names whose problems are already reported
/// (so that nothing is reported twice), and all of them are reported together at the end.
///
/// Work that runs in parallel reports into its own sink (``forTask()``), merged back in
/// input order (``merge(_:)``), so the result does not depend on scheduling.
public struct Diagnostics: Sendable, Error, CustomStringConvertible {
  /// Every problem, in the order found.
  public private(set) var all: [Diagnostic] = []
  /// Names whose problems are reported already.
  public private(set) var failed: Set<FailedName> = []

  /// An empty collection.
  public init() {}

  /// A collection holding the given problems.
  public init(_ items: [Diagnostic]) { all = items }

  /// Adds one problem.
  public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

  /// Adds several problems.
  public mutating func append(contentsOf other: some Sequence<Diagnostic>) {
    all.append(contentsOf: other)
  }

  /// Adds an error.
  public mutating func error(_ message: String, at location: SourceLocation?, hint: String? = nil) {
    all.append(.error(message, at: location, hint: hint))
  }

  /// Adds a warning.
  public mutating func warning(_ message: String, at location: SourceLocation?, hint: String? = nil) {
    all.append(.warning(message, at: location, hint: hint))
  }

  /// Records that a name's problems are reported.
  public mutating func markFailed(_ name: FailedName) { failed.insert(name) }

  /// Whether a name's problems are reported already.
  public func hasFailed(_ name: FailedName) -> Bool { failed.contains(name) }

  /// A sink for work done in parallel: no problems yet, the failed names known so far.
  public func forTask() -> Diagnostics {
    var task = Diagnostics()
    task.failed = failed
    return task
  }

  /// Adds the problems and failed names of a task's sink.
  public mutating func merge(_ other: Diagnostics) {
    all.append(contentsOf: other.all)
    failed.formUnion(other.failed)
  }

  /// The number of problems so far: a mark to ask later whether any were added.
  public var count: Int { all.count }

  /// Whether an error was added after the mark `since` (a ``count`` taken earlier).
  public func hasErrors(since mark: Int) -> Bool {
    all[mark...].contains { $0.severity == .error }
  }

  /// The errors only, each once, in file order.
  public var errors: [Diagnostic] { sorted.filter { $0.severity == .error } }
  /// The warnings only, each once, in file order.
  public var warnings: [Diagnostic] { sorted.filter { $0.severity == .warning } }
  /// Whether any error was found.
  public var hasErrors: Bool { all.contains { $0.severity == .error } }
  /// Whether nothing at all was found.
  public var isEmpty: Bool { all.isEmpty }

  /// Every problem, sorted by file and position, duplicates removed: a stable order
  /// for people and for tests.
  public var sorted: [Diagnostic] {
    var seen = Set<Diagnostic>()
    let unique = all.filter { seen.insert($0).inserted }
    return unique.enumerated().sorted { a, b in
      let la = a.element.location ?? SourceLocation(path: "")
      let lb = b.element.location ?? SourceLocation(path: "")
      if la != lb { return la < lb }
      return a.offset < b.offset
    }.map(\.element)
  }

  /// One line a problem, sorted.
  public var description: String { sorted.map(\.description).joined(separator: "\n") }
}
