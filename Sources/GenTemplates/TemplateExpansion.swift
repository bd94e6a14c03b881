/// Follows every way a set of parsed templates can expand into one another when they
/// render (sections, partials, parents and the blocks they override), so that a
/// template that would recurse without end, or nest deeper than a fixed bound, is an
/// error before anything renders.
///
/// Rendering is modelled as the renderer runs it: a state is a list of nodes together
/// with the block overrides in effect (an outer override wins, as in swift-mustache).
/// Every section is taken to render. A state met again while it is still being
/// expanded is a cycle; a path longer than ``limit`` is too deep. States already
/// explored are remembered, so the work is linear in the number of states.
struct TemplateExpansion {
  /// A list of nodes of one template.
  struct ListRef: Hashable {
    var template: String
    var list: Int
  }

  /// A point of rendering: what renders, and which blocks are overridden by what.
  struct State: Hashable {
    var list: ListRef
    var inherited: [String: ListRef]
  }

  /// A problem found: the templates involved, and the include or block that closes it.
  struct Problem {
    enum Kind { case cycle, tooDeep }
    var kind: Kind
    /// Template names from the start of the cycle (or the root) to the end.
    var chain: [String]
    /// The template holding the tag that closes the cycle or crosses the bound.
    var template: String
    /// The partial or parent named there; nil for a block.
    var partial: String?
    /// The block expanded there; nil for a partial.
    var block: String?
  }

  /// The deepest rendering allowed: sections, partials and blocks, counted together.
  static let limit = 100

  private let outlines: [String: TemplateOutline]
  private let resolve: (String) -> String?
  private var height: [State: Int] = [:]
  private var onStack: Set<State> = []
  private var stack: [State] = []
  /// States cut short by a problem already reported.
  private var failed: Set<State> = []
  /// Set when a root went too deep: the rest of that root is not explored.
  private var abandoned = false
  private(set) var problems: [Problem] = []

  /// Checks every template as a root.
  ///
  /// - Parameters:
  ///   - outlines: parsed templates by full name (`page`, `partials/header`).
  ///   - resolve: the template a partial name stands for, as the renderer looks it up.
  init(outlines: [String: TemplateOutline], resolve: @escaping (String) -> String?) {
    self.outlines = outlines
    self.resolve = resolve
    // A template already part of a reported problem is not checked again as a root.
    for name in outlines.keys.sorted() where !unsafeTemplates.contains(name) {
      abandoned = false
      _ = visit(State(list: ListRef(template: name, list: 0), inherited: [:]), reachedBy: (nil, nil))
    }
  }

  /// Templates that take part in a problem, and must not be rendered.
  var unsafeTemplates: Set<String> { Set(problems.flatMap(\.chain)) }

  /// The height of the expansion below `state` (0 when it expands into nothing), or
  /// nil where a problem cut it short.
  private mutating func visit(_ state: State, reachedBy step: (partial: String?, block: String?)) -> Int? {
    if abandoned || failed.contains(state) { return nil }
    if let known = height[state] {
      if stack.count + known > Self.limit {
        report(.tooDeep, reaching: state, by: step)
        return nil
      }
      return known
    }
    if onStack.contains(state) {
      report(.cycle, reaching: state, by: step)
      return nil
    }
    if stack.count >= Self.limit {
      report(.tooDeep, reaching: state, by: step)
      return nil
    }
    stack.append(state)
    onStack.insert(state)
    defer {
      stack.removeLast()
      onStack.remove(state)
    }
    let template = state.list.template
    var deepest = 0
    var cut = false
    for node in outlines[template]?.lists[state.list.list] ?? [] {
      let below: Int?
      switch node {
      case .nested(let list):
        below = visit(
          State(list: ListRef(template: template, list: list), inherited: state.inherited),
          reachedBy: (nil, nil))
      case .partial(let name, let overrides):
        guard let target = resolve(name), outlines[target] != nil else { continue }
        var inherited = state.inherited
        for (block, list) in overrides ?? [:] where inherited[block] == nil {
          inherited[block] = ListRef(template: template, list: list)
        }
        below = visit(
          State(list: ListRef(template: target, list: 0), inherited: inherited), reachedBy: (name, nil))
      case .block(let name, let defaultContent):
        let content = state.inherited[name] ?? ListRef(template: template, list: defaultContent)
        below = visit(State(list: content, inherited: state.inherited), reachedBy: (nil, name))
      case .dynamicPartial:
        continue
      }
      if let below { deepest = max(deepest, below + 1) } else { cut = true }
    }
    if cut {
      failed.insert(state)
      return nil
    }
    height[state] = deepest
    return deepest
  }

  private mutating func report(
    _ kind: Problem.Kind, reaching state: State, by step: (partial: String?, block: String?)
  ) {
    let start = kind == .cycle ? (stack.firstIndex(of: state) ?? 0) : 0
    var chain: [String] = []
    for template in stack[start...].map(\.list.template) + [state.list.template] where chain.last != template
    {
      chain.append(template)
    }
    if kind == .cycle, chain.count == 1 { chain.append(chain[0]) }
    if kind == .tooDeep { abandoned = true }
    problems.append(
      Problem(
        kind: kind, chain: chain, template: stack.last?.list.template ?? state.list.template,
        partial: step.partial, block: step.block))
  }
}
