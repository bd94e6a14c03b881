/// Stacked columns: positive values stack up from 0, negative ones down; a partial
/// period's column is hatched.
enum ColumnMarks {
  static func draw(_ layout: TimeChartLayout) -> String {
    let m = layout.model
    let n = layout.count
    let barWidth = n == 1 ? min(layout.step * 0.5, 80) : layout.step * 0.78
    var body = ""
    for i in 0..<n {
      var up = 0.0
      var down = 0.0
      let left = layout.xi(i) - barWidth / 2
      for s in m.series {
        let v = s.values[i] ?? 0
        guard v != 0 else { continue }
        let from = v > 0 ? up : down
        let to = from + v
        if v > 0 { up = to } else { down = to }
        body += SVG.rect(
          x: left, y: min(layout.y(from), layout.y(to)), width: barWidth,
          height: abs(layout.y(from) - layout.y(to)),
          cls: SVGClass.attribute([.bar], color: s.color, muted: s.muted))
      }
      if m.partial[i] {
        body += SVG.rect(
          x: left, y: layout.y(up), width: barWidth, height: max(0, layout.y(down) - layout.y(up)),
          cls: SVGClass.partial.rawValue, fill: "url(#\(layout.hatchID))")
      }
    }
    return body
  }
}
