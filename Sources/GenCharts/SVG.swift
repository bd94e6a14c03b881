import GenCore

/// Helpers for writing SVG text: numbers rounded to two decimals, escaped text.
enum SVG {
  /// A coordinate rounded to at most two decimals, without trailing zeros (`12.5`, `3`, `-0.25`).
  static func n(_ x: Double) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(12)
    append(x, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends a coordinate (as `n`) to a byte buffer.
  @inline(__always)
  static func append(_ x: Double, to out: inout [UInt8]) {
    guard x.isFinite, abs(x) < 1e13 else {
      out += Array((x.isFinite ? NumberText.plain(x) : "0").utf8)
      return
    }
    var hundredths = Int64((x * 100).rounded())
    if hundredths == 0 {
      out.append(0x30)
      return
    }
    if hundredths < 0 {
      out.append(0x2D)
      hundredths = -hundredths
    }
    var whole = hundredths / 100
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(48 + whole % 10)
        whole /= 10
        count += 1
      } while whole > 0
      for k in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[k]) }
    }
    let fraction = Int(hundredths % 100)
    if fraction != 0 {
      out.append(0x2E)
      out.append(UInt8(48 + fraction / 10))
      if fraction % 10 != 0 { out.append(UInt8(48 + fraction % 10)) }
    }
  }

  /// `<text>` with escaped content; `cls` is a class attribute from ``SVGClass/attribute(_:color:text:muted:trailing:)``.
  static func text(_ content: String, x: Double, y: Double, anchor: String = "start", cls: String) -> String {
    let anchorAttribute = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
    return
      "<text class=\"\(cls)\" x=\"\(n(x))\" y=\"\(n(y))\"\(anchorAttribute)>\(Escape.text(content))</text>"
  }

  /// `<text>` with one class.
  static func text(_ content: String, x: Double, y: Double, anchor: String = "start", _ cls: SVGClass)
    -> String
  {
    text(content, x: x, y: y, anchor: anchor, cls: cls.rawValue)
  }

  /// `<line>`.
  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cls: SVGClass) -> String {
    "<line class=\"\(cls.rawValue)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>"
  }

  /// `<path>` through points.
  static func path(_ points: [(Double, Double)], cls: String, closed: Bool = false, title: String? = nil)
    -> String
  {
    let d = polyline(points) + (closed ? " Z" : "")
    guard let title else { return "<path class=\"\(cls)\" d=\"\(d)\"/>" }
    return "<path class=\"\(cls)\" d=\"\(d)\"><title>\(Escape.text(title))</title></path>"
  }

  /// `<rect>`, with extra attributes (a fill, a tooltip) when given.
  static func rect(
    x: Double, y: Double, width: Double, height: Double, cls: String, fill: String? = nil,
    title: String? = nil
  ) -> String {
    let fillAttribute = fill.map { " fill=\"\($0)\"" } ?? ""
    let geometry = "x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\""
    guard let title else { return "<rect class=\"\(cls)\"\(fillAttribute) \(geometry)/>" }
    return "<rect class=\"\(cls)\"\(fillAttribute) \(geometry)><title>\(Escape.text(title))</title></rect>"
  }

  /// `<circle>`.
  static func circle(cx: Double, cy: Double, r: Double, cls: String) -> String {
    "<circle class=\"\(cls)\" cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\"/>"
  }

  /// A path through points: `M x y L x y …`.
  static func polyline(_ points: [(Double, Double)]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(points.count * 16)
    for (i, p) in points.enumerated() {
      if i > 0 { out.append(0x20) }
      out.append(i == 0 ? 0x4D : 0x4C)  // M, L
      append(p.0, to: &out)
      out.append(0x20)
      append(p.1, to: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }

}

/// Where labels go when they would collide: a one-dimensional spread keeping a
/// minimum gap, as close as possible to where each label wants to be.
public enum LabelPlacement {
  /// Positions for labels wanting `desired` coordinates, at least `gap` apart, within
  /// `low...high`. Order is kept (labels are sorted by their desired position).
  public static func spread(_ desired: [Double], gap: Double, low: Double, high: Double) -> [Double] {
    guard !desired.isEmpty else { return [] }
    let order = desired.indices.sorted { desired[$0] != desired[$1] ? desired[$0] < desired[$1] : $0 < $1 }
    var placed = order.map { min(max(desired[$0], low), high) }
    for i in 1..<placed.count where placed[i] < placed[i - 1] + gap { placed[i] = placed[i - 1] + gap }
    if let last = placed.last, last > high {
      placed[placed.count - 1] = high
      for i in stride(from: placed.count - 2, through: 0, by: -1) where placed[i] > placed[i + 1] - gap {
        placed[i] = placed[i + 1] - gap
      }
    }
    var result = [Double](repeating: 0, count: desired.count)
    for (k, i) in order.enumerated() { result[i] = placed[k] }
    return result
  }
}
