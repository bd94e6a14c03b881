import GenCharts
import GenCore
import GenData
import GenMarkdown

/// Chart and table texts (titles, notes, sources) that quote metrics: each
/// `{{ expression }}` is replaced by the plain text of its value, and problems are
/// reported like those of prose expressions.
struct ChartTexts {
  let scope: ExpressionScope

  func expand(_ text: String?, at location: SourceLocation, _ diagnostics: inout Diagnostics) -> String? {
    guard let text else { return nil }
    return BraceExpressions.replacing(in: text) { expression in
      InlineExpression.render(expression, scope: scope, location: location, into: &diagnostics)
        .map(HTMLText.strip)
    }
  }

  func expanding(_ spec: ChartSpec, _ problems: inout Diagnostics) -> ChartSpec {
    var spec = spec
    spec.title = expand(spec.title, at: spec.location(of: .title), &problems)
    spec.subtitle = expand(spec.subtitle, at: spec.location(of: .subtitle), &problems)
    spec.note = expand(spec.note, at: spec.location(of: .note), &problems)
    spec.source = expand(spec.source, at: spec.location(of: .source), &problems)
    return spec
  }

  func expanding(_ spec: TableSpec, _ problems: inout Diagnostics) -> TableSpec {
    var spec = spec
    spec.title = expand(spec.title, at: spec.location, &problems)
    spec.source = expand(spec.source, at: spec.location, &problems)
    spec.columns = spec.columns.map { column in
      guard case .extreme(let name, let lowest, let title, let location) = column else { return column }
      return .extreme(
        column: name, lowest: lowest, title: expand(title, at: location, &problems), location: location)
    }
    return spec
  }
}
