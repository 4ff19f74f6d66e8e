/// Go's template parser (`text/template/parse/parse.go`, Go 1.23 grammar: `else if`,
/// `else with`, `break`, `continue`), producing the trees of one template text: the main
/// template and every `define` and `block`.
struct TemplateParser {
    /// What parsing a text produced: the trees by name.
    struct Result: Sendable {
        var trees: [String: ListNode]
    }

    let tokens: [TemplateToken]
    var nextToken = 0
    var lookahead: [TemplateToken]
    var peekCount = 0
    var variables: [String] = ["$"]
    var rangeDepth = 0
    var actionLine = 0
    var depth = 0
    let parseName: String
    let text: String
    let isFunction: (String) -> Bool
    var trees: [String: ListNode] = [:]

    /// The deepest nesting of parentheses and control structures accepted.
    static let maxNesting = 100

    enum Item {
        case node(TemplateNode)
        case end(position: Int)
        case `else`(position: Int, line: Int)

        var description: String {
            switch self {
            case .node(let node): return node.description
            case .end: return "{{end}}"
            case .else: return "{{else}}"
            }
        }
    }

    /// Parses `text` as the template `name`.
    /// - Parameters:
    ///   - name: The template's name (error messages use it).
    ///   - text: The template text.
    ///   - isFunction: Whether a function of that name exists.
    /// - Throws: ``TemplateError`` with Go's message, line and column.
    static func parse(name: String, text: String, isFunction: @escaping (String) -> Bool) throws(TemplateError) -> Result {
        var parser = TemplateParser(name: name, text: text, isFunction: isFunction)
        let root = try parser.parseTop()
        try parser.add(name: name, root: root)
        return Result(trees: parser.trees)
    }

    private init(name: String, text: String, isFunction: @escaping (String) -> Bool) {
        self.parseName = name
        self.text = text
        self.isFunction = isFunction
        self.tokens = TemplateLexer.tokens(of: text)
        let placeholder = TemplateToken(kind: .eof, position: 0, value: "", line: 1)
        self.lookahead = [placeholder, placeholder, placeholder]
    }

    // MARK: Token stream (Go's three-token lookahead)

    mutating func lex() -> TemplateToken {
        if nextToken < tokens.count {
            defer { nextToken += 1 }
            return tokens[nextToken]
        }
        return tokens.last ?? TemplateToken(kind: .eof, position: text.utf8.count, value: "", line: 1)
    }

