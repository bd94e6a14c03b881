/// 100%-stacked areas: one band per series, thin background-coloured separators between
/// bands, and hatching over partial periods.
enum AreaMarks {
  static func draw(_ layout: TimeChartLayout) -> String {
    let m = layout.model
    let n = layout.count
    var body = ""
    var lower = [Double](repeating: 0, count: n)
    var separators = ""
    for s in m.series {
      let upper = (0..<n).map { lower[$0] + (s.values[$0] ?? 0) }
      let forward = (0..<n).map { (layout.xi($0), layout.y(upper[$0])) }
      let backward = (0..<n).reversed().map { (layout.xi($0), layout.y(lower[$0])) }
      body += SVG.path(
        forward + backward, cls: SVGClass.attribute([.area], color: s.color, muted: s.muted), closed: true,
        title: s.name)
      if s.name != m.series.last?.name { separators += SVG.path(forward, cls: SVGClass.sep.rawValue) }
      lower = upper
    }
    return body + separators
  }

  /// Hatching over the partial periods: half-way to each neighbour, to the edge at the ends.
  static func hatching(_ layout: TimeChartLayout) -> String {
    let n = layout.count
    var body = ""
    for i in 0..<n where layout.model.partial[i] {
      let half =
        n > 1
        ? (layout.xi(min(i + 1, n - 1)) - layout.xi(max(i - 1, 0))) / (i == 0 || i == n - 1 ? 2 : 4) : 10
      let x0 = max(layout.plotLeft, i == n - 1 ? layout.xi(i) - half : layout.xi(i) - half / 2)
      let x1 = min(layout.plotRight, i == 0 ? layout.xi(i) + half : layout.xi(i) + half / 2)
      body += SVG.rect(
        x: x0, y: layout.plotTop, width: max(0, x1 - x0), height: layout.bottom - layout.plotTop,
        cls: SVGClass.partial.rawValue, fill: "url(#\(layout.hatchID))")
    }
    return body
  }
}
