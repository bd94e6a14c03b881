import Foundation
import GenCore
import GenTemplates

/// The site `gen new` writes: small, but using every part (a dataset, a metric, a
/// checked claim, a chart, a link between pages, the default theme).
public enum StarterSite {
  /// Why the site could not be created.
  public struct Failure: Error, CustomStringConvertible {
    /// Explanation.
    public var description: String
  }

  /// The files of the starter site by path.
  public static var files: [(String, [UInt8])] {
    var files: [(String, [UInt8])] = [
      ("gen.yml", Array(config.utf8)),
      (".gitignore", Array("public/\n.gen-cache/\n".utf8)),
      ("content/index.md", Array(home.utf8)),
      ("content/about.md", Array(about.utf8)),
      ("content/data/visits.csv", Array(data.utf8)),
    ]
    for file in DefaultTheme.files { files.append(("templates/" + file.path, file.bytes)) }
    return files
  }

  /// Writes the starter site into an empty or new folder.
  public static func write(to root: String) throws(Failure) {
    let fm = FileManager.default
    if fm.fileExists(atPath: root) {
      let entries = (try? fm.contentsOfDirectory(atPath: root)) ?? []
      if !entries.isEmpty { throw Failure(description: "\(root) exists and is not empty") }
    }
    do {
      for (path, bytes) in files {
        let full = root + "/" + path
        try fm.createDirectory(
          atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard fm.createFile(atPath: full, contents: Data(bytes)) else {
          throw Failure(description: "cannot write \(full)")
        }
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(description: "cannot create \(root): \(error.localizedDescription)")
    }
  }

  static let config = """
    title: "Visits by browser"
    description: "A small gen site: one dataset, one metric, one chart."
    language: en
    datasets:
      visits:
        file: content/data/visits.csv
        time: week
        value: visits
    """ + "\n"

  static let home = """
    ---
    title: Visits by browser
    summary: Which browsers our readers use, week by week.
    metrics:
      firefox_share:
        data: visits
        where: { browser: Firefox }
        per: week
        at: 2026-01-19
      firefox_mean:
        data: visits
        where: { browser: Firefox }
        per: week
        agg: mean
    ---

    In the week of 19 January, Firefox had {{ firefox_share }} of visits; over all
    weeks its mean weekly share was {{ firefox_mean ~ 30% ± 3pp }}.

    ```chart
    type: area
    data: visits
    per: week
    by: browser
    title: Share of visits by browser
    subtitle: Weekly share of all visits
    source: Example data
    ```

    Read more [about this site](about.md).
    """ + "\n"

  static let about = """
    ---
    title: About
    ---

    This site was made by `gen new`. Edit the Markdown in `content/`, the data in
    `content/data/`, and run `gen build`.
    """ + "\n"

  static let data = """
    week,browser,visits
    2026-01-05,Firefox,310
    2026-01-05,Chrome,520
    2026-01-05,Safari,170
    2026-01-12,Firefox,290
    2026-01-12,Chrome,540
    2026-01-12,Safari,180
    2026-01-19,Firefox,305
    2026-01-19,Chrome,530
    2026-01-19,Safari,165
    2026-01-26,Firefox,280
    2026-01-26,Chrome,560
    2026-01-26,Safari,175
    """ + "\n"
}
