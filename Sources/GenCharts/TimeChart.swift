import GenCore
import GenData

/// Area (100%-stacked), stacked column and line charts on a time axis.
struct TimeChart {
  let model: ChartModel
  /// Prefix of the ids inside this SVG.
  let id: String
  let width: Double
  let height: Double

  /// Whether charts of a type are drawn by this type.
  static func draws(_ type: ChartType) -> Bool { type == .area || type == .column || type == .line }

  func render() -> String {
    let m = model
    let n = m.days.count
    let font = ChartFrame.font
    // One period cannot make an area: it is drawn as a single stacked column.
    let isColumn = m.spec.type == .column || (m.spec.type == .area && n == 1)
    let isArea = m.spec.type == .area && n > 1
    // Stacked columns: positive values stack up from 0, negative ones down.
    let stackedMax: Double? =
      isColumn && !m.stacked100
      ? (0..<n).map { i in m.series.reduce(0) { $0 + max(0, $1.values[i] ?? 0) } }.max() : nil
    let stackedMin: Double? =
      isColumn && !m.stacked100
      ? (0..<n).map { i in m.series.reduce(0) { $0 + min(0, $1.values[i] ?? 0) } }.min() : nil
    let axis = ChartFrame.valueAxis(m, stackedMax: stackedMax, stackedMin: stackedMin)
    let left = (axis.labels.map { TextMetrics.width($0, size: ChartFrame.tickFont) }.max() ?? 20) + 8
    var body = ""

    // Direct labels at the series' ends, or a legend when they do not fit.
    let labelWidth = (m.series.map { TextMetrics.width($0.name, size: font) }.max() ?? 0) + 10
    var useLegend = m.series.count > 1 && labelWidth > width * 0.32
    if m.series.count == 1 && !isArea { useLegend = false }
    var top = 8.0
    var legendSVG = ""
    if useLegend {
      let (svg, h) = ChartFrame.legend(m.series, x: left, y: top, width: width - left)
      legendSVG = svg
      top += h + 6
    }
    // Annotation labels in rows above the plot.
    let right = useLegend || m.series.count == 1 && !isArea ? 12.0 : labelWidth + 6
    let plotLeft = left
    let plotRight = width - right
    let firstDay = m.days.first ?? Day(index: 0)
    let lastDay = m.days.last ?? firstDay
    let span = Double(max(1, lastDay.index - firstDay.index))
    let step = (plotRight - plotLeft) / Double(max(n, 1))
    func x(_ day: Day) -> Double {
      if isColumn {
        let f = n > 1 ? Double(day.index - firstDay.index) / span * Double(n - 1) : 0
        return plotLeft + step * (f + 0.5)
      }
      if n == 1 { return (plotLeft + plotRight) / 2 }
      return plotLeft + (plotRight - plotLeft) * Double(day.index - firstDay.index) / span
    }
    func xi(_ i: Int) -> Double { x(m.days[i]) }
    let visibleAnnotations = m.spec.annotations.filter { $0.at >= firstDay && $0.at <= lastDay }
    var annotationRows: [[(Double, Double)]] = []
    var annotationPlacement: [(Annotation, row: Int, x: Double, anchorEnd: Bool)] = []
    for a in visibleAnnotations.sorted(by: { $0.at < $1.at }) {
      let ax = x(a.at)
      let w = TextMetrics.width(a.label, size: 11)
      let anchorEnd = ax + 4 + w > width - 2
      let extent = anchorEnd ? (ax - 4 - w, ax) : (ax, ax + 4 + w)
      var row = 0
      while row < annotationRows.count,
        annotationRows[row].contains(where: { $0.0 < extent.1 + 6 && extent.0 < $0.1 + 6 })
      {
        row += 1
      }
      if row == annotationRows.count { annotationRows.append([]) }
      annotationRows[row].append(extent)
      annotationPlacement.append((a, row, ax, anchorEnd))
    }
    let annotationTop = top
    top += Double(annotationRows.count) * 15 + (annotationRows.isEmpty ? 0 : 4)
    let bottom = height - 24
    let plotTop = top + 4
    func y(_ v: Double) -> Double {
      let f = (v - axis.low) / max(axis.high - axis.low, 1e-12)
      return axis.reversed ? plotTop + (bottom - plotTop) * f : bottom - (bottom - plotTop) * f
    }

    // Grid and value axis.
    for (t, label) in zip(axis.ticks, axis.labels) {
      body += SVG.line(
        plotLeft, y(t), plotRight, y(t),
        cls: !axis.reversed && (t == 0 || t == axis.low && axis.low > 0) ? "axis" : "grid")
      body += SVG.text(label, x: plotLeft - 6, y: y(t) + 4, anchor: "end", cls: "tick-label")
    }

    // Marks.
    let hatchID = "\(id)-hatch"
    var defs = ""
    if m.partial.contains(true) { defs += ChartFrame.hatchPattern(id: hatchID) }
    if isArea {
      var lower = [Double](repeating: 0, count: n)
      var separators = ""
      for s in m.series {
        let upper = (0..<n).map { lower[$0] + (s.values[$0] ?? 0) }
        let forward = (0..<n).map { (xi($0), y(upper[$0])) }
        let backward = (0..<n).reversed().map { (xi($0), y(lower[$0])) }
        let d = SVG.polyline(forward + backward) + " Z"
        body +=
          "<path class=\"area \(SVG.colorClass(s.color))\(s.muted ? " muted" : "")\" d=\"\(d)\"><title>\(Escape.text(s.name))</title></path>"
        if s.name != m.series.last?.name {
          separators += "<path class=\"sep\" d=\"\(SVG.polyline(forward))\"/>"
        }
        lower = upper
      }
      body += separators
    } else if isColumn {
      let barWidth = n == 1 ? min(step * 0.5, 80) : step * 0.78
      for i in 0..<n {
        // Positive values stack up from 0, negative ones down.
        var up = 0.0
        var down = 0.0
        for s in m.series {
          let v = s.values[i] ?? 0
          guard v != 0 else { continue }
          let from = v > 0 ? up : down
          let to = from + v
          if v > 0 { up = to } else { down = to }
          body +=
            "<rect class=\"bar \(SVG.colorClass(s.color))\(s.muted ? " muted" : "")\" x=\"\(SVG.n(xi(i) - barWidth / 2))\" y=\"\(SVG.n(min(y(from), y(to))))\" width=\"\(SVG.n(barWidth))\" height=\"\(SVG.n(abs(y(from) - y(to))))\"/>"
        }
        if m.partial[i] {
          body +=
            "<rect class=\"partial\" fill=\"url(#\(hatchID))\" x=\"\(SVG.n(xi(i) - barWidth / 2))\" y=\"\(SVG.n(y(up)))\" width=\"\(SVG.n(barWidth))\" height=\"\(SVG.n(max(0, y(down) - y(up))))\"/>"
        }
      }
    } else {
      for s in m.series {
        var solid: [[(Double, Double)]] = [[]]
        var dashed: [[(Double, Double)]] = []
        for i in 0..<n {
          guard let v = s.values[i] else {
            if !(solid.last?.isEmpty ?? true) { solid.append([]) }
            continue
          }
          let point = (xi(i), y(v))
          let previousPartial = i > 0 && m.partial[i - 1] && s.values[i - 1] != nil
          if m.partial[i] || previousPartial, i > 0, let pv = s.values[i - 1] {
            dashed.append([(xi(i - 1), y(pv)), point])
            if !(solid.last?.isEmpty ?? true) { solid.append([]) }
            if !m.partial[i] { solid[solid.count - 1].append(point) }
          } else if !m.partial[i] {
            solid[solid.count - 1].append(point)
          }
        }
        let cls = "line \(SVG.colorClass(s.color))\(s.muted ? " muted" : "")"
        for segment in solid where segment.count >= 2 {
          body += "<path class=\"\(cls)\" d=\"\(SVG.polyline(segment))\"/>"
        }
        for segment in solid where segment.count == 1 {
          body +=
            "<circle class=\"\(SVG.colorClass(s.color))\(s.muted ? " muted" : "")\" cx=\"\(SVG.n(segment[0].0))\" cy=\"\(SVG.n(segment[0].1))\" r=\"2.5\"/>"
        }
        for segment in dashed { body += "<path class=\"\(cls) dashed\" d=\"\(SVG.polyline(segment))\"/>" }
        // A value with no neighbour to join (one period, or gaps around it) is a dot.
        for i in 0..<n where s.values[i] != nil && m.partial[i] {
          let alone = (i == 0 || s.values[i - 1] == nil) && (i == n - 1 || s.values[i + 1] == nil)
          if alone {
            body +=
              "<circle class=\"\(SVG.colorClass(s.color))\(s.muted ? " muted" : "")\" cx=\"\(SVG.n(xi(i)))\" cy=\"\(SVG.n(y(s.values[i]!)))\" r=\"2.5\"/>"
          }
        }
      }
    }
    if isArea, m.partial.contains(true) {
      for i in 0..<n where m.partial[i] {
        let half = n > 1 ? (xi(min(i + 1, n - 1)) - xi(max(i - 1, 0))) / (i == 0 || i == n - 1 ? 2 : 4) : 10
        let x0 = max(plotLeft, i == n - 1 ? xi(i) - half : xi(i) - half / 2)
        let x1 = min(plotRight, i == 0 ? xi(i) + half : xi(i) + half / 2)
        body +=
          "<rect class=\"partial\" fill=\"url(#\(hatchID))\" x=\"\(SVG.n(x0))\" y=\"\(SVG.n(plotTop))\" width=\"\(SVG.n(max(0, x1 - x0)))\" height=\"\(SVG.n(bottom - plotTop))\"/>"
      }
    }

    // Time axis: month or quarter starts, labels that do not overlap.
    let ticks = timeTicks(from: firstDay, to: lastDay, x: x)
    for (i, t) in ticks.enumerated() {
      let tx = x(t.day)
      body += SVG.line(tx, bottom, tx, bottom + 4, cls: "axis")
      let w = TextMetrics.width(t.label, size: ChartFrame.tickFont)
      var anchor = "middle"
      var lx = tx
      if tx - w / 2 < 0 {
        anchor = "start"
        lx = max(0, tx - 2)
      } else if tx + w / 2 > width, i == ticks.count - 1 {
        anchor = "end"
        lx = min(width, tx + 2)
      }
      body += SVG.text(t.label, x: lx, y: bottom + 17, anchor: anchor, cls: "tick-label")
    }

    // Annotations.
    for (a, row, ax, anchorEnd) in annotationPlacement {
      let ly = annotationTop + Double(row) * 15 + 11
      body += SVG.line(ax, ly + 4, ax, bottom, cls: "annotation")
      body += "<circle class=\"annotation-dot\" cx=\"\(SVG.n(ax))\" cy=\"\(SVG.n(ly + 4))\" r=\"2\"/>"
      body += SVG.text(
        a.label, x: anchorEnd ? ax - 4 : ax + 4, y: ly, anchor: anchorEnd ? "end" : "start",
        cls: "annotation-label")
    }

    // Series labels.
    if useLegend {
      body += legendSVG
    } else if !(m.series.count == 1 && !isArea) {
      var desired: [Double] = []
      for (k, s) in m.series.enumerated() {
        let last = (0..<n).last { s.values[$0] != nil } ?? max(n - 1, 0)
        if isArea || isColumn {
          let below = m.series[..<k].reduce(0) { $0 + ($1.values[last] ?? 0) }
          desired.append(y(below + (s.values[last] ?? 0) / 2))
        } else {
          desired.append(y(s.values[last] ?? 0))
        }
      }
      let placed = LabelPlacement.spread(
        desired, gap: ChartFrame.labelGap, low: plotTop + 4, high: bottom - 2)
      let lx = isColumn ? plotRight + 6 : plotRight + 6
      for (k, s) in m.series.enumerated() {
        if abs(placed[k] - desired[k]) > 3 {
          body +=
            "<path class=\"leader\" d=\"M\(SVG.n(plotRight + 1)) \(SVG.n(desired[k])) L\(SVG.n(lx - 1)) \(SVG.n(placed[k]))\"/>"
        }
        body += SVG.text(
          s.name, x: lx + 2, y: placed[k] + 4,
          cls: "label \(SVG.textClass(s.color))\(s.muted ? " muted" : "")")
      }
    }
    return (defs.isEmpty ? "" : "<defs>\(defs)</defs>") + body
  }

  /// Ticks at month, quarter or year starts, or at period starts for short ranges.
  func timeTicks(from first: Day, to last: Day, x: (Day) -> Double) -> [(day: Day, label: String)] {
    if model.unit == .year { return model.days.map { ($0, "\($0.year)") } }
    let ticks = Ticks.months(from: first, to: last, x: x, fontSize: ChartFrame.tickFont)
    if ticks.count >= 2 { return ticks }
    return Ticks.periods(model.days, x: x, fontSize: ChartFrame.tickFont)
  }
}
