extension TemplateExecutor {
    /// Go's `evalArg`: evaluates one argument for a parameter (`nil`: no type, as for the base
    /// of a chain), checking constants against the parameter's type.
    mutating func evalArg(_ dot: TemplateValue, _ parameter: FunctionSignature.Parameter?, _ operand: Operand) throws(TemplateError) -> TemplateValue {
        at(.operand(operand))
        switch operand {
        case .dot:
            return try validateType(dot, parameter)
        case .nil:
            if let zero = Self.nilValue(for: parameter) { return zero }
            throw error("cannot assign nil to \(parameter?.description ?? "")")
        case .field(_, let names):
            _ = names
            let value = try evalFieldNode(dot, operand, [operand], nil)
            return try validateType(value, parameter)
        case .variable:
            let value = try evalVariableNode(dot, operand, [], nil)
            return try validateType(value, parameter)
        case .pipe(let pipe):
            let value = try evalPipeline(dot, pipe)
            return try validateType(value, parameter)
        case .identifier(_, let name):
            let value = try evalFunctionArgument(dot, operand, name)
            return try validateType(value, parameter)
        case .chain:
            let value = try evalChainNode(dot, operand, [], nil)
            return try validateType(value, parameter)
        case .bool, .number, .string:
            break
        }
        switch parameter {
        case nil, .value, .typed(.interface):
            return try evalEmptyInterface(operand)
        case .typed(.bool):
            if case .bool(_, let value) = operand { return .bool(value) }
            throw error("expected bool; found \(operand)")
        case .typed(.string):
            if case .string(_, _, let text) = operand { return .string(text) }
            throw error("expected string; found \(operand)")
        case .typed(.float64):
            if case .number(let number) = operand, number.isFloat { return .float(number.float) }
            throw error("expected float; found \(operand)")
        case .typed(.integer(let type)):
            if type.isUnsigned {
                if case .number(let number) = operand, number.isUint { return .int(Int64(truncatingIfNeeded: number.uint), type) }
                throw error("expected unsigned integer; found \(operand)")
            }
            if case .number(let number) = operand, number.isInt { return .int(number.int, type) }
            throw error("expected integer; found \(operand)")
        case .typed(let type):
            // A named integer type (time.Duration): Go converts an integer constant to it.
            if case .named(_, .integer?) = type {
                guard case .number(let number) = operand, number.isInt else { throw error("expected integer; found \(operand)") }
                if let value = SprigTime.namedInteger(type, number.int) { return value }
            }
            throw error("can't handle \(operand) for arg of type \(type)")
        }
    }

    private mutating func evalEmptyInterface(_ operand: Operand) throws(TemplateError) -> TemplateValue {
        at(.operand(operand))
        switch operand {
        case .bool(_, let value): return .bool(value)
        case .string(_, _, let text): return .string(text)
        case .number(let number): return try idealConstant(number)
        default:
            throw error("can't handle assignment of \(operand) to empty interface argument")
        }
    }

    private mutating func evalFunctionArgument(_ dot: TemplateValue, _ operand: Operand, _ name: String) throws(TemplateError) -> TemplateValue {
        try evalFunction(dot, operand, name: name, node: .operand(operand), [operand], nil)
    }

    /// Go's `validateType`: a missing value becomes the parameter type's nil (or fails), and a
    /// value must be assignable to a typed parameter.
    func validateType(_ value: TemplateValue, _ parameter: FunctionSignature.Parameter?) throws(TemplateError) -> TemplateValue {
        guard let parameter else { return value }
        if case .missing = value {
            if let zero = Self.nilValue(for: parameter) { return zero }
            throw error("invalid value; expected \(parameter)")
        }
        guard case .typed(let type) = parameter, let valueType = value.goType, !type.accepts(valueType) else { return value }
        throw error("wrong type for value; expected \(type); got \(valueType)")
    }

    /// The nil of a parameter type that can be nil (Go's `canBeNil`), `nil` otherwise.
    static func nilValue(for parameter: FunctionSignature.Parameter?) -> TemplateValue? {
        switch parameter {
        case nil, .value: return .missing
        case .typed(let type):
            switch type.underlying {
            case .interface, .function: return .null
            case .slice, .map: return .zero(of: type)
            default: return nil
            }
        }
    }
}
