/// Colours of chart groups, kept for the whole site: a group ("China", "US") gets one
/// palette colour the first time it is drawn and keeps it on every chart after.
public struct Palette: Sendable {
  /// Colour names authors can use in `colors:`.
  public static let names: [String: SeriesColor] = [
    "grey": .other, "gray": .other, "blue": .palette(1), "vermillion": .palette(2), "red": .palette(2),
    "green": .palette(3), "orange": .palette(4), "pink": .palette(5), "magenta": .palette(5),
    "purple": .palette(6), "violet": .palette(6), "olive": .palette(7),
  ]
  /// Number of palette colours (grey aside).
  public static let slots = 7

  private var assigned: [String: SeriesColor]
  private var next = 1
  private let reserved: Set<SeriesColor>

  /// A palette with fixed colours for some groups (from `colors:` in gen.yml).
  public init(fixed: [String: SeriesColor] = [:]) {
    assigned = fixed
    reserved = Set(fixed.values)
  }

  /// The colour a group has been given, if any: the palette's one lookup.
  public func color(of group: String) -> SeriesColor? { assigned[group] }

  /// The colour of a group, assigning the next free one on first sight (grey for "Other").
  mutating func assign(_ group: String, isOther: Bool) -> SeriesColor {
    if isOther { return .other }
    if let color = assigned[group] { return color }
    var candidate = next
    var tries = 0
    while reserved.contains(.palette(candidate)), tries < Palette.slots {
      candidate = candidate % Palette.slots + 1
      tries += 1
    }
    assigned[group] = .palette(candidate)
    next = candidate % Palette.slots + 1
    return .palette(candidate)
  }

  /// Colours a chart's series (and its facets'): site-wide colours, no two series of one
  /// chart sharing a colour where it can be avoided, and muting for `highlight`.
  public mutating func paint(_ model: inout ChartModel) {
    if model.isSingleSeries {
      // One unnamed series (a measure over time): drawn in ink, it takes no group colour.
      model.series[0].color = .ink
      return
    }
    if model.spec.type == .bar {
      // Bars keep the colour their group already has; the others are drawn in ink.
      for i in model.series.indices {
        let highlighted = model.spec.highlight.contains(model.series[i].name)
        if highlighted { _ = assign(model.series[i].name, isOther: false) }
        model.series[i].color = color(of: model.series[i].name) ?? .ink
        model.series[i].muted = !model.spec.highlight.isEmpty && !highlighted
      }
      return
    }
    paintSeries(&model.series, highlight: model.spec.highlight)
    for k in model.facets.indices {
      paintSeries(&model.facets[k].model.series, highlight: model.spec.highlight)
    }
  }

  private mutating func paintSeries(_ series: inout [ChartSeries], highlight: [String]) {
    var used = Set<SeriesColor>()
    for i in series.indices {
      var color = assign(series[i].name, isOther: series[i].isOther)
      if color != .other, used.contains(color), used.count < Palette.slots {
        color = (1...Palette.slots).map(SeriesColor.palette).first { !used.contains($0) } ?? color
      }
      used.insert(color)
      series[i].color = color
      series[i].muted = !highlight.isEmpty && !highlight.contains(series[i].name)
    }
  }
}
