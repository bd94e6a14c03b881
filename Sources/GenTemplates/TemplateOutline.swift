import Mustache

/// What a parsed Mustache template can expand into when it renders: its sections,
/// partials, parents with their block overrides, and blocks. Text and variables are
/// left out; they cannot recurse.
///
/// swift-mustache keeps its parsed tokens internal, so the outline is read from the
/// parsed template by reflection. That reads exactly what the renderer will run,
/// whatever delimiters or line breaks the text used. A test pins every token kind
/// (`TemplateCycleTests`), so a change in the library's token shapes fails the tests
/// rather than letting a cycle through.
struct TemplateOutline {
  /// One expandable element of a template. Content is referred to by its index in ``lists``.
  enum Node {
    /// A section or inverted section: its content renders in the same context.
    case nested(Int)
    /// `{{> name}}`, or `{{< name}}` with the blocks it overrides.
    case partial(name: String, overrides: [String: Int]?)
    /// `{{>*name}}` or `{{<*name}}`: the partial's name comes from the data.
    case dynamicPartial(name: String)
    /// `{{$ name}}`: the override in effect, else its default content.
    case block(name: String, defaultContent: Int)
  }

  /// Every list of nodes in the template; the first is its top level.
  private(set) var lists: [[Node]] = []

  init(_ template: MustacheTemplate) {
    _ = add(template)
  }

  /// Every partial name the template mentions, static or dynamic, in order.
  var partialNames: [(name: String, dynamic: Bool)] {
    lists.flatMap { list in
      list.compactMap { node -> (String, Bool)? in
        switch node {
        case .partial(let name, _): return (name, false)
        case .dynamicPartial(let name): return (name, true)
        default: return nil
        }
      }
    }
  }

  /// Adds a template's tokens as a list (its nested content first) and returns its index.
  private mutating func add(_ template: MustacheTemplate) -> Int {
    let index = lists.count
    lists.append([])
    guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value
    else { return index }
    var nodes: [Node] = []
    for token in Mirror(reflecting: tokens).children {
      if let node = node(of: token.value) { nodes.append(node) }
    }
    lists[index] = nodes
    return index
  }

  private mutating func addEmpty() -> Int {
    lists.append([])
    return lists.count - 1
  }

  /// One token: the enum case's name and its payload.
  private mutating func node(of token: Any) -> Node? {
    guard let (kind, payload) = Mirror(reflecting: token).children.first.map({ ($0.label ?? "", $0.value) })
    else { return nil }
    let fields = Mirror(reflecting: payload).children.map { (label: $0.label ?? "", value: $0.value) }
    let name = fields.first?.value as? String ?? ""
    switch kind {
    case "partial":
      return .partial(name: name, overrides: overrides(fields.first { $0.label == "inherits" }?.value))
    case "dynamicNamePartial":
      return .dynamicPartial(name: name)
    case "blockExpansion":
      let content = fields.first { $0.label == "default" }?.value as? MustacheTemplate
      return .block(name: name, defaultContent: content.map { add($0) } ?? addEmpty())
    default:
      // Sections, inverted sections and any other token that holds a template: its content.
      guard let content = fields.lazy.compactMap({ $0.value as? MustacheTemplate }).first else { return nil }
      return .nested(add(content))
    }
  }

  /// The `inherits` payload of a partial: nil, or block names with their overrides.
  private mutating func overrides(_ value: Any?) -> [String: Int]? {
    guard let value, let some = Mirror(reflecting: value).children.first?.value,
      let dictionary = some as? [String: MustacheTemplate]
    else { return nil }
    var result: [String: Int] = [:]
    for key in dictionary.keys.sorted() { result[key] = add(dictionary[key]!) }
    return result
  }
}
