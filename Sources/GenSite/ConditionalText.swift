import Foundation
import GenCore
import GenData
import GenMarkdown

/// Conditional text in prose: `{{#if cn_share > 0.5}}…{{else}}…{{/if}}`, within one
/// paragraph (or heading, or list item's text), so that prose on pages generated from
/// data can say what each page's data says (docs/site.md, "Conditional text").
///
/// A condition compares two operands with `>`, `>=`, `<`, `<=`, `==` or `!=`: a metric
/// (its full-precision value), a number (`0.5`, `50%`, `1,200`), or `params.COLUMN` (text:
/// `==` and `!=` only, against a word or a quoted text).
enum ConditionalText {
  /// The marker value of a conditional expression's source, or nil when the source is
  /// not one. A condition that cannot be worked out is reported and taken as false.
  static func marker(
    _ raw: String, scope: ExpressionScope, location: SourceLocation, into diagnostics: inout Diagnostics
  ) -> String? {
    guard let source = ConditionalMarker.source(raw) else { return nil }
    switch source {
    case .otherwise: return ConditionalMarker.otherwise.value
    case .close: return ConditionalMarker.close.value
    case .open(let condition):
      let holds = evaluate(condition, scope: scope, location: location, &diagnostics) ?? false
      return ConditionalMarker.open(holds).value
    }
  }

  /// An operand's value: a number or a text.
  enum Operand: Equatable {
    case number(Double)
    case text(String)
  }

  static let operators = [">=", "<=", "==", "!=", ">", "<"]

  /// Whether a condition holds; nil after reporting why it cannot be worked out.
  static func evaluate(
    _ condition: String, scope: ExpressionScope, location: SourceLocation, _ diagnostics: inout Diagnostics
  ) -> Bool? {
    guard let op = operators.first(where: { condition.contains($0) }),
      let range = condition.range(of: op)
    else {
      diagnostics.error(
        "'{{#if \(condition)}}' needs a comparison", at: location,
        hint: "compare a metric with a number or another metric: {{#if cn_share > 50%}}")
      return nil
    }
    let left = condition[..<range.lowerBound].trimmingCharacters(in: " \t")
    let right = condition[range.upperBound...].trimmingCharacters(in: " \t")
    // Next to a page parameter or a quoted text, a bare word is text: params.origin == JFK.
    let isText = { (side: String) in side.hasPrefix("params.") || side.hasPrefix("\"") || side.hasPrefix("'")
    }
    let textual = isText(left) || isText(right)
    guard let a = operand(left, textual: textual, scope: scope, location: location, &diagnostics),
      let b = operand(right, textual: textual, scope: scope, location: location, &diagnostics)
    else { return nil }
    switch (a, b) {
    case (.number(let x), .number(let y)):
      switch op {
      case ">=": return x >= y
      case "<=": return x <= y
      case "==": return x == y
      case "!=": return x != y
      case ">": return x > y
      default: return x < y
      }
    default:
      guard op == "==" || op == "!=" else {
        diagnostics.error(
          "'{{#if \(condition)}}' compares text with '\(op)'", at: location,
          hint: "text is compared with == or != only")
        return nil
      }
      return (a == b) == (op == "==")
    }
  }

  /// A metric's value, a number, `params.COLUMN`, or a word or quoted text.
  static func operand(
    _ text: String, textual: Bool, scope: ExpressionScope, location: SourceLocation,
    _ diagnostics: inout Diagnostics
  ) -> Operand? {
    if text.hasPrefix("params.") {
      let column = String(text.dropFirst("params.".count))
      guard let value = scope.params[column] else {
        diagnostics.error(
          "'\(text)' is not a parameter of this page", at: location,
          hint: scope.params.isEmpty
            ? "params are the values of a page generated from data"
            : Suggestion.hintOrList(for: column, in: Array(scope.params.keys), noun: "parameter"))
        return nil
      }
      return .text(value)
    }
    if let number = number(text) { return .number(number) }
    if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
      return .text(String(text.dropFirst().dropLast()))
    }
    if let metric = scope.metrics[text] { return .number(metric.value) }
    if MetricName.isValid(text), !textual {
      if scope.hasFailed(text, in: diagnostics) { return nil }
      diagnostics.error(
        "unknown metric '\(text)' in '{{#if …}}'", at: location,
        hint: Suggestion.hintOrList(for: text, in: Array(scope.metrics.keys), noun: "metric"))
      return nil
    }
    return .text(text)
  }

  /// `0.5`, `-3`, `1,200`, `50%` (0.5).
  static func number(_ text: String) -> Double? {
    var written = text.replacingOccurrences(of: ",", with: "")
    var scale = 1.0
    if written.hasSuffix("%") {
      written.removeLast()
      scale = 0.01
    }
    return Double(written.trimmingCharacters(in: " ")).map { $0 * scale }
  }

  /// Every `{{#if}}` closed by a `{{/if}}` in the same run of text, `{{else}}` only inside
  /// one; each problem reported at its expression.
  static func check(_ document: MarkdownDocument, into diagnostics: inout Diagnostics) {
    func checkInlines(_ inlines: [MarkdownInline]) {
      var open: [InlineExpressionNode] = []
      for inline in inlines {
        switch inline {
        case .expression(let index):
          let node = document.expressions[index]
          switch ConditionalMarker.source(node.source) {
          case .open?: open.append(node)
          case .otherwise?:
            if open.isEmpty {
              diagnostics.error(
                "'{{else}}' outside a '{{#if …}}'", at: node.location,
                hint: "conditional text opens and closes within one paragraph")
            }
          case .close?:
            if open.popLast() == nil {
              diagnostics.error(
                "'{{/if}}' without a '{{#if …}}' before it in the same paragraph", at: node.location,
                hint: "conditional text opens and closes within one paragraph")
            }
          case nil: break
          }
        case .emphasis(let inner), .strong(let inner), .link(_, _, let inner), .image(_, _, let inner):
          checkInlines(inner)
        default: break
        }
      }
      for node in open {
        diagnostics.error(
          "'{{\(node.source.trimmingCharacters(in: " "))}}' is not closed by '{{/if}}' in the same paragraph",
          at: node.location, hint: "conditional text opens and closes within one paragraph")
      }
    }
    func checkBlocks(_ blocks: [MarkdownBlock]) {
      for block in blocks {
        switch block {
        case .paragraph(let inlines), .heading(_, let inlines): checkInlines(inlines)
        case .quote(let inner): checkBlocks(inner)
        case .list(_, _, _, let items): items.forEach(checkBlocks)
        default: break
        }
      }
    }
    checkBlocks(document.blocks)
  }
}
