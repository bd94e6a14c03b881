extension DatasetSpec.PostgresSource: CustomStringConvertible {
  /// The source in words, for messages: `postgres table analytics.usage`.
  public var description: String {
    switch self {
    case .table(let name): return "postgres table \(name)"
    case .query: return "postgres query"
    }
  }
}
