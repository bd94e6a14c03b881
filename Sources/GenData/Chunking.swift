import GenCore

/// Splits a CSV body into chunks that start and end on record boundaries, so that
/// each can be parsed on its own core.
enum Chunking {
  struct Chunk: Sendable {
    var start: Int
    var end: Int
    /// An upper bound of the records in the chunk (its line breaks plus one).
    var maxRows: Int
  }

  /// Target size of a chunk: small enough to balance two or more cores, large enough
  /// that per-chunk work (dictionaries) is negligible.
  static let chunkBytes = 4 << 20

  /// Splits `start..<end`; pages of `file` are released as they are scanned, so that the
  /// whole file is never in memory at once.
  static func split(
    _ b: UnsafePointer<UInt8>, from start: Int, to end: Int, delimiter: UInt8 = 0x2C, file: MappedFile? = nil
  ) -> [Chunk] {
    guard start < end else { return [] }
    var chunks: [Chunk] = []
    var pos = start
    var hasQuotes = false
    while pos < end {
      var cut = min(end, pos + chunkBytes)
      if cut < end, let nl = memchr(b + cut, 0x0A, end - cut) {
        cut = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - b + 1
      } else {
        cut = end
      }
      if memchr(b + pos, 0x22, cut - pos) != nil {
        hasQuotes = true
        break
      }
      chunks.append(Chunk(start: pos, end: cut, maxRows: countLines(b, pos, cut) + 1))
      file?.release(pos..<cut)
      pos = cut
    }
    if !hasQuotes { return chunks }
    chunks = []
    pos = start
    // With quotes, a line break may sit inside a field: walk the bytes once with the
    // parser's own notion of quoting (a quote opens a field only at its start; inside,
    // `""` is a quote and `"` then anything else closes it), and cut only at line breaks
    // outside quoted fields. A stray quote in the middle of an unquoted field is text.
    var state = QuoteState.fieldStart
    var lines = 0
    var chunkStart = pos
    var target = min(end, pos + chunkBytes)
    while pos < end {
      let c = b[pos]
      var recordEnd = false
      switch state {
      case .fieldStart, .unquoted, .closed, .quoteInQuoted:
        if c == 0x22 && state == .quoteInQuoted {
          state = .quoted  // `""`: an escaped quote
        } else if c == 0x0A {
          state = .fieldStart
          recordEnd = true
        } else if c == delimiter {
          // After text following a closing quote the parser skips to the line's end.
          if state != .closed { state = .fieldStart }
        } else if c == 0x22 && state == .fieldStart {
          state = .quoted
        } else if c != 0x0D {
          if state == .quoteInQuoted {
            state = .closed
          } else if state == .fieldStart {
            state = .unquoted
          }
        }
      case .quoted:
        if c == 0x22 { state = .quoteInQuoted }
      }
      if c == 0x0A { lines += 1 }
      if recordEnd && pos + 1 >= target {
        chunks.append(Chunk(start: chunkStart, end: pos + 1, maxRows: lines + 1))
        file?.release(chunkStart..<(pos + 1))
        chunkStart = pos + 1
        lines = 0
        target = min(end, chunkStart + chunkBytes)
      }
      pos += 1
    }
    if chunkStart < end { chunks.append(Chunk(start: chunkStart, end: end, maxRows: lines + 1)) }
    return chunks
  }

  /// Where the quote scan is within a record.
  private enum QuoteState {
    case fieldStart, unquoted, quoted, quoteInQuoted, closed
  }

  static func countLines(_ b: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
    var n = 0
    var p = from
    while p < to, let hit = memchr(b + p, 0x0A, to - p) {
      n += 1
      p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - b + 1
    }
    return n
  }
}

/// Turns byte offsets into 1-based line and column, computed only when needed.
struct LineIndex: @unchecked Sendable {
  let base: UnsafePointer<UInt8>
  let count: Int

  /// The locations of several offsets, in one pass over the bytes (offsets in any order).
  func locations(_ path: String, _ offsets: [Int]) -> [GenCore.SourceLocation] {
    let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
    var out = [GenCore.SourceLocation](repeating: GenCore.SourceLocation(path: path), count: offsets.count)
    var line = 1
    var lineStart = 0
    var p = 0
    for i in order {
      let offset = min(max(offsets[i], 0), count)
      while p < offset, let hit = memchr(base + p, 0x0A, offset - p) {
        line += 1
        p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
        lineStart = p
      }
      p = max(p, lineStart)
      var column = 1
      var k = lineStart
      while k < offset {
        if base[k] & 0xC0 != 0x80 { column += 1 }
        k += 1
      }
      if lineStart == 0 && count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { column -= 1 }
      out[i] = GenCore.SourceLocation(path: path, line: line, column: column)
    }
    return out
  }

  func location(_ path: String, _ offset: Int) -> GenCore.SourceLocation {
    var line = 1
    var lineStart = 0
    var p = 0
    while p < offset, let hit = memchr(base + p, 0x0A, offset - p) {
      line += 1
      p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
      lineStart = p
    }
    // Column in characters: count UTF-8 lead bytes.
    var column = 1
    var k = lineStart
    while k < min(offset, count) {
      if base[k] & 0xC0 != 0x80 { column += 1 }
      k += 1
    }
    if lineStart == 0 && count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
      column -= 1
    }
    return GenCore.SourceLocation(path: path, line: line, column: column)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
