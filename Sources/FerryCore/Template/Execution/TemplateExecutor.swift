/// Runs a parsed template against data (Go's `text/template/exec.go` state), writing into a
/// bounded buffer.
struct TemplateExecutor {
    /// What the executor was at when an error happened, for Go's `at <…>` context.
    enum Location {
        case node(TemplateNode)
        case pipe(PipeNode)
        case operand(Operand)
        case command(CommandNode)

        var position: Int {
            switch self {
            case .node(let node): return node.position
            case .pipe(let pipe): return pipe.position
            case .operand(let operand): return operand.position
            case .command(let command): return command.position
            }
        }

        var description: String {
            switch self {
            case .node(let node): return node.description
            case .pipe(let pipe): return pipe.description
            case .operand(let operand): return operand.description
            case .command(let command): return command.description
            }
        }
    }

    /// How a walk ended: normally, or at `{{break}}` / `{{continue}}`.
    enum Flow { case normal, breakLoop, continueLoop }

    let template: Template
    let limits: TemplateLimits
    var output: [UInt8] = []
    var location: Location?
    var variables: [(name: String, value: TemplateValue)]
    var depth = 0
    var executing: String
    var steps = 0

    init(template: Template, name: String, data: TemplateValue, limits: TemplateLimits) {
        self.template = template
        self.limits = limits
        self.executing = name
        self.variables = [("$", data)]
    }

    // MARK: Errors and bookkeeping

    mutating func at(_ location: Location) {
        self.location = location
    }

    func error(_ message: String) -> TemplateError {
        TemplateError.execution(
            parseName: template.name, executing: executing, text: template.text,
            position: location?.position, context: location?.description, message: message)
    }

    mutating func step() throws(TemplateError) {
        steps += 1
        if steps > limits.maxSteps { throw error("execution takes more than \(limits.maxSteps) steps") }
    }

    mutating func write(_ text: String) throws(TemplateError) {
        output.append(contentsOf: text.utf8)
        if output.count > limits.maxOutputBytes { throw error("output is larger than \(limits.maxOutputBytes) bytes") }
    }

    // MARK: Variables

    mutating func push(_ name: String, _ value: TemplateValue) {
        variables.append((name, value))
    }

    var mark: Int { variables.count }

    mutating func pop(to mark: Int) {
        if variables.count > mark { variables.removeSubrange(mark...) }
    }

    mutating func setVariable(_ name: String, _ value: TemplateValue) throws(TemplateError) {
        for index in variables.indices.reversed() where variables[index].name == name {
            variables[index].value = value
            return
        }
        throw error("undefined variable: \(name)")
    }

    mutating func setTopVariable(_ offset: Int, _ value: TemplateValue) {
        variables[variables.count - offset].value = value
    }

    func variable(_ name: String) throws(TemplateError) -> TemplateValue {
        for entry in variables.reversed() where entry.name == name { return entry.value }
        throw error("undefined variable: \(name)")
    }

    // MARK: Walking the tree

    mutating func walk(_ dot: TemplateValue, _ node: TemplateNode) throws(TemplateError) -> Flow {
        at(.node(node))
        try step()
        switch node {
        case .action(_, let pipe):
            let value = try evalPipeline(dot, pipe)
            if pipe.declarations.isEmpty { try printValue(node, value) }
        case .break:
            return .breakLoop
        case .continue:
            return .continueLoop
        case .control(let control):
            switch control.kind {
            case .if, .with: return try walkIfOrWith(control, dot)
            case .range: return try walkRange(control, dot)
            }
        case .list(let list):
            return try walkList(dot, list)
        case .template(_, let name, let pipe):
            try walkTemplate(dot, node, name: name, pipe: pipe)
        case .text(_, let text):
            try write(text)
        }
        return .normal
    }

