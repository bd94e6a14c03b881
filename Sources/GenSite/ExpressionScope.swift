import GenCore
import GenData

/// What `{{ … }}` in prose can refer to on one page: its metrics, the site's metrics,
/// and the values of a page generated from data.
struct ExpressionScope: Sendable {
  /// Computed metrics by name.
  var metrics: [String: MetricValue]
  /// `params.NAME` values of a page from data.
  var params: [String: String]
  /// The page's source file, under which its failed metrics are registered; empty for gen.yml.
  var page: String

  /// Whether a metric of this scope failed (reported already, not reported again).
  func hasFailed(_ name: String, in diagnostics: Diagnostics) -> Bool {
    diagnostics.hasFailed(.metric(name, page: page)) || diagnostics.hasFailed(.metric(name, page: ""))
  }
}
