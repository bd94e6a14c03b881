/// Colours of chart groups, kept for the whole site: a group ("China", "US") gets one
/// palette slot the first time it is drawn and keeps it on every chart after.
public struct Palette: Sendable {
  /// Colour names authors can use in `colors:` and their palette slots.
  public static let names: [String: Int] = [
    "grey": 0, "gray": 0, "blue": 1, "vermillion": 2, "red": 2, "green": 3, "orange": 4, "pink": 5,
    "magenta": 5, "purple": 6, "violet": 6, "olive": 7,
  ]
  /// Number of colour slots (grey aside).
  public static let slots = 7

  private var assigned: [String: Int]
  private var next = 1
  private let reserved: Set<Int>

  /// A palette with fixed colours for some groups (from `colors:` in gen.yml).
  public init(fixed: [String: Int] = [:]) {
    assigned = fixed
    reserved = Set(fixed.values)
  }

  /// The slot a group has been given, if any.
  func assignedSlot(_ group: String) -> Int? { assigned[group] }

  /// The slot of a group, assigning the next free one on first sight.
  public mutating func slot(for group: String, isOther: Bool) -> Int {
    if isOther { return 0 }
    if let slot = assigned[group] { return slot }
    var candidate = next
    var tries = 0
    while reserved.contains(candidate), tries < Palette.slots {
      candidate = candidate % Palette.slots + 1
      tries += 1
    }
    assigned[group] = candidate
    next = candidate % Palette.slots + 1
    return candidate
  }

  /// Colours a chart's series (and its facets'): site-wide slots, no two series of one
  /// chart sharing a slot where it can be avoided, and muting for `highlight`.
  public mutating func paint(_ model: inout ChartModel) {
    if model.isSingleSeries {
      // One unnamed series (a measure over time): drawn in ink, it takes no group colour.
      model.series[0].color = -1
      return
    }
    if model.spec.type == .bar {
      // Bars keep the colour their group already has; the others are drawn in ink.
      for i in model.series.indices {
        let known = assigned[model.series[i].name]
        let highlighted = model.spec.highlight.contains(model.series[i].name)
        model.series[i].color = highlighted ? slot(for: model.series[i].name, isOther: false) : known ?? -1
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
    var used = Set<Int>()
    for i in series.indices {
      var slot = slot(for: series[i].name, isOther: series[i].isOther)
      if slot != 0, used.contains(slot), used.count < Palette.slots {
        slot = (1...Palette.slots).first { !used.contains($0) } ?? slot
      }
      used.insert(slot)
      series[i].color = slot
      series[i].muted = !highlight.isEmpty && !highlight.contains(series[i].name)
    }
  }
}

extension Palette {
  /// The slot of a group if it has one.
  public func slotIfAssigned(_ group: String) -> Int? { assignedSlot(group) }
}
