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
    /// The random numbers `randInt` and `shuffle` draw, one sequence for the whole execution.
    let random: TemplateRandom
    var output: [UInt8] = []
    var location: Location?
    var variables: [(name: String, value: TemplateValue, staticType: GoType?)]
    /// Go's static type of dot when it differs from its value's type: a range element read
    /// from an `interface {}` slot. Only error messages show it.
    var dotType: GoType?
    var depth = 0
    var executing: String
    var steps = 0

    init(template: Template, name: String, data: TemplateValue, limits: TemplateLimits) {
        self.template = template
        self.limits = limits
        self.random = TemplateRandom(seed: limits.randomSeed)
        self.executing = name
        self.variables = [("$", data, nil)]
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
        variables.append((name, value, nil))
    }

    var mark: Int { variables.count }

    mutating func pop(to mark: Int) {
        if variables.count > mark { variables.removeSubrange(mark...) }
    }

    mutating func setVariable(_ name: String, _ value: TemplateValue, staticType: GoType? = nil) throws(TemplateError) {
        for index in variables.indices.reversed() where variables[index].name == name {
            variables[index].value = value
            variables[index].staticType = staticType
            return
        }
        throw error("undefined variable: \(name)")
    }

    mutating func setTopVariable(_ offset: Int, _ value: TemplateValue, staticType: GoType?) {
        variables[variables.count - offset].value = value
        variables[variables.count - offset].staticType = staticType
    }

    func variable(_ name: String) throws(TemplateError) -> (value: TemplateValue, staticType: GoType?) {
        for entry in variables.reversed() where entry.name == name { return (entry.value, entry.staticType) }
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
            guard control.kind == .with else { return try walkList(dot, control.list) }
            let savedType = dotType
            dotType = nil
            defer { dotType = savedType }
            return try walkList(value, control.list)
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
        let savedDotType = dotType
        defer { dotType = savedDotType }
        var indexType: GoType? = .int
        var elementType: GoType?
        func iterate(_ executor: inout TemplateExecutor, index: TemplateValue, element: TemplateValue) throws(TemplateError) -> Bool {
            try executor.step()
            if !pipe.declarations.isEmpty {
                if pipe.isAssign {
                    if pipe.declarations.count > 1 {
                        try executor.setVariable(pipe.declarations[0].name, index, staticType: indexType)
                    } else {
                        try executor.setVariable(pipe.declarations[0].name, element, staticType: elementType)
                    }
                } else {
                    executor.setTopVariable(1, element, staticType: elementType)
                }
            }
            if pipe.declarations.count > 1 {
                if pipe.isAssign {
                    try executor.setVariable(pipe.declarations[1].name, element, staticType: elementType)
                } else {
                    executor.setTopVariable(2, index, staticType: indexType)
                }
            }
            defer { executor.pop(to: iterationMark) }
            executor.dotType = elementType
            return try executor.walkList(element, control.list) != .breakLoop
        }
        switch value {
        case .slice(let slice):
            elementType = slice.elementType
            for (offset, element) in slice.elements.enumerated() {
                ran = true
                if try !iterate(&self, index: .int(offset), element: element) { break }
            }
        case .map(let map):
            (indexType, elementType) = (map.keyType, map.valueType)
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
        let savedType = dotType
        depth += 1
        variables = [("$", newDot, nil)]
        executing = name
        dotType = nil
        _ = try walkList(newDot, tree)
        depth -= 1
        variables = savedVariables
        executing = savedName
        dotType = savedType
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
        case .structure(let structure): return structure.native?.integer.map { $0 != 0 } ?? true
        case .function: return true
        }
    }
}
