extension TemplateSet {
  /// A partial that includes itself, directly or through others.
  struct IncludeCycle {
    /// The partial named in the tag that closes the cycle.
    var partial: String
    /// The template holding that tag, and where in it.
    var template: String
    var line: Int
    var column: Int
    /// The templates of the cycle, in include order.
    var chain: [String]
  }

  /// The template a name in `{{> name}}` (or a registered name) stands for: the template
  /// of that name, else `partials/name`; nil when neither exists.
  static func template<Value>(named name: String, among templates: [String: Value]) -> String? {
    if templates[name] != nil { return name }
    if templates["partials/" + name] != nil { return "partials/" + name }
    return nil
  }

  /// Every include cycle among templates (each reported once, at the tag that closes it),
  /// so that rendering never recurses without end.
  static func includeCycles(texts: [String: String], registered: Set<String>) -> [IncludeCycle] {
    func target(_ name: String) -> String? { template(named: name, among: texts) }
    var cycles: [IncludeCycle] = []
    var state: [String: Int] = [:]  // 1 visiting, 2 done
    var stack: [String] = []
    func visit(_ name: String) {
      state[name] = 1
      stack.append(name)
      for (partial, line, column) in partialReferences(in: texts[name] ?? "") {
        guard registered.contains(partial), let next = target(partial) else { continue }
        if state[next] == 1, let start = stack.firstIndex(of: next) {
          cycles.append(
            IncludeCycle(
              partial: partial, template: name, line: line, column: column,
              chain: Array(stack[start...]) + [next]))
        } else if state[next] == nil {
          visit(next)
        }
      }
      stack.removeLast()
      state[name] = 2
    }
    for name in texts.keys.sorted() where state[name] == nil { visit(name) }
    return cycles
  }
}
