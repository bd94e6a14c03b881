/// The classes of chart marks. `chart.css` (the theme's chart stylesheet) styles each
/// of them, and every mark takes its classes from here, so that the two cannot drift
/// apart: a test compares this list with the stylesheet's selectors both ways.
public enum SVGClass: String, Sendable, CaseIterable {
  /// The `<svg>` of a chart, and of an inline sparkline.
  case chart, spark
  case grid, axis
  case tickLabel = "tick-label"
  case label
  case valueLabel = "value-label"
  /// Title, subtitle and foot lines of a standalone `.svg`.
  case title, subtitle, foot
  case annotation
  case annotationDot = "annotation-dot"
  case annotationLabel = "annotation-label"
  /// A line from a moved label to the end of its series.
  case leader
  /// A background-coloured line between stacked bands.
  case sep
  /// The stripes of the hatching pattern over partial periods.
  case hatch
  /// The rectangle behind a standalone `.svg`.
  case background
  /// A series drawn behind the highlighted ones.
  case muted
  case area, bar, line, dashed
  /// A rectangle filled with the hatching pattern (styled by its `fill`, not its class).
  case partial

  /// Whether `chart.css` must style the class (the pattern rectangle carries its fill).
  public var isStyled: Bool { self != .partial }

  /// The `class` attribute of a mark: its own classes, then its colour's class (fill and
  /// stroke, or text fill), then `muted`, then `trailing`.
  static func attribute(
    _ classes: [SVGClass], color: SeriesColor? = nil, text: Bool = false, muted: Bool = false,
    trailing: [SVGClass] = []
  ) -> String {
    var parts = classes.map(\.rawValue)
    if let color { parts.append((text ? "t" : "c") + color.classSuffix) }
    if muted { parts.append(SVGClass.muted.rawValue) }
    parts += trailing.map(\.rawValue)
    return parts.joined(separator: " ")
  }
}

extension SeriesColor {
  /// Every colour a series can have.
  public static let all: [SeriesColor] = (1...Palette.slots).map(SeriesColor.palette) + [.other, .ink]

  /// The fill-and-stroke class (`c1`) and the text class (`t1`).
  public var classNames: [String] { ["c" + classSuffix, "t" + classSuffix] }
}
