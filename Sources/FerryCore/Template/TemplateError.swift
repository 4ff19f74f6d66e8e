/// A template that cannot be parsed or executed, with Go's message and where it happened.
///
/// ``description`` is Go's error text with the column added to parse errors (Go gives them a
/// line only): `template: msg:3:14: unexpected "}" in operand`, and for execution errors
/// exactly Go's `template: msg:3:14: executing "msg" at <.Foo>: can't evaluate field Foo in
/// type int`. Columns count bytes from the start of the line, from 0, as Go's do.
/// ``goDescription`` is Go's text unchanged, for messages that must match Flux's.
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Whether the template failed to parse or to execute.
    public enum Stage: String, Hashable, Sendable {
        /// The text is not a valid template.
        case parse
        /// The template failed while running against its data.
        case execution
    }

    /// Parse or execution.
    public let stage: Stage
    /// The name the template was parsed under.
    public let templateName: String
    /// The line (from 1), when known.
    public let line: Int?
    /// The byte column (from 0), when known.
    public let column: Int?
    /// The message without location, e.g. `can't evaluate field Foo in type int`.
    public let message: String
    /// Go's error text, unchanged.
    public let goDescription: String
    /// Go's error text, with the column added to parse errors.
    public let description: String

    init(stage: Stage, templateName: String, line: Int?, column: Int?, message: String, goDescription: String, description: String) {
        self.stage = stage
        self.templateName = templateName
        self.line = line
        self.column = column
        self.message = message
        self.goDescription = goDescription
        self.description = description
    }

    /// A parse error at byte `position` of `text`, reported on `line`.
    static func parse(name: String, text: String, line: Int, position: Int, message: String) -> TemplateError {
        let column = location(of: position, in: text).column
        return TemplateError(
            stage: .parse, templateName: name, line: line, column: column, message: message,
            goDescription: "template: \(name):\(line): \(message)",
            description: "template: \(name):\(line):\(column): \(message)")
    }

    /// An execution error: Go's `template: LOCATION: executing "NAME" at <CONTEXT>: MESSAGE`.
    static func execution(parseName: String, executing: String, text: String, position: Int?, context: String?, message: String) -> TemplateError {
        guard let position, let context else {
            let full = "template: \(executing): \(message)"
            return TemplateError(stage: .execution, templateName: parseName, line: nil, column: nil, message: message, goDescription: full, description: full)
        }
        let (line, column) = location(of: position, in: text)
        let full = "template: \(parseName):\(line):\(column): executing \(GoQuote.quote(executing)) at <\(context)>: \(message)"
        return TemplateError(stage: .execution, templateName: parseName, line: line, column: column, message: message, goDescription: full, description: full)
    }

    /// Go's `ErrorContext` arithmetic: the line from 1, the byte offset in the line from 0.
    static func location(of position: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var offset = 0
        for byte in text.utf8 {
            if offset >= position { break }
            if byte == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        return (line, position - lineStart)
    }
}