    mutating func walkList(_ dot: TemplateValue, _ list: ListNode) throws(TemplateError) -> Flow {
        for node in list.nodes {
            let flow = try walk(dot, node)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private mutating func walkIfOrWith(_ control: ControlNode, _ dot: TemplateValue) throws(TemplateError) -> Flow {
        let saved = mark
        defer { pop(to: saved) }
        let value = try evalPipeline(dot, control.pipe)
        if Self.isTrue(value) {
            return try walkList(control.kind == .with ? value : dot, control.list)
        }
        if let elseList = control.elseList { return try walkList(dot, elseList) }
        return .normal
    }

    private mutating func walkRange(_ control: ControlNode, _ dot: TemplateValue) throws(TemplateError) -> Flow {
        at(.node(.control(control)))
        let saved = mark
        defer { pop(to: saved) }
        let value = try evalPipeline(dot, control.pipe)
        let iterationMark = mark
        let pipe = control.pipe
        var ran = false
        func iterate(_ executor: inout TemplateExecutor, index: TemplateValue, element: TemplateValue) throws(TemplateError) -> Bool {
            try executor.step()
            if !pipe.declarations.isEmpty {
                if pipe.isAssign {
                    try executor.setVariable(pipe.declarations[0].name, pipe.declarations.count > 1 ? index : element)
                } else {
                    executor.setTopVariable(1, element)
                }
            }
            if pipe.declarations.count > 1 {
                if pipe.isAssign {
                    try executor.setVariable(pipe.declarations[1].name, element)
                } else {
                    executor.setTopVariable(2, index)
                }
            }
            defer { executor.pop(to: iterationMark) }
            return try executor.walkList(element, control.list) != .breakLoop
        }
        switch value {
        case .slice(let slice):
            for (offset, element) in slice.elements.enumerated() {
                ran = true
                if try !iterate(&self, index: .int(offset), element: element) { break }
            }
        case .map(let map):
            for entry in map.sortedEntries {
                ran = true
                if try !iterate(&self, index: entry.key, element: entry.value) { break }
            }
        case .int(let count, let type):
            if pipe.declarations.count > 1 {
                throw error("can't use \(GoFormatter.sprint([value])) to iterate over more than one variable")
            }
            var number: Int64 = 0
            while number < count {
                ran = true
                if try !iterate(&self, index: .missing, element: .int(number, type)) { break }
                number += 1
            }
        case .missing, .null:
            break
        default:
            throw error("range can't iterate over \(GoFormatter.sprint([value]))")
        }
        if !ran, let elseList = control.elseList { return try walkList(dot, elseList) }
        return .normal
    }

    private mutating func walkTemplate(_ dot: TemplateValue, _ node: TemplateNode, name: String, pipe: PipeNode?) throws(TemplateError) {
        at(.node(node))
        guard let tree = template.trees[name] else { throw error("template \(GoQuote.quote(name)) not defined") }
        if depth >= limits.maxTemplateDepth { throw error("exceeded maximum template depth (\(limits.maxTemplateDepth))") }
        let newDot = try evalPipeline(dot, pipe)
        let savedVariables = variables
        let savedName = executing
        depth += 1
        variables = [("$", newDot)]
        executing = name
        _ = try walkList(newDot, tree)
        depth -= 1
        variables = savedVariables
        executing = savedName
    }

    private mutating func printValue(_ node: TemplateNode, _ value: TemplateValue) throws(TemplateError) {
        at(.node(node))
        switch value {
        case .missing:
            try write("<no value>")
        case .function:
            throw error("can't print \(node) of type \(value.goType?.description ?? "")")
        default:
            try write(GoFormatter.sprint([value]))
        }
    }

    /// Go's `isTrue`: false for zero values and empty containers; structs are always true.
    static func isTrue(_ value: TemplateValue) -> Bool {
        switch value {
        case .missing, .null: return false
        case .bool(let flag): return flag
        case .int(let number, _): return number != 0
        case .float(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .slice(let slice): return !slice.elements.isEmpty
        case .map(let map): return map.count > 0
        case .structure, .function: return true
        }
    }
}
