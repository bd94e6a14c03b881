/// A first pass over a template's text, run before the Mustache parser sees it.
///
/// The parser recurses once per nested section, block or parent tag and once per
/// nested transform in a tag name, so a hostile template (`{{#a}}` ten thousand times)
/// would overflow the stack inside it. This scan follows the parser's tokenisation
/// (tags between the current delimiters, set-delimiter tags scoped to their section,
/// comments and triple mustaches skipped whole) and measures both nestings, so that
/// such a template is refused with an error before it is parsed. It over-counts
/// rather than under-counts: a tag the parser would reject still counts.
///
/// It also records where partial and parent tags are, so that messages about
/// includes can point at their line and column. Which templates include which is
/// read from the parsed template (``TemplateOutline``), not from this scan.
struct TemplateScan {
  /// Where a tag starts: 1-based line and column (in characters).
  struct Position: Equatable {
    var line: Int
    var column: Int
  }

  /// A `{{> name}}`, `{{< name}}` or `{{$ name}}` tag.
  struct Include {
    var name: String
    var position: Position
  }

  /// The deepest nesting of sections, inverted sections, blocks and parents.
  private(set) var depth = 0
  /// Where ``depth`` first went past the limit given to ``init(_:depthLimit:)``.
  private(set) var tooDeepAt: Position?
  /// The largest number of `(` in one tag (transforms nest one level each).
  private(set) var transformNesting = 0
  /// Where a tag with the largest number of `(` starts.
  private(set) var transformNestingAt: Position?
  /// Every partial and parent tag, in order.
  private(set) var includes: [Include] = []
  /// Every block tag (`{{$ name}}`), in order.
  private(set) var blocks: [Include] = []

  /// Scans `text`, stopping at the first nesting deeper than `depthLimit`.
  init(_ text: String, depthLimit: Int) {
    let chars = Array(text)
    var cursor = Cursor(chars: chars)
    // One pair of delimiters per open section: a set-delimiter tag lasts until its section ends.
    var delimiters: [(open: [Character], close: [Character])] = [(["{", "{"], ["}", "}"])]
    while let tagStart = cursor.find(delimiters[delimiters.count - 1].open) {
      let current = delimiters[delimiters.count - 1]
      let position = cursor.position(of: tagStart)
      cursor.index = tagStart + current.open.count
      guard let sigil = cursor.peek else { break }
      let bodyStart = cursor.index
      if sigil == "=" {
        guard let next = Self.setDelimiters(&cursor, close: current.close) else { break }
        delimiters[delimiters.count - 1] = next
        continue
      }
      guard let close = cursor.find(current.close) else { break }
      let body = chars[bodyStart..<close]
      cursor.index = close + current.close.count
      if sigil == "{", cursor.peek == "}" { cursor.index += 1 }
      let parentheses = body.reduce(0) { $1 == "(" ? $0 + 1 : $0 }
      if parentheses > transformNesting {
        transformNesting = parentheses
        transformNestingAt = position
      }
      switch sigil {
      case "#", "^", "$", "<":
        if sigil == "<" { includes.append(Include(name: Self.name(body.dropFirst()), position: position)) }
        if sigil == "$" { blocks.append(Include(name: Self.name(body.dropFirst()), position: position)) }
        delimiters.append(current)
        depth = max(depth, delimiters.count - 1)
        if delimiters.count - 1 > depthLimit {
          tooDeepAt = position
          return
        }
      case "/":
        if delimiters.count > 1 { delimiters.removeLast() }
      case ">":
        includes.append(Include(name: Self.name(body.dropFirst()), position: position))
      default:
        break
      }
    }
  }

  /// A tag's name without the whitespace (newlines included) the parser skips.
  private static func name(_ body: ArraySlice<Character>) -> String {
    String(body.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }

  /// Reads `=open close=` and the closing delimiter after it, as the parser does;
  /// nil where the parser would reject the tag (and so stop parsing).
  private static func setDelimiters(_ cursor: inout Cursor, close: [Character]) -> (
    open: [Character], close: [Character]
  )? {
    cursor.index += 1
    cursor.skip { $0.isWhitespace }
    let open = cursor.take { !$0.isWhitespace }
    cursor.skip { $0.isWhitespace }
    let newClose = cursor.take { $0 != "=" && !$0.isWhitespace }
    cursor.skip { $0.isWhitespace }
    guard !open.isEmpty, !newClose.isEmpty, cursor.peek == "=" else { return nil }
    cursor.index += 1
    guard cursor.startsWith(close) else { return nil }
    cursor.index += close.count
    return (open, newClose)
  }

  /// A position in an array of characters, with line counting for messages.
  private struct Cursor {
    let chars: [Character]
    var index = 0
    private var lineStarts: [Int] = [0]
    private var countedUpTo = 0

    init(chars: [Character]) { self.chars = chars }

    var peek: Character? { index < chars.count ? chars[index] : nil }

    func startsWith(_ needle: [Character]) -> Bool {
      guard index + needle.count <= chars.count else { return false }
      return chars[index..<(index + needle.count)].elementsEqual(needle)
    }

    /// The index of the next occurrence of `needle` at or after `index`.
    func find(_ needle: [Character]) -> Int? {
      guard let first = needle.first, needle.count <= chars.count else { return nil }
      var i = index
      let last = chars.count - needle.count
      while i <= last {
        if chars[i] == first, chars[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
      }
      return nil
    }

    mutating func skip(while predicate: (Character) -> Bool) {
      while index < chars.count, predicate(chars[index]) { index += 1 }
    }

    mutating func take(while predicate: (Character) -> Bool) -> [Character] {
      let start = index
      skip(while: predicate)
      return Array(chars[start..<index])
    }

    /// Line and column of a character index; counts newlines incrementally.
    mutating func position(of target: Int) -> Position {
      while countedUpTo < target {
        if chars[countedUpTo].isNewline { lineStarts.append(countedUpTo + 1) }
        countedUpTo += 1
      }
      var low = 0
      var high = lineStarts.count - 1
      while low < high {
        let mid = (low + high + 1) / 2
        if lineStarts[mid] <= target { low = mid } else { high = mid - 1 }
      }
      return Position(line: low + 1, column: target - lineStarts[low] + 1)
    }
  }
}
