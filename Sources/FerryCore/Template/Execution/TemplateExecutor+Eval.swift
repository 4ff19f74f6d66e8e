extension TemplateExecutor {
    /// Go's `evalPipeline`: commands left to right, each one's value the next one's final
    /// argument; a nil interface result becomes no value; then the declarations.
    mutating func evalPipeline(_ dot: TemplateValue, _ pipe: PipeNode?) throws(TemplateError) -> TemplateValue {
        guard let pipe else { return .missing }
        at(.pipe(pipe))
        var value: TemplateValue?
        for command in pipe.commands {
            var result = try evalCommand(dot, command, final: value)
            if case .null = result { result = .missing }
            value = result
        }
        let result = value ?? .missing
        for declaration in pipe.declarations {
            if pipe.isAssign {
                try setVariable(declaration.name, result)
            } else {
                push(declaration.name, result)
            }
        }
        return result
    }

    private func notAFunction(_ arguments: [Operand], _ final: TemplateValue?) throws(TemplateError) {
        if arguments.count > 1 || final != nil {
            throw error("can't give argument to non-function \(arguments[0])")
        }
    }

    private mutating func evalCommand(_ dot: TemplateValue, _ command: CommandNode, final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        try step()
        let first = command.arguments[0]
        switch first {
        case .field:
            return try evalFieldNode(dot, first, command.arguments, final)
        case .chain:
            return try evalChainNode(dot, first, command.arguments, final)
        case .identifier(_, let name):
            return try evalFunction(dot, first, name: name, node: .command(command), command.arguments, final)
        case .pipe(let pipe):
            try notAFunction(command.arguments, final)
            return try evalPipeline(dot, pipe)
        case .variable:
            return try evalVariableNode(dot, first, command.arguments, final)
        default:
            break
        }
        at(.operand(first))
        try notAFunction(command.arguments, final)
        switch first {
        case .bool(_, let value): return .bool(value)
        case .dot: return dot
        case .nil: throw error("nil is not a command")
        case .number(let number): return try idealConstant(number)
        case .string(_, _, let text): return .string(text)
        default: throw error("can't evaluate command \(GoQuote.quote(first.description))")
        }
    }

    /// An untyped constant's value: `float64` if it is written like one, otherwise `int`.
    mutating func idealConstant(_ number: NumberLiteral) throws(TemplateError) -> TemplateValue {
        at(.operand(.number(number)))
        let text = number.text
        let isHexInt = text.count > 2 && text.hasPrefix("0") && (text.dropFirst().first == "x" || text.dropFirst().first == "X")
            && !text.contains(where: { $0 == "p" || $0 == "P" })
        let isRune = text.hasPrefix("'")
        if number.isFloat && !isHexInt && !isRune && text.contains(where: { ".eEpP".contains($0) }) { return .float(number.float) }
        if number.isInt { return .int(number.int, .int) }
        if number.isUint { throw error("\(text) overflows int") }
        return .missing
    }

    mutating func evalFieldNode(_ dot: TemplateValue, _ field: Operand, _ arguments: [Operand], _ final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        at(.operand(field))
        guard case .field(_, let names) = field else { return .missing }
        return try evalFieldChain(dot, dot, dotType, field, names, arguments, final)
    }

    mutating func evalChainNode(_ dot: TemplateValue, _ chain: Operand, _ arguments: [Operand], _ final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        at(.operand(chain))
        guard case .chain(_, let base, let fields) = chain else { return .missing }
        if case .nil = base { throw error("indirection through explicit nil in \(chain)") }
        let receiver = try evalArg(dot, nil, base)
        return try evalFieldChain(dot, receiver, nil, chain, fields, arguments, final)
    }

    mutating func evalVariableNode(_ dot: TemplateValue, _ operand: Operand, _ arguments: [Operand], _ final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        at(.operand(operand))
        guard case .variable(_, let names) = operand else { return .missing }
        let (value, staticType) = try variable(names[0])
        if names.count == 1 {
            try notAFunction(arguments, final)
            return value
        }
        return try evalFieldChain(dot, value, staticType, operand, Array(names.dropFirst()), arguments, final)
    }

    private mutating func evalFieldChain(
        _ dot: TemplateValue, _ receiver: TemplateValue, _ receiverType: GoType?, _ node: Operand, _ names: [String], _ arguments: [Operand],
        _ final: TemplateValue?
    ) throws(TemplateError) -> TemplateValue {
        var receiver = (value: receiver, staticType: receiverType)
        for name in names.dropLast() {
            receiver = try evalField(dot, name, node, [], nil, receiver.value, receiver.staticType)
        }
        return try evalField(dot, names[names.count - 1], node, arguments, final, receiver.value, receiver.staticType).value
    }

    /// Go's `evalField`: a method, a struct field or a map key; also returns the result's
    /// static type (a map's element type), which Go's messages name.
    private mutating func evalField(
        _ dot: TemplateValue, _ name: String, _ node: Operand, _ arguments: [Operand], _ final: TemplateValue?, _ receiver: TemplateValue,
        _ receiverType: GoType?
    ) throws(TemplateError) -> (value: TemplateValue, staticType: GoType?) {
        let typeName = (receiverType ?? receiver.goType)?.description ?? ""
        switch receiver {
        case .missing:
            return (.missing, nil)
        case .null:
            throw error("nil pointer evaluating \(typeName).\(name)")
        case .structure(let structure):
            if let method = structure.method(named: name) {
                let value = try evalCall(dot, method, isBuiltin: false, node: .operand(node), name: name, arguments, final)
                return (value, method.signature.result)
            }
            if let value = structure.field(named: name) {
                if arguments.count > 1 || final != nil { throw error("\(name) has arguments but cannot be invoked as function") }
                return (value, nil)
            }
        case .map(let map):
            if map.keyType == .string || map.keyType == .interface {
                if arguments.count > 1 || final != nil { throw error("\(name) is not a method but has arguments") }
                return (map[.string(name)] ?? .missing, map.valueType)
            }
        default:
            break
        }
        throw error("can't evaluate field \(name) in type \(typeName)")
    }

    mutating func evalFunction(
        _ dot: TemplateValue, _ identifier: Operand, name: String, node: Location, _ arguments: [Operand], _ final: TemplateValue?
    ) throws(TemplateError) -> TemplateValue {
        at(.operand(identifier))
        guard let function = template.functions.function(named: name) else {
            throw error("\(GoQuote.quote(name)) is not a defined function")
        }
        return try evalCall(dot, function, isBuiltin: template.functions.isBuiltin(name), node: node, name: name, arguments, final)
    }

    /// Go's `evalCall`: checks the argument count, evaluates each argument against its
    /// parameter type, and calls the function; `and` and `or` evaluate lazily.
    mutating func evalCall(
        _ dot: TemplateValue, _ function: TemplateFunction, isBuiltin: Bool, node: Location, name: String,
        _ arguments: [Operand], _ final: TemplateValue?
    ) throws(TemplateError) -> TemplateValue {
        let arguments = Array(arguments.dropFirst())
        let signature = function.signature
        let count = arguments.count + (final == nil ? 0 : 1)
        var fixed = arguments.count
        if signature.variadic != nil {
            fixed = signature.parameters.count
            if count < fixed {
                throw error("wrong number of args for \(name): want at least \(signature.parameters.count) got \(arguments.count)")
            }
        } else if count != signature.parameters.count {
            throw error("wrong number of args for \(name): want \(signature.parameters.count) got \(count)")
        }
        if isBuiltin && (name == "and" || name == "or") {
            var value: TemplateValue = .missing
            for argument in arguments {
                value = try evalArg(dot, .value, argument)
                if Self.isTrue(value) == (name == "or") { return value }
            }
            if let final { value = try validateType(final, .value) }
            return value
        }
        var values: [TemplateValue] = []
        var index = 0
        while index < fixed && index < arguments.count {
            values.append(try evalArg(dot, signature.parameters[index], arguments[index]))
            index += 1
        }
        if let variadic = signature.variadic {
            while index < arguments.count {
                values.append(try evalArg(dot, variadic, arguments[index]))
                index += 1
            }
        }
        if let final {
            var parameter = signature.parameters.last ?? .value
            if let variadic = signature.variadic {
                parameter = count - 1 < fixed ? signature.parameters[count - 1] : variadic
            }
            values.append(try validateType(final, parameter))
        }
        do {
            return try function.invoke(values, limits: limits, random: random)
        } catch {
            at(node)
            throw self.error("error calling \(name): \(error.message)")
        }
    }
}
