/// Plain text out of small HTML fragments gen generated itself.
public enum HTMLText {
  /// Removes tags and decodes the five basic entities.
  public static func strip(_ html: String) -> String {
    var out = ""
    var inTag = false
    for ch in html {
      if ch == "<" {
        inTag = true
      } else if ch == ">" {
        inTag = false
      } else if !inTag {
        out.append(ch)
      }
    }
    return
      out
      .replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">")
      .replacingAll("&quot;", with: "\"").replacingAll("&#39;", with: "'")
      .replacingAll("&amp;", with: "&")
  }
}