    mutating func next() -> TemplateToken {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            lookahead[0] = lex()
        }
        return lookahead[peekCount]
    }

    mutating func backup() { peekCount += 1 }

    mutating func backup2(_ first: TemplateToken) {
        lookahead[1] = first
        peekCount = 2
    }

    mutating func backup3(_ second: TemplateToken, _ first: TemplateToken) {
        lookahead[1] = first
        lookahead[2] = second
        peekCount = 3
    }

    mutating func peek() -> TemplateToken {
        if peekCount > 0 { return lookahead[peekCount - 1] }
        peekCount = 1
        lookahead[0] = lex()
        return lookahead[0]
    }

    mutating func nextNonSpace() -> TemplateToken {
        var token: TemplateToken
        repeat { token = next() } while token.kind == .space
        return token
    }

    mutating func peekNonSpace() -> TemplateToken {
        let token = nextNonSpace()
        backup()
        return token
    }

    // MARK: Errors

    func error(_ message: String) -> TemplateError {
        let token = lookahead[0]
        return TemplateError.parse(name: parseName, text: text, line: token.line, position: token.position, message: message)
    }

    mutating func expect(_ kind: TemplateToken.Kind, _ context: String) throws(TemplateError) -> TemplateToken {
        let token = nextNonSpace()
        if token.kind != kind { throw unexpected(token, context) }
        return token
    }

    func unexpected(_ token: TemplateToken, _ context: String) -> TemplateError {
        if token.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != token.line {
                extra = " in action started at \(parseName):\(actionLine)"
                if token.value.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return error(token.value + extra)
        }
        return error("unexpected \(token.description) in \(context)")
    }

    mutating func enter() throws(TemplateError) {
        depth += 1
        if depth > Self.maxNesting { throw error("template nesting is deeper than \(Self.maxNesting) levels") }
    }

    // MARK: Trees

    mutating func add(name: String, root: ListNode) throws(TemplateError) {
        guard let existing = trees[name], !existing.isEmpty else {
            trees[name] = root
            return
        }
        if !root.isEmpty { throw error("template: multiple definition of template \(GoQuote.quote(name))") }
    }

    mutating func parseTop() throws(TemplateError) -> ListNode {
        var root = ListNode(position: peek().position)
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    try parseDefinition()
                    continue
                }
                backup2(delim)
            }
            switch try textOrAction() {
            case .node(let node): root.nodes.append(node)
            case let other: throw error("unexpected \(other.description)")
            }
        }
        return root
    }

    /// Parses `{{define "name"}} … {{end}}` with its own variable scope.
    mutating func parseDefinition() throws(TemplateError) {
        let context = "define clause"
        let nameToken = nextNonSpace()
        guard nameToken.kind == .string || nameToken.kind == .rawString else { throw unexpected(nameToken, context) }
        let name = try unquote(nameToken.value)
        _ = try expect(.rightDelim, context)
        let saved = (variables, rangeDepth)
        variables = ["$"]
        rangeDepth = 0
        let (list, end) = try itemList()
        guard case .end = end else { throw error("unexpected \(end.description) in \(context)") }
        try add(name: name, root: list)
        (variables, rangeDepth) = saved
    }

    mutating func itemList() throws(TemplateError) -> (ListNode, Item) {
        var list = ListNode(position: peekNonSpace().position)
        while peekNonSpace().kind != .eof {
            let item = try textOrAction()
            switch item {
            case .end, .else: return (list, item)
            case .node(let node): list.nodes.append(node)
            }
        }
        throw error("unexpected EOF")
    }

    mutating func textOrAction() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text:
            return .node(.text(position: token.position, text: token.value))
        case .leftDelim:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        default:
            throw unexpected(token, "input")
        }
    }

    mutating func action() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .block: return .node(try blockControl())
        case .break: return .node(try loopControl(.break(position: token.position), "{{break}}"))
        case .continue: return .node(try loopControl(.continue(position: token.position), "{{continue}}"))
        case .else: return try elseControl()
        case .end: return .end(position: try expect(.rightDelim, "end").position)
        case .if: return .node(.control(try parseControl(.if)))
        case .range: return .node(.control(try parseControl(.range)))
        case .template: return .node(try templateControl())
        case .with: return .node(.control(try parseControl(.with)))
        default: break
        }
        backup()
        let position = peek().position
        return .node(.action(position: position, pipe: try pipeline("command", end: .rightDelim)))
    }

    mutating func loopControl(_ node: TemplateNode, _ name: String) throws(TemplateError) -> TemplateNode {
        let token = nextNonSpace()
        if token.kind != .rightDelim { throw unexpected(token, name) }
        if rangeDepth == 0 { throw error("\(name) outside {{range}}") }
        return node
    }

    mutating func elseControl() throws(TemplateError) -> Item {
        let next = peekNonSpace()
        if next.kind == .if || next.kind == .with { return .else(position: next.position, line: next.line) }
        let token = try expect(.rightDelim, "else")
        return .else(position: token.position, line: token.line)
    }

    mutating func parseControl(_ kind: ControlNode.Kind) throws(TemplateError) -> ControlNode {
        try enter()
        defer { depth -= 1 }
        let savedVariables = variables.count
        defer { variables.removeSubrange(savedVariables...) }
        let pipe = try pipeline(kind.rawValue, end: .rightDelim)
        if kind == .range { rangeDepth += 1 }
        let (list, next) = try itemList()
        if kind == .range { rangeDepth -= 1 }
        var elseList: ListNode?
        if case .else(let position, _) = next {
            if kind == .if && peek().kind == .if {
                _ = self.next()
                elseList = ListNode(position: position, nodes: [.control(try parseControl(.if))])
            } else if kind == .with && peek().kind == .with {
                _ = self.next()
                elseList = ListNode(position: position, nodes: [.control(try parseControl(.with))])
            } else {
                let (list, end) = try itemList()
                guard case .end = end else { throw error("expected end; found \(end.description)") }
                elseList = list
            }
        }
        return ControlNode(kind: kind, position: pipe.position, pipe: pipe, list: list, elseList: elseList)
    }

    mutating func blockControl() throws(TemplateError) -> TemplateNode {
        let context = "block clause"
        let token = nextNonSpace()
        let name = try templateName(token, context)
        let pipe = try pipeline(context, end: .rightDelim)
        let saved = (variables, rangeDepth)
        variables = ["$"]
        rangeDepth = 0
        let (list, end) = try itemList()
        guard case .end = end else { throw error("unexpected \(end.description) in \(context)") }
        try add(name: name, root: list)
        (variables, rangeDepth) = saved
        return .template(position: token.position, name: name, pipe: pipe)
    }

    mutating func templateControl() throws(TemplateError) -> TemplateNode {
        let context = "template clause"
        let token = nextNonSpace()
        let name = try templateName(token, context)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .template(position: token.position, name: name, pipe: pipe)
    }

    func templateName(_ token: TemplateToken, _ context: String) throws(TemplateError) -> String {
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        return try unquote(token.value)
    }

    func unquote(_ quoted: String) throws(TemplateError) -> String {
        guard let text = GoUnquote.unquote(quoted) else { throw error("invalid syntax") }
        return text
    }
}
