/// A parsed Go `text/template`, ready to render against a ``TemplateValue``.
///
/// The whole language is supported: actions, pipelines, variables, `if`/`else if`/`else`,
/// `range` (slices, maps in sorted key order, integers; `else`, `break`, `continue`),
/// `with`/`else with`, `define`/`template`/`block`, comments, trim markers, and Go's builtin
/// functions; with ``TemplateFunctions/sprig`` (the default) also Sprig's hermetic
/// functions, as Flux's image-automation-controller offers them.
///
/// ```swift
/// let template = try Template("{{range .}}{{. | upper}} {{end}}", name: "demo")
/// let text = try template.render(["a", "b"])   // "A B "
/// ```
///
/// Parsing and rendering are pure: no I/O. Rendering is bounded by ``TemplateLimits``.
public struct Template: Sendable {
    /// The name the template was parsed under; errors name it.
    public let name: String
    /// The template text.
    public let text: String
    /// The functions the template may call.
    public let functions: TemplateFunctions
    let trees: [String: ListNode]

    /// Parses `text`.
    /// - Parameters:
    ///   - text: The template text.
    ///   - name: The template's name, used in error messages (Flux uses `commit message`).
    ///   - functions: The functions available (Go's builtins plus Sprig's hermetic set by default).
    /// - Throws: ``TemplateError`` (stage `parse`) with Go's message, the line and the column.
    public init(_ text: String, name: String = "template", functions: TemplateFunctions = .sprig) throws(TemplateError) {
        self.name = name
        self.text = text
        self.functions = functions
        self.trees = try TemplateParser.parse(name: name, text: text, isFunction: { functions.function(named: $0) != nil }).trees
    }

    /// The names of the templates the text defines, the main one included, sorted.
    public var templateNames: [String] { trees.keys.sorted() }

    /// Renders the main template.
    /// - Parameters:
    ///   - data: The value `.` and `$` start as.
    ///   - limits: Bounds on output size, nesting and work.
    /// - Returns: The output.
    /// - Throws: ``TemplateError`` (stage `execution`) with Go's message and position.
    public func render(_ data: TemplateValue, limits: TemplateLimits = .default) throws(TemplateError) -> String {
        try render(template: name, data, limits: limits)
    }

    /// Renders one of the templates the text defines (Go's `ExecuteTemplate`).
    /// - Parameters:
    ///   - template: The template's name.
    ///   - data: The value `.` and `$` start as.
    ///   - limits: Bounds on output size, nesting and work.
    /// - Returns: The output.
    /// - Throws: ``TemplateError`` when there is no such template or it fails.
    public func render(template: String, _ data: TemplateValue, limits: TemplateLimits = .default) throws(TemplateError) -> String {
        guard let root = trees[template] else {
            let message = "no template \(GoQuote.quote(template)) associated with template \(GoQuote.quote(name))"
            throw TemplateError(
                stage: .execution, templateName: name, line: nil, column: nil, message: message,
                goDescription: "template: " + message, description: "template: " + message)
        }
        let dot: TemplateValue = if case .null = data { .missing } else { data }
        var executor = TemplateExecutor(template: self, name: template, data: dot, limits: limits)
        _ = try executor.walkList(dot, root)
        return String(decoding: executor.output, as: UTF8.self)
    }
}
