/// Lines: solid between complete periods, dashed into and out of partial ones, a gap
/// where a value is missing, and a dot for a value with no neighbour to join.
enum LineMarks {
  static func draw(_ layout: TimeChartLayout) -> String {
    var body = ""
    for s in layout.model.series { body += series(s, layout) }
    return body
  }

  static func series(_ s: ChartSeries, _ layout: TimeChartLayout) -> String {
    let m = layout.model
    let n = layout.count
    var solid: [[(Double, Double)]] = [[]]
    var dashed: [[(Double, Double)]] = []
    for i in 0..<n {
      guard let v = s.values[i] else {
        if !(solid.last?.isEmpty ?? true) { solid.append([]) }
        continue
      }
      let point = (layout.xi(i), layout.y(v))
      let previousPartial = i > 0 && m.partial[i - 1] && s.values[i - 1] != nil
      if m.partial[i] || previousPartial, i > 0, let pv = s.values[i - 1] {
        dashed.append([(layout.xi(i - 1), layout.y(pv)), point])
        if !(solid.last?.isEmpty ?? true) { solid.append([]) }
        if !m.partial[i] { solid[solid.count - 1].append(point) }
      } else if !m.partial[i] {
        solid[solid.count - 1].append(point)
      }
    }
    let line = SVGClass.attribute([.line], color: s.color, muted: s.muted)
    let dot = SVGClass.attribute([], color: s.color, muted: s.muted)
    var body = ""
    for segment in solid where segment.count >= 2 { body += SVG.path(decimated(segment), cls: line) }
    for segment in solid where segment.count == 1 {
      body += SVG.circle(cx: segment[0].0, cy: segment[0].1, r: 2.5, cls: dot)
    }
    let dashedClass = SVGClass.attribute([.line], color: s.color, muted: s.muted, trailing: [.dashed])
    for segment in dashed { body += SVG.path(segment, cls: dashedClass) }
    // A value with no neighbour to join (one period, or gaps around it) is a dot.
    for i in 0..<n where s.values[i] != nil && m.partial[i] {
      let alone = (i == 0 || s.values[i - 1] == nil) && (i == n - 1 || s.values[i + 1] == nil)
      if alone { body += SVG.circle(cx: layout.xi(i), cy: layout.y(s.values[i]!), r: 2.5, cls: dot) }
    }
    return body
  }

  /// A line of more points than pixel columns, drawn the same with fewer: per column of one
  /// unit, its first, lowest, highest and last point (the M4 reduction), so a daily line
  /// over decades is not a path of a million points. Lines that fit are kept as they are.
  static func decimated(_ points: [(Double, Double)]) -> [(Double, Double)] {
    guard let first = points.first, let last = points.last, Double(points.count) > 4 * (last.0 - first.0 + 1)
    else { return points }
    var kept: [(Double, Double)] = []
    var start = 0
    while start < points.count {
      let column = points[start].0.rounded(.down)
      var end = start
      var low = start
      var high = start
      while end + 1 < points.count, points[end + 1].0.rounded(.down) == column {
        end += 1
        if points[end].1 < points[low].1 { low = end }
        if points[end].1 > points[high].1 { high = end }
      }
      for i in Set([start, low, high, end]).sorted() { kept.append(points[i]) }
      start = end + 1
    }
    return kept
  }
}
