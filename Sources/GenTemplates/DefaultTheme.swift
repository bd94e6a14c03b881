import Foundation

/// The built-in default theme: the files of this repository's `templates/` folder,
/// embedded at build time by the EmbedTheme plugin. Used when a site has no
/// `templates/` folder (or lacks one of the files), and written out by `gen new`.
public enum DefaultTheme {
  /// One embedded file.
  struct EmbeddedFile {
    let path: String
    let bytes: [UInt8]

    init(path: String, text: String) {
      self.path = path
      self.bytes = Array(text.utf8)
    }

    init(path: String, base64: String) {
      self.path = path
      self.bytes = Array(Data(base64Encoded: base64) ?? Data())
    }
  }

  /// Every file of the theme, by path inside `templates/` (`base.mustache`,
  /// `assets/style.css`), sorted by path.
  public static let files: [(path: String, bytes: [UInt8])] = embeddedFiles.map { ($0.path, $0.bytes) }

  /// The text of a theme file.
  public static func text(_ path: String) -> String? {
    files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
  }
}
