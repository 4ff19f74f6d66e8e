/// A node of a parsed template (Go's `text/template/parse` tree). Positions are byte offsets
/// into the template text; `description` is Go's `Node.String()`, which error messages quote.
indirect enum TemplateNode: Sendable, CustomStringConvertible {
    case text(position: Int, text: String)
    case action(position: Int, pipe: PipeNode)
    case control(ControlNode)
    case template(position: Int, name: String, pipe: PipeNode?)
    case `break`(position: Int)
    case `continue`(position: Int)
    case list(ListNode)

    var position: Int {
        switch self {
        case .text(let position, _), .action(let position, _), .template(let position, _, _), .break(let position),
            .continue(let position):
            return position
        case .control(let node): return node.position
        case .list(let node): return node.position
        }
    }

    var description: String {
        switch self {
        case .text(_, let text): return text
        case .action(_, let pipe): return "{{\(pipe)}}"
        case .control(let node): return node.description
        case .template(_, let name, let pipe):
            if let pipe { return "{{template \(GoQuote.quote(name)) \(pipe)}}" }
            return "{{template \(GoQuote.quote(name))}}"
        case .break: return "{{break}}"
        case .continue: return "{{continue}}"
        case .list(let node): return node.description
        }
    }
}

/// A sequence of nodes.
struct ListNode: Sendable, CustomStringConvertible {
    var position: Int
    var nodes: [TemplateNode] = []

    var description: String { nodes.map(\.description).joined() }

    /// Whether the list holds nothing but space (Go's `IsEmptyTree`).
    var isEmpty: Bool {
        nodes.allSatisfy { node in
            switch node {
            case .text(_, let text): return text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
            case .list(let list): return list.isEmpty
            default: return false
            }
        }
    }
}

/// `{{if}}`, `{{range}}` or `{{with}}` with its lists.
struct ControlNode: Sendable, CustomStringConvertible {
    enum Kind: String, Sendable { case `if`, range, with }
    var kind: Kind
    var position: Int
    var pipe: PipeNode
    var list: ListNode
    var elseList: ListNode?

    var description: String {
        var text = "{{\(kind.rawValue) \(pipe)}}\(list)"
        if let elseList { text += "{{else}}\(elseList)" }
        return text + "{{end}}"
    }
}

/// A pipeline: optional variable declarations, then commands separated by `|`.
struct PipeNode: Sendable, CustomStringConvertible {
    var position: Int
    var isAssign = false
    var declarations: [VariableName] = []
    var commands: [CommandNode] = []

    var description: String {
        var text = ""
        if !declarations.isEmpty {
            text = declarations.map(\.name).joined(separator: ", ") + " := "
        }
        return text + commands.map(\.description).joined(separator: " | ")
    }
}

/// A declared variable and where it was declared.
struct VariableName: Sendable {
    var position: Int
    var name: String
}

/// One command: operands separated by spaces.
struct CommandNode: Sendable, CustomStringConvertible {
    var position: Int
    var arguments: [Operand] = []

    var description: String {
        arguments.map { argument in
            if case .pipe(let pipe) = argument { return "(\(pipe))" }
            return argument.description
        }.joined(separator: " ")
    }
}

/// An operand of a command.
indirect enum Operand: Sendable, CustomStringConvertible {
    case field(position: Int, names: [String])
    case variable(position: Int, names: [String])
    case chain(position: Int, base: Operand, fields: [String])
    case identifier(position: Int, name: String)
    case dot(position: Int)
    case `nil`(position: Int)
    case bool(position: Int, value: Bool)
    case number(NumberLiteral)
    case string(position: Int, quoted: String, text: String)
    case pipe(PipeNode)

    var position: Int {
        switch self {
        case .field(let position, _), .variable(let position, _), .chain(let position, _, _), .identifier(let position, _),
            .dot(let position), .nil(let position), .bool(let position, _), .string(let position, _, _):
            return position
        case .number(let number): return number.position
        case .pipe(let pipe): return pipe.position
        }
    }

    var description: String {
        switch self {
        case .field(_, let names): return names.map { "." + $0 }.joined()
        case .variable(_, let names): return names.joined(separator: ".")
        case .chain(_, let base, let fields):
            let head: String
            if case .pipe(let pipe) = base { head = "(\(pipe))" } else { head = base.description }
            return head + fields.map { "." + $0 }.joined()
        case .identifier(_, let name): return name
        case .dot: return "."
        case .nil: return "nil"
        case .bool(_, let value): return value ? "true" : "false"
        case .number(let number): return number.text
        case .string(_, let quoted, _): return quoted
        case .pipe(let pipe): return pipe.description
        }
    }
}

/// A number constant with every interpretation Go's parser found for it.
struct NumberLiteral: Sendable {
    var position: Int
    var text: String
    var isInt = false, isUint = false, isFloat = false
    var int: Int64 = 0
    var uint: UInt64 = 0
    var float: Double = 0
}
