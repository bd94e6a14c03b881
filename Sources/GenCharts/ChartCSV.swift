import GenCore
import GenData

/// The exact plotted numbers, one row per point (long format).
enum ChartCSV {
  static func make(_ m: ChartModel) -> String {
    let models = m.facets.isEmpty ? [("", m)] : m.facets.map { ($0.title, $0.model) }
    let hasFacet = !m.facets.isEmpty
    var out: [UInt8] = []
    out.reserveCapacity(64 * models.reduce(0) { $0 + $1.1.series.count * $1.1.labels.count } + 64)
    out += Array(((hasFacet ? "facet," : "") + "period_start,period,group,value,partial\n").utf8)
    for (facet, model) in models {
      // The period columns are the same for every series: made once per x.
      let periods: [[UInt8]] = model.labels.indices.map { i in
        Array(
          ((model.days.indices.contains(i) ? model.days[i].description : "") + ","
            + Escape.csv(model.labels[i])).utf8)
      }
      let prefix = hasFacet ? Array((Escape.csv(facet) + ",").utf8) : []
      for s in model.series {
        let group = Array(("," + Escape.csv(s.name) + ",").utf8)
        for i in s.values.indices {
          out += prefix
          out += i < periods.count ? periods[i] : [0x2C]
          out += group
          if let v = s.values[i] { out += Array(NumberText.plain(v).utf8) }
          out +=
            model.partial.indices.contains(i) && model.partial[i]
            ? Array(",true\n".utf8) : Array(",false\n".utf8)
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
