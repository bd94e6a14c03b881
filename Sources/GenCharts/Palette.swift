/// Colours of chart groups, kept for the whole site: a group ("China", "US") has one
/// colour on every chart and page. Groups fixed under `colors:` keep theirs, and their
/// colours are never given to another group. The other groups are coloured in order of
/// first appearance, each avoiding the colours of the groups it is drawn next to, so no
/// two groups of one chart share a colour while enough colours are free.
public struct Palette: Sendable {
  /// Colour names authors can use in `colors:`.
  public static let names: [String: SeriesColor] = [
    "grey": .other, "gray": .other, "blue": .palette(1), "vermillion": .palette(2), "red": .palette(2),
    "green": .palette(3), "orange": .palette(4), "pink": .palette(5), "magenta": .palette(5),
    "purple": .palette(6), "violet": .palette(6), "olive": .palette(7),
  ]
  /// Number of palette colours (grey aside).
  public static let slots = 7

  /// The name of a palette colour, for messages ("blue").
  public static func name(of color: SeriesColor) -> String {
    let preferred = ["grey", "blue", "vermillion", "green", "orange", "pink", "purple", "olive"]
    return preferred.first { names[$0] == color } ?? "ink"
  }

  private var assigned: [String: SeriesColor]
  private let reserved: Set<SeriesColor>

  /// A palette with fixed colours for some groups (from `colors:` in gen.yml).
  public init(fixed: [String: SeriesColor] = [:]) {
    assigned = fixed
    reserved = Set(fixed.values)
  }

  /// The colour a group has been given, if any: the palette's one lookup.
  public func color(of group: String) -> SeriesColor? { assigned[group] }

  /// The groups of a chart drawn side by side in their own colours, one list per panel
  /// (the chart, or each facet): every named series, or a bar chart's highlighted bars.
  public static func panels(of model: ChartModel) -> [[String]] {
    if model.isSingleSeries { return [] }
    if model.spec.type == .bar {
      return [model.series.map(\.name).filter { model.spec.highlight.contains($0) }]
    }
    let named = { (series: [ChartSeries]) in series.filter { !$0.isOther }.map(\.name) }
    return [named(model.series)] + model.facets.map { named($0.model.series) }
  }

  /// Gives every group of `panels` (all the site's charts, in page order) its colour for
  /// the whole site: the first free colour after the last one given, skipping colours fixed
  /// for other groups and colours of groups that share a panel with it. When none is free
  /// (a panel with more groups than free colours), a clash remains: see ``clashes(in:)``.
  public mutating func assign(_ panels: [[String]]) {
    var order: [String] = []
    var neighbours: [String: Set<String>] = [:]
    for panel in panels {
      for group in panel {
        if neighbours[group] == nil { order.append(group) }
        neighbours[group, default: []].formUnion(panel.filter { $0 != group })
      }
    }
    var next = 1
    for group in order where assigned[group] == nil {
      let taken = reserved.union(neighbours[group, default: []].compactMap { assigned[$0] })
      let rotation = (0..<Palette.slots).map { SeriesColor.palette((next - 1 + $0) % Palette.slots + 1) }
      let color =
        rotation.first { !taken.contains($0) } ?? rotation.first { !reserved.contains($0) } ?? rotation[0]
      assigned[group] = color
      if case .palette(let slot) = color { next = slot % Palette.slots + 1 }
    }
  }

  /// Groups of one panel of `model` that share a colour, each clash once: what a reader
  /// could not tell apart.
  public func clashes(in model: ChartModel) -> [(color: SeriesColor, groups: [String])] {
    var found: [(SeriesColor, [String])] = []
    for panel in Palette.panels(of: model) {
      var byColor: [SeriesColor: [String]] = [:]
      var colors: [SeriesColor] = []
      for group in panel {
        guard let color = assigned[group] else { continue }
        if byColor[color] == nil { colors.append(color) }
        byColor[color, default: []].append(group)
      }
      for color in colors where byColor[color]!.count > 1 && !found.contains(where: { $0.0 == color }) {
        found.append((color, byColor[color]!))
      }
    }
    return found
  }

  /// Colours a chart's series (and its facets') with their site-wide colours (after
  /// ``assign(_:)``), muting all but `highlight`.
  public func paint(_ model: inout ChartModel) {
    if model.isSingleSeries {
      // One unnamed series (a measure over time): drawn in ink, it takes no group colour.
      model.series[0].color = .ink
      return
    }
    let highlight = model.spec.highlight
    if model.spec.type == .bar {
      // Bars keep the colour their group has; the others are drawn in ink.
      for i in model.series.indices {
        let highlighted = highlight.contains(model.series[i].name)
        model.series[i].color = color(of: model.series[i].name) ?? .ink
        model.series[i].muted = !highlight.isEmpty && !highlighted
      }
      return
    }
    func paintSeries(_ series: inout [ChartSeries]) {
      for i in series.indices {
        series[i].color = series[i].isOther ? .other : color(of: series[i].name) ?? .ink
        series[i].muted = !highlight.isEmpty && !highlight.contains(series[i].name)
      }
    }
    paintSeries(&model.series)
    for k in model.facets.indices { paintSeries(&model.facets[k].model.series) }
  }
}
