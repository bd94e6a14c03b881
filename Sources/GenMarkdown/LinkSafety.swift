/// Link destinations that must never reach a page.
enum LinkSafety {
  /// Whether a destination runs script or reaches the reader's disk
  /// (`javascript:`, `vbscript:`, `file:`, `data:` other than images).
  static func isDangerous(_ url: String) -> Bool {
    let lowered = String(url.unicodeScalars.filter { !$0.properties.isWhitespace && $0.value >= 0x20 })
      .lowercased()
    for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return true }
    if lowered.hasPrefix("data:") {
      return
        !(lowered.hasPrefix("data:image/png") || lowered.hasPrefix("data:image/gif")
        || lowered.hasPrefix("data:image/jpeg") || lowered.hasPrefix("data:image/webp"))
    }
    return false
  }
}
