import Foundation
import GenCore
import GenData

/// Sizes and shared pieces of every chart: fonts, the legend, the value axis.
struct ChartFrame {
  static let font = 12.0
  static let labelGap = 15.0
  static let tickFont = 11.5

  /// The value axis: domain and ticks.
  struct ValueAxis {
    var low: Double
    var high: Double
    var ticks: [Double]
    var labels: [String]
    var reversed: Bool
  }

  /// The value axis for a model: 0–100% for shares, nice 0-based for amounts, 1…n for ranks.
  static func valueAxis(_ model: ChartModel, stackedMax: Double?, stackedMin: Double? = nil) -> ValueAxis {
    if model.isRank {
      let maxRank = model.series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1
      let top = max(2, maxRank)
      var ticks = Ticks.values(1, top, count: 5).filter { $0 >= 1 && $0 == $0.rounded() }
      if ticks.first != 1 { ticks.insert(1, at: 0) }
      return ValueAxis(low: 1, high: top, ticks: ticks, labels: ticks.map { "#\(Int($0))" }, reversed: true)
    }
    if model.format == .percent || model.stacked100 {
      let ticks = Ticks.values(0, 1, count: 5)
      return ValueAxis(
        low: 0, high: 1, ticks: ticks, labels: ticks.map { Formatter.format($0, as: .percent, digits: 0) },
        reversed: false)
    }
    let values = model.series.flatMap { $0.values.compactMap { $0 } }
    let maxValue = stackedMax ?? values.max() ?? 0
    let minValue = min(0, stackedMin ?? values.min() ?? 0)
    if minValue < 0 {
      // Negative values: a nice domain on both sides of 0.
      let (low, high, ticks) = Ticks.nice(min: minValue, max: max(maxValue, 0), count: 5)
      return ValueAxis(
        low: low, high: high, ticks: ticks, labels: tickLabels(ticks, format: model.format), reversed: false)
    }
    // All zero (or empty): an axis from 0 to 1 rather than one squeezed around 0.
    let (top, ticks) = Ticks.niceZeroBased(max: maxValue > 0 ? maxValue : 1, count: 5)
    return ValueAxis(
      low: 0, high: top, ticks: ticks, labels: tickLabels(ticks, format: model.format), reversed: false)
  }

  /// Tick labels, each with the fewest decimals that write it exactly (`500K`, `1.25M`,
  /// never `500.0K`), up to three.
  static func tickLabels(_ ticks: [Double], format: ValueFormat) -> [String] {
    ticks.map { tick in
      if tick == 0 { return "0" }
      // The number as written before its unit: 1.25 for 1.25M, 12.5 for 12.5%.
      let shown =
        switch format {
        case .si: SIScale.scaled(tick)
        case .percent, .pp: tick * 100
        default: tick
        }
      let digits = (0...3).first { d in
        let scaled = shown * pow(10, Double(d))
        return abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled))
      }
      return Formatter.format(tick, as: format, digits: digits ?? 3)
    }
  }

  /// A legend of swatches and names in rows across `width`; returns the SVG and its height.
  static func legend(_ series: [ChartSeries], x: Double, y: Double, width: Double) -> (String, Double) {
    var out = ""
    var cx = x
    var cy = y
    let rowHeight = 18.0
    for s in series {
      let w = 14 + TextMetrics.width(s.name, size: font) + 14
      if cx + w > x + width, cx > x {
        cx = x
        cy += rowHeight
      }
      out +=
        "<rect class=\"\(SVGClass.attribute([], color: s.color, muted: s.muted))\" x=\"\(SVG.n(cx))\" y=\"\(SVG.n(cy + 2))\" width=\"10\" height=\"10\" rx=\"2\"/>"
      out += SVG.text(s.name, x: cx + 14, y: cy + 11, .label)
      cx += w
    }
    return (out, series.isEmpty ? 0 : cy - y + rowHeight)
  }

  /// Hatching for partial periods: background-coloured stripes laid over the marks.
  static func hatchPattern(id: String) -> String {
    "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      + "<rect class=\"\(SVGClass.hatch.rawValue)\" width=\"2.5\" height=\"6\"/></pattern>"
  }
}
