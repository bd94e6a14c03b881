import GenCore
import GenData
import Testing

/// Small weekly datasets whose metrics are computed by hand in the tests.
///
/// `weekly` (tokens; `series` top = the universe of `within: { series: top }`):
///
/// | week       | a/x CN top | b/y US top | c/z US top | d/w FR tail | top universe | all  |
/// |------------|-----------:|-----------:|-----------:|------------:|-------------:|-----:|
/// | 2026-01-05 |         30 |         50 |         20 |         100 |          100 |  200 |
/// | 2026-01-12 |        120 |         80 |          – |          50 |          200 |  250 |
/// | 2026-01-19 |         10 |         70 |         20 |           – |          100 |  100 |
/// | 2026-01-26 |          – |         60 |         40 |           – |          100 |  100 |
/// | 2026-02-02 |          – |          – |          – |          10 |            0 |   10 |
///
/// `req` (a second measure) is filled in the first week only: a 1.5, b 1, c 0.5, d 7.
///
/// `platform` (total tokens by week): 2025-12-29 1000, 01-05 400, 01-12 500, 01-19 200,
/// (no 01-26), 02-02 100, 02-09 300.
enum MetricFixtures {
  static let weeklyCSV = """
    week,model,origin,series,tokens,req
    2026-01-05,a/x,CN,top,30,1.5
    2026-01-05,b/y,US,top,50,1
    2026-01-05,c/z,US,top,20,0.5
    2026-01-05,d/w,FR,tail,100,7
    2026-01-12,a/x,CN,top,120,
    2026-01-12,b/y,US,top,80,
    2026-01-12,d/w,FR,tail,50,
    2026-01-19,a/x,CN,top,10,
    2026-01-19,b/y,US,top,70,
    2026-01-19,c/z,US,top,20,
    2026-01-26,b/y,US,top,60,
    2026-01-26,c/z,US,top,40,
    2026-02-02,d/w,FR,tail,10,
    """

  static let platformCSV = """
    week_monday,total_tokens
    2025-12-29,1000
    2026-01-05,400
    2026-01-12,500
    2026-01-19,200
    2026-02-02,100
    2026-02-09,300
    """

  /// Ties for ranks in the week of 5 Jan: x and y hold 50 each, z 20. (A second week
  /// shows the data is weekly: with one date only, it would count as daily.)
  static let tiesCSV =
    "week,model,tokens\n2026-01-05,x,50\n2026-01-05,y,50\n2026-01-05,z,20\n2026-01-12,z,1\n"

  /// A dataset without a time column.
  static let staticCSV = "model,tokens\nx,1\ny,3\n"

  static func engine() throws -> QueryEngine {
    QueryEngine(datasets: [
      "weekly": try TestData.dataset("weekly", weeklyCSV, time: "week", value: "tokens"),
      "platform": try TestData.dataset("platform", platformCSV, time: "week_monday", value: "total_tokens"),
      "ties": try TestData.dataset("ties", tiesCSV, time: "week", value: "tokens"),
      "static": try TestData.dataset("static", staticCSV, value: "tokens"),
    ])
  }

  /// The numerator of CN's share within the top series: `where: { origin: CN }, within: { series: top }`.
  static let cnTop = "data: weekly\nwhere: { origin: CN }\nwithin: { series: top }\n"
}
