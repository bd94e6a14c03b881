import GenCore
import GenData

extension ValidateStep {
  /// One page per distinct value of `column` in the page's dataset.
  static func expandDataPage(
    _ file: SourcePage, column: String, datasets: [String: Dataset], diagnostics: inout Diagnostics
  ) -> [Page] {
    let path = file.path
    let text = file.text
    let page = file.page
    guard let source = file.dataSource else {
      diagnostics.error(
        "content/\(path) is a page from data but names no dataset", at: page.frontMatterLocation,
        hint: "add 'data: DATASET' to its front matter; one page is made per value of '\(column)'")
      return []
    }
    guard let dataset = datasets[source.dataset] else {
      if diagnostics.hasFailed(.dataset(source.dataset)) { return [] }  // failed to load, already reported
      diagnostics.error(
        "unknown dataset '\(source.dataset)'", at: source.location,
        hint: Suggestion.hintOrList(for: source.dataset, in: Array(datasets.keys), noun: "dataset"))
      return []
    }
    guard let (codes, dictionary) = dataset.codes(of: column) else {
      diagnostics.error(
        "dataset '\(dataset.name)' has no column '\(column)' (from the file name [\(column)].md)",
        at: SourceLocation(path: "content/" + path),
        hint: Suggestion.hintOrList(for: column, in: dataset.columnNames, noun: "column"))
      return []
    }
    // The first row of each value gives the page's parameters.
    var firstRow = [Int](repeating: -1, count: dictionary.count)
    for (row, code) in codes.enumerated() where code != Missing.code && firstRow[Int(code)] < 0 {
      firstRow[Int(code)] = row
    }
    let folder = SitePath.directory(of: path)
    var usedSlugs = Set<String>()
    var out: [Page] = []
    for (code, value) in dictionary.enumerated().sorted(by: { $0.element < $1.element })
    where firstRow[code] >= 0 {
      var params: [String: String] = [:]
      for c in dataset.table.columns { params[c.name] = c.string(at: firstRow[code]) ?? "" }
      params[column] = value
      // The front matter's problems are the source file's: reported with the first page.
      var problems = diagnostics.forTask()
      var (instance, _, _) = ContentLoader.page(path: path, text: text, params: params, into: &problems)
      if out.isEmpty { diagnostics.merge(problems) }
      let slug = Slug.unique(Slug.make(value), in: &usedSlugs)
      instance.outputPath = SitePath.join(SitePath.join(folder, slug), "index.html")
      instance.kind = .page
      instance.params = params
      instance.dataColumn = column
      instance.document = page.document
      if instance.title == page.title, page.title == ContentLoader.titleFromFileName("[\(column)]") {
        instance.title = value
      }
      out.append(instance)
    }
    return out
  }
}
