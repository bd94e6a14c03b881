import GenCore
import Mustache

extension TemplateSet {
  /// The most transforms one tag may nest (`{{ a(b(c)) }}` nests two).
  static let transformLimit = 16

  /// The template a name in `{{> name}}` (or a registered name) stands for: the template
  /// of that name, else `partials/name`; nil when neither exists.
  static func template<Value>(named name: String, among templates: [String: Value]) -> String? {
    if templates[name] != nil { return name }
    if templates["partials/" + name] != nil { return "partials/" + name }
    return nil
  }

  /// Parses one template once its scan shows the parser can take it; reports why not.
  static func parse(
    _ entry: (text: String, path: String), scan: TemplateScan, into diagnostics: inout Diagnostics
  ) -> MustacheTemplate? {
    if let position = scan.tooDeepAt {
      diagnostics.error(
        "sections nest more than \(TemplateExpansion.limit) levels deep",
        at: SourceLocation(path: entry.path, line: position.line, column: position.column),
        hint: "close sections with {{/name}} sooner, or move nested parts into partials")
      return nil
    }
    if scan.transformNesting > transformLimit, let position = scan.transformNestingAt {
      diagnostics.error(
        "a tag nests more than \(transformLimit) transforms",
        at: SourceLocation(path: entry.path, line: position.line, column: position.column),
        hint: "gen's templates need no transforms; check the tag's parentheses")
      return nil
    }
    do {
      return try MustacheTemplate(string: entry.text)
    } catch let error as MustacheTemplate.ParserError {
      diagnostics.error(
        "template syntax error: \(describe(error.error))",
        at: SourceLocation(
          path: entry.path, line: error.context.lineNumber, column: error.context.columnNumber + 1),
        hint: "check that every {{#section}} is closed with {{/section}} and every tag with }}")
    } catch {
      diagnostics.error("template cannot be parsed: \(error)", at: SourceLocation(path: entry.path))
    }
    return nil
  }

  /// The checks of includes between templates, with what is needed to locate problems.
  struct IncludeChecks {
    let texts: [String: (text: String, path: String)]
    let scans: [String: TemplateScan]

    /// Templates that must not be registered: those with dynamic partials, and those in a
    /// cycle or nesting too deep (each reported).
    func unsafeTemplates(
      _ outlines: [String: TemplateOutline], paths: [String: String], parsed: [String: MustacheTemplate],
      _ diagnostics: inout Diagnostics
    ) -> Set<String> {
      var unsafe = Set<String>()
      for (name, outline) in outlines.sorted(by: { $0.key < $1.key }) {
        for (partial, dynamic) in outline.partialNames where dynamic {
          unsafe.insert(name)
          diagnostics.error(
            "dynamic partial '\(partial)' is not supported",
            at: location(of: "*" + partial, in: name, texts: texts, scans: scans),
            hint: "gen checks every include for cycles before it renders, and a name taken from the data "
              + "cannot be checked; include the partial by its name, inside a section if it is optional")
        }
      }
      let expansion = TemplateExpansion(outlines: outlines.filter { !unsafe.contains($0.key) }) { name in
        template(named: name, among: paths).flatMap { template(named: $0, among: parsed) }
      }
      for problem in expansion.problems {
        report(problem, texts: texts, scans: scans, into: &diagnostics)
      }
      return unsafe.union(expansion.unsafeTemplates)
    }

    /// Partials that templates include but that do not exist.
    func reportMissingPartials(
      _ outlines: [String: TemplateOutline], registered: [String: String], _ diagnostics: inout Diagnostics
    ) {
      for (name, outline) in outlines.sorted(by: { $0.key < $1.key }) where registered[name] != nil {
        for (partial, dynamic) in outline.partialNames
        where !dynamic && template(named: partial, among: texts) == nil {
          diagnostics.error(
            "template includes partial '\(partial)', which does not exist",
            at: location(of: partial, in: name, texts: texts, scans: scans),
            hint: Suggestion.hint(for: partial, in: Array(registered.keys))
              ?? "add templates/partials/\(partial).mustache")
        }
      }
    }
  }

  /// Where a template includes `partial` (its first `{{> partial}}` or `{{< partial}}`),
  /// or expands a block (`{{$ block}}`); the template's file when no such tag is found.
  static func location(
    of partial: String, in template: String, texts: [String: (text: String, path: String)],
    scans: [String: TemplateScan], block: Bool = false
  ) -> SourceLocation {
    let path = texts[template]?.path ?? template
    let tags = block ? scans[template]?.blocks : scans[template]?.includes
    guard let include = tags?.first(where: { $0.name == partial }) else {
      return SourceLocation(path: path)
    }
    return SourceLocation(path: path, line: include.position.line, column: include.position.column)
  }

  /// Reports a cycle or a too-deep expansion at the tag that closes it.
  static func report(
    _ problem: TemplateExpansion.Problem, texts: [String: (text: String, path: String)],
    scans: [String: TemplateScan], into diagnostics: inout Diagnostics
  ) {
    let at =
      problem.partial.map { location(of: $0, in: problem.template, texts: texts, scans: scans) }
      ?? location(of: problem.block ?? "", in: problem.template, texts: texts, scans: scans, block: true)
    let chain = shortened(problem.chain).joined(separator: " → ")
    switch problem.kind {
    case .cycle:
      let start = problem.chain.first ?? problem.template
      let subject =
        start.hasPrefix("partials/")
        ? "partial '\(start.dropFirst("partials/".count))'" : "template '\(start)'"
      let what = problem.block.map { "block '\($0)' expands into itself" } ?? "\(subject) includes itself"
      diagnostics.error(
        "\(what) (\(chain))", at: at,
        hint: problem.block == nil
          ? "a partial may not include itself, directly or through others"
          : "a block's override may not expand the same block again")
    case .tooDeep:
      diagnostics.error(
        "templates nest more than \(TemplateExpansion.limit) levels deep (\(chain))", at: at,
        hint: "include fewer partials inside one another; gen stops here so that rendering cannot overflow")
    }
  }

  /// A long chain as its first and last three templates.
  private static func shortened(_ chain: [String]) -> [String] {
    chain.count <= 7 ? chain : Array(chain.prefix(3)) + ["…"] + Array(chain.suffix(3))
  }
}
