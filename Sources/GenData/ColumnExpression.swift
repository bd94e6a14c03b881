/// A derived column's arithmetic: `{ expr: "arr_delay - dep_delay" }`. A small language
/// with nothing to execute: numbers, column names, `+ - * /`, comparisons (`> >= < <= ==
/// !=`, giving 1 or 0), `and`, `or`, `not`, parentheses and `if(condition, then, else)`.
/// A missing input gives a missing result, as does a division by zero.
public indirect enum ColumnExpression: Sendable, Hashable {
  case number(Double)
  case column(String)
  case negate(ColumnExpression)
  case not(ColumnExpression)
  case binary(String, ColumnExpression, ColumnExpression)
  case choose(ColumnExpression, ColumnExpression, ColumnExpression)

  /// A problem in the text, at a character offset.
  public struct ParseError: Error, Sendable {
    public var message: String
    public var offset: Int
  }

  /// The columns the expression reads, in order of first use.
  public var columns: [String] {
    switch self {
    case .number: return []
    case .column(let name): return [name]
    case .negate(let e), .not(let e): return e.columns
    case .binary(_, let a, let b): return Self.union(a.columns, b.columns)
    case .choose(let c, let a, let b): return Self.union(Self.union(c.columns, a.columns), b.columns)
    }
  }

  private static func union(_ a: [String], _ b: [String]) -> [String] { a + b.filter { !a.contains($0) } }

  /// The value for one row, given its columns' values (nil: missing).
  public func evaluate(_ value: (String) -> Double?) -> Double? {
    switch self {
    case .number(let x): return x
    case .column(let name): return value(name)
    case .negate(let e): return e.evaluate(value).map { -$0 }
    case .not(let e): return e.evaluate(value).map { $0 == 0 ? 1 : 0 }
    case .choose(let c, let a, let b):
      guard let test = c.evaluate(value) else { return nil }
      return test != 0 ? a.evaluate(value) : b.evaluate(value)
    case .binary(let op, let a, let b):
      guard let x = a.evaluate(value), let y = b.evaluate(value) else { return nil }
      switch op {
      case "+": return x + y
      case "-": return x - y
      case "*": return x * y
      case "/": return y == 0 ? nil : x / y
      case ">": return x > y ? 1 : 0
      case ">=": return x >= y ? 1 : 0
      case "<": return x < y ? 1 : 0
      case "<=": return x <= y ? 1 : 0
      case "==": return x == y ? 1 : 0
      case "!=": return x != y ? 1 : 0
      case "and": return x != 0 && y != 0 ? 1 : 0
      default: return x != 0 || y != 0 ? 1 : 0  // or
      }
    }
  }

  /// Parses an expression; throws the first problem with its offset.
  public static func parse(_ text: String) throws(ParseError) -> ColumnExpression {
    var parser = ExpressionParser(text)
    let expression = try parser.expression()
    if let token = parser.peek {
      throw ParseError(message: "unexpected '\(token.text)'", offset: token.offset)
    }
    return expression
  }
}

/// Recursive descent over the tokens, lowest precedence first: or, and, comparison,
/// sum, product, unary, primary. Depth is bounded, so no input overflows the stack.
struct ExpressionParser {
  struct Token {
    var text: String
    var offset: Int
    var isNumber: Bool
    var isName: Bool
  }

  var tokens: [Token] = []
  var position = 0
  var depth = 0
  let end: Int

  init(_ text: String) {
    let chars = Array(text)
    end = chars.count
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == " " || c == "\t" {
        i += 1
      } else if c.isNumber || c == "." {
        let start = i
        while i < chars.count, chars[i].isNumber || chars[i] == "." { i += 1 }
        tokens.append(Token(text: String(chars[start..<i]), offset: start, isNumber: true, isName: false))
      } else if c.isLetter || c == "_" {
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
        tokens.append(Token(text: String(chars[start..<i]), offset: start, isNumber: false, isName: true))
      } else {
        let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
        let symbol = [">=", "<=", "==", "!="].contains(two) ? two : String(c)
        tokens.append(Token(text: symbol, offset: i, isNumber: false, isName: false))
        i += symbol.count
      }
    }
  }

  var peek: Token? { position < tokens.count ? tokens[position] : nil }

  mutating func take(_ texts: Set<String>) -> String? {
    guard let token = peek, texts.contains(token.text), !token.isNumber else { return nil }
    position += 1
    return token.text
  }

  mutating func expression() throws(ColumnExpression.ParseError) -> ColumnExpression {
    depth += 1
    defer { depth -= 1 }
    guard depth < 64 else {
      throw .init(message: "the expression nests too deeply", offset: peek?.offset ?? end)
    }
    return try binary(level: 0)
  }

  static let levels: [Set<String>] = [
    ["or"], ["and"], [">", ">=", "<", "<=", "==", "!="], ["+", "-"], ["*", "/"],
  ]

  mutating func binary(level: Int) throws(ColumnExpression.ParseError) -> ColumnExpression {
    guard level < Self.levels.count else { return try unary() }
    var left = try binary(level: level + 1)
    while let op = take(Self.levels[level]) {
      left = .binary(op, left, try binary(level: level + 1))
    }
    return left
  }

  mutating func unary() throws(ColumnExpression.ParseError) -> ColumnExpression {
    if take(["-"]) != nil { return .negate(try unary()) }
    if take(["not"]) != nil { return .not(try unary()) }
    return try primary()
  }

  mutating func primary() throws(ColumnExpression.ParseError) -> ColumnExpression {
    guard let token = peek else { throw .init(message: "the expression ends too early", offset: end) }
    position += 1
    if token.isNumber {
      guard let value = Double(token.text) else {
        throw .init(message: "'\(token.text)' is not a number", offset: token.offset)
      }
      return .number(value)
    }
    if token.text == "(" {
      let inner = try expression()
      guard take([")"]) != nil else { throw .init(message: "a '(' is not closed", offset: token.offset) }
      return inner
    }
    if token.isName, token.text == "if", take(["("]) != nil {
      let condition = try expression()
      guard take([","]) != nil else { throw .init(message: "if(…) needs three parts", offset: token.offset) }
      let yes = try expression()
      guard take([","]) != nil else { throw .init(message: "if(…) needs three parts", offset: token.offset) }
      let no = try expression()
      guard take([")"]) != nil else { throw .init(message: "an 'if(' is not closed", offset: token.offset) }
      return .choose(condition, yes, no)
    }
    if token.isName, !["and", "or", "not", "if"].contains(token.text) { return .column(token.text) }
    throw .init(message: "unexpected '\(token.text)'", offset: token.offset)
  }
}
