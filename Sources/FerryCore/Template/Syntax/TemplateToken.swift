/// One lexical item of a template, as Go's `text/template/parse` lexer produces it.
struct TemplateToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case error, bool, char, charConstant, complex, assign, declare, eof, field, identifier
        case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text, variable
        // keywords
        case block, `break`, `continue`, dot, define, `else`, end, `if`, `nil`, range, template, with

        var isKeyword: Bool {
            switch self {
            case .block, .break, .continue, .dot, .define, .else, .end, .if, .nil, .range, .template, .with: return true
            default: return false
            }
        }
    }

    var kind: Kind
    /// Byte offset of the item in the template text.
    var position: Int
    /// The item's text (for errors, the message).
    var value: String
    /// The line the item starts on.
    var line: Int

    /// Go's `item.String()`, used in "unexpected …" messages.
    var description: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        case _ where kind.isKeyword: return "<\(value)>"
        default:
            if value.unicodeScalars.count > 10 {
                let prefix = String(String.UnicodeScalarView(value.unicodeScalars.prefix(10)))
                return GoQuote.quote(prefix) + "..."
            }
            return GoQuote.quote(value)
        }
    }

    static let keywords: [String: Kind] = [
        ".": .dot, "block": .block, "break": .break, "continue": .continue, "define": .define, "else": .else,
        "end": .end, "if": .if, "range": .range, "nil": .nil, "template": .template, "with": .with,
    ]
}
