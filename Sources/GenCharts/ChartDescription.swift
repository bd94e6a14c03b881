import GenCore
import GenData

/// The sentence in a chart's `<desc>`: its key finding, from the numbers.
enum ChartDescription {
  static func sentence(_ m: ChartModel) -> String {
    if !m.facets.isEmpty {
      let panels = m.facets.map(\.title).joined(separator: ", ")
      return "Small multiples for \(panels). " + (m.facets.first.map { sentence($0.model) } ?? "")
    }
    switch m.spec.type {
    case .bar:
      let ranked = m.series.filter { $0.values[0] != nil }
      guard let first = ranked.first else { return "No data." }
      var s = "\(first.name) leads with \(m.formatted(first.values[0]))"
      let rest = ranked.dropFirst().prefix(2).map { "\($0.name) (\(m.formatted($0.values[0])))" }
      if !rest.isEmpty { s += ", followed by " + rest.joined(separator: " and ") }
      return s + (m.labels.first.map { " (\($0))." } ?? ".")
    case .slope:
      let moves = m.series.compactMap { s -> (String, Double, Double)? in
        guard let a = s.values[0], let b = s.values[1] else { return nil }
        return (s.name, a, b)
      }.sorted { abs($0.2 - $0.1) > abs($1.2 - $1.1) }.prefix(3)
      let parts = moves.map {
        "\($0.0) \(verb($0.1, $0.2)) from \(m.formatted($0.1)) to \(m.formatted($0.2))"
      }
      return "From \(m.labels[0]) to \(m.labels[1]): " + parts.joined(separator: "; ") + "."
    default:
      // Endpoints: the first and last complete periods, unless every period is partial.
      let complete = m.partial.indices.filter { !m.partial[$0] }
      let usable = complete.isEmpty ? Array(m.labels.indices) : complete
      func ends(_ s: ChartSeries) -> (Int, Int)? {
        let points = usable.filter { $0 < s.values.count && s.values[$0] != nil }
        guard let a = points.first, let b = points.last else { return nil }
        return (a, b)
      }
      func change(_ s: ChartSeries) -> Double {
        guard let (a, b) = ends(s) else { return -1 }
        return abs(s.values[b]! - s.values[a]!)
      }
      // The series the chart is about: the highlighted one, else the one that moved most.
      let named = m.series.filter { !$0.isOther }
      let focus =
        m.series.first { m.spec.highlight.contains($0.name) }
        ?? (m.isRank ? named.first : named.max { change($0) < change($1) }) ?? m.series.first
      guard let s = focus else { return "No data." }
      guard let (a, b) = ends(s) else { return "No data for \(subject(s, m))." }
      let va = s.values[a]!
      let vb = s.values[b]!
      let what = subject(s, m)
      var text: String
      if m.isRank {
        text = "\(what) ranked #\(Int(va)) \(when(a, m)) and #\(Int(vb)) \(when(b, m))"
      } else {
        text =
          "\(what) \(verb(va, vb)) from \(m.formatted(va)) \(when(a, m)) to \(m.formatted(vb)) \(when(b, m))"
        let inside = usable.filter { $0 < s.values.count && s.values[$0] != nil }
        if let peak = inside.max(by: { s.values[$0]! < s.values[$1]! }), peak != a, peak != b {
          let vp = s.values[peak]!
          if abs(vb - va) < 0.25 * (vp - min(va, vb)) {
            // The peak is the story when the ends are close to each other.
            text =
              "\(what) peaked at \(m.formatted(vp)) \(when(peak, m)); it was \(m.formatted(va)) \(when(a, m))"
              + " and \(m.formatted(vb)) \(when(b, m))"
          } else {
            text += ", peaking at \(m.formatted(vp)) \(when(peak, m))"
          }
        }
      }
      let others = named.filter { $0.name != s.name }.prefix(2).compactMap { o -> String? in
        guard b < o.values.count, let v = o.values[b] else { return nil }
        return m.isRank ? "\(o.name) #\(Int(v))" : "\(o.name) \(m.formatted(v))"
      }
      if !others.isEmpty { text += "; \(when(b, m)): " + others.joined(separator: ", ") }
      return text + "."
    }
  }

  /// What a series is called in the sentence: its group, or for a single measure what
  /// is measured ("the top-10 share", "total tokens"), never a raw filter.
  static func subject(_ s: ChartSeries, _ m: ChartModel) -> String {
    let q = m.spec.query
    if m.isSingleSeries {
      switch q.measure {
      case .topShare: return "The top-\(q.top ?? 1) share"
      case .hhi: return "The HHI"
      case .rank: return q.filters.first { $0.column == q.by }?.values.first ?? "The rank"
      case .share:
        let values = q.filters.filter { !$0.negate }.flatMap(\.values)
        return values.isEmpty ? "The share" : possessive(values.joined(separator: " and ")) + " share"
      case .sum, .count:
        let values = q.filters.filter { !$0.negate }.flatMap(\.values)
        let measure = m.measureName.replacingAll("_", with: " ")
        return values.isEmpty ? capitalized(measure) : values.joined(separator: " and ") + " " + measure
      case .mean, .ratio:
        let measure = m.measureName.replacingAll("_", with: " ")
        let per =
          q.measure == .mean ? "row" : q.ratio?.denominator == "rows" ? "row" : q.ratio?.denominator ?? "row"
        return capitalized(measure) + " per " + per.replacingAll("_", with: " ")
      }
    }
    return m.format == .percent || m.stacked100 ? possessive(s.name) + " share" : s.name
  }

  /// `China's`, `Blues'`.
  static func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }

  /// `in the week of 24 May 2026`, `on 24 May 2026`, `in May 2026`, `in 2026`.
  static func when(_ i: Int, _ m: ChartModel) -> String {
    let label = m.labels[i]
    switch m.unit {
    case .week: return "in the " + label
    case .day: return "on " + label
    default: return "in " + label
    }
  }

  static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

  static func verb(_ a: Double, _ b: Double) -> String {
    let scale = max(abs(a), abs(b), 1e-12)
    if abs(b - a) / scale < 0.005 { return "held steady" }
    return b > a ? "rose" : "fell"
  }
}
