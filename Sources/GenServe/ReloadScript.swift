/// The script `gen serve` adds before `</body>` of every page (through
/// `BuildOptions.bodySuffix`, so `gen build` output never holds it).
///
/// Each page carries the version of the build it came from. The script asks
/// `/__gen/version?since=VERSION`; the server answers as soon as the version differs,
/// or after a while (10 s) with the same version, and the script asks again. A different
/// answer reloads the page. When the server is gone the script retries once a second,
/// and reloads when a new server (a new version) answers.
public enum ReloadScript {
  /// The endpoint that answers with the current version, as plain text.
  public static let versionPath = "/__gen/version"

  /// The marker attribute of the script element, to find it in served pages.
  public static let marker = "data-gen-serve"

  /// The `<script>` element for pages of the build with this version.
  public static func tag(version: String) -> String {
    // The version is made of letters, digits and dots only (see `SiteState`), so it
    // needs no escaping inside the string literal.
    """
    <script \(marker)>
    (function () {
      var version = "\(version)";
      function poll(delay) {
        setTimeout(function () {
          fetch("\(versionPath)?since=" + encodeURIComponent(version), { cache: "no-store" })
            .then(function (response) {
              if (!response.ok) { throw new Error("status " + response.status); }
              return response.text();
            })
            .then(function (text) {
              if (text.trim() !== version) { location.reload(); } else { poll(100); }
            })
            .catch(function () { poll(1000); });
        }, delay);
      }
      poll(0);
    })();
    </script>

    """
  }
}
