import GenCore

/// A small line without axes, for tables and `type: sparkline` charts; the last point
/// is marked and partial periods are dashed.
public enum Sparkline {
  /// An inline SVG sparkline of `values` (nil gaps allowed).
  public static func svg(
    _ values: [Double?], partial: [Bool] = [], color: SeriesColor = .palette(1), label: String,
    width: Double = 96,
    height: Double = 24,
    low: Double? = nil, high: Double? = nil
  ) -> String {
    let body = marks(
      values, partial: partial, color: color, width: width, height: height, low: low, high: high)
    return
      "<svg class=\"\(SVGClass.spark.rawValue)\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" "
      + "aria-label=\"\(Escape.attribute(label))\">\(body)</svg>"
  }

  /// The marks of a sparkline.
  static func marks(
    _ values: [Double?], partial: [Bool], color: SeriesColor, width: Double, height: Double,
    low: Double? = nil,
    high: Double? = nil
  ) -> String {
    let present = values.compactMap { $0 }
    let lo = low ?? (present.min() ?? 0)
    let hi = max(high ?? (present.max() ?? 1), lo + 1e-12)
    let n = values.count
    func x(_ i: Int) -> Double { n > 1 ? 3 + (width - 6) * Double(i) / Double(n - 1) : width / 2 }
    func y(_ v: Double) -> Double { height - 3 - (height - 6) * (v - lo) / (hi - lo) }
    var solid: [(Double, Double)] = []
    var dashed: [(Double, Double)] = []
    for i in 0..<n {
      guard let v = values[i] else { continue }
      if i < partial.count && partial[i] {
        if dashed.isEmpty, let last = solid.last { dashed.append(last) }
        dashed.append((x(i), y(v)))
      } else {
        solid.append((x(i), y(v)))
      }
    }
    var body = ""
    if solid.count >= 2 { body += SVG.path(solid, cls: SVGClass.attribute([.line], color: color)) }
    if dashed.count >= 2 {
      body += SVG.path(dashed, cls: SVGClass.attribute([.line], color: color, trailing: [.dashed]))
    }
    if let last = dashed.last ?? solid.last {
      body += SVG.circle(cx: last.0, cy: last.1, r: 2, cls: SVGClass.attribute([], color: color))
    }
    return body
  }
}
