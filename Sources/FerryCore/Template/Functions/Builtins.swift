/// Go's `text/template` builtin functions, with Go's error messages.
enum Builtins {
    static let all: [TemplateFunction] = [
        TemplateFunction("and", FunctionSignature([.value], variadic: .value, result: .interface)) { call in call[call.arguments.count - 1] },
        TemplateFunction("or", FunctionSignature([.value], variadic: .value, result: .interface)) { call in call[call.arguments.count - 1] },
        TemplateFunction("not", FunctionSignature([.value], result: .bool)) { call in .bool(!TemplateExecutor.isTrue(call[0])) },
        TemplateFunction("len", FunctionSignature([.value], result: .int)) { call throws(TemplateFunctionError) in try length(call[0]) },
        TemplateFunction("index", FunctionSignature([.value], variadic: .value, result: .interface)) { call throws(TemplateFunctionError) in
            try index(call[0], Array(call.arguments.dropFirst()))
        },
        TemplateFunction("slice", FunctionSignature([.value], variadic: .value, result: .interface)) { call throws(TemplateFunctionError) in
            try slice(call[0], Array(call.arguments.dropFirst()))
        },
        TemplateFunction("print", FunctionSignature([], variadic: .typed(.interface), result: .string)) { call in
            .string(GoFormatter.sprint(call.arguments))
        },
        TemplateFunction("printf", FunctionSignature([.typed(.string)], variadic: .typed(.interface), result: .string)) { call in
            .string(GoFormatter.sprintf(call.string(0), Array(call.arguments.dropFirst())))
        },
        TemplateFunction("println", FunctionSignature([], variadic: .typed(.interface), result: .string)) { call in
            .string(GoFormatter.sprintln(call.arguments))
        },
        TemplateFunction("eq", FunctionSignature([.value], variadic: .value, result: .bool)) { call throws(TemplateFunctionError) in
            .bool(try GoComparison.equal(call[0], Array(call.arguments.dropFirst())))
        },
        TemplateFunction("ne", FunctionSignature([.value, .value], result: .bool)) { call throws(TemplateFunctionError) in
            .bool(try !GoComparison.equal(call[0], [call[1]]))
        },
        TemplateFunction("lt", FunctionSignature([.value, .value], result: .bool)) { call throws(TemplateFunctionError) in
            .bool(try GoComparison.less(call[0], call[1]))
        },
        TemplateFunction("le", FunctionSignature([.value, .value], result: .bool)) { call throws(TemplateFunctionError) in
            .bool(try GoComparison.lessOrEqual(call[0], call[1]))
        },
        TemplateFunction("gt", FunctionSignature([.value, .value], result: .bool)) { call throws(TemplateFunctionError) in
            .bool(try !GoComparison.lessOrEqual(call[0], call[1]))
        },
        TemplateFunction("ge", FunctionSignature([.value, .value], result: .bool)) { call throws(TemplateFunctionError) in
            .bool(try !GoComparison.less(call[0], call[1]))
        },
        TemplateFunction("html", FunctionSignature([], variadic: .typed(.interface), result: .string)) { call in
            .string(GoEscaping.html(GoEscaping.evalArgs(call.arguments)))
        },
        TemplateFunction("js", FunctionSignature([], variadic: .typed(.interface), result: .string)) { call in
            .string(GoEscaping.javaScript(GoEscaping.evalArgs(call.arguments)))
        },
        TemplateFunction("urlquery", FunctionSignature([], variadic: .typed(.interface), result: .string)) { call in
            .string(GoEscaping.queryEscape(GoEscaping.evalArgs(call.arguments)))
        },
        TemplateFunction("call", FunctionSignature([.value], variadic: .value, result: .interface)) { call throws(TemplateFunctionError) in
            try callFunction(call[0], Array(call.arguments.dropFirst()), call)
        },
    ]

    static func length(_ item: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        switch item {
        case .missing: throw TemplateFunctionError("reflect: call of reflect.Value.Type on zero Value")
        case .null: throw TemplateFunctionError("len of nil pointer")
        case .string(let text): return .int(text.utf8.count)
        case .slice(let slice): return .int(slice.elements.count)
        case .map(let map): return .int(map.count)
        default: throw TemplateFunctionError("len of type \(item.goType?.description ?? "")")
        }
    }

    /// Go's `indexArg`: an integer index in `0...bound`.
    static func indexArgument(_ index: TemplateValue, bound: Int) throws(TemplateFunctionError) -> Int {
        switch index {
        case .int(let value, _):
            if value < 0 || value > Int64(bound) { throw TemplateFunctionError("index out of range: \(value)") }
            return Int(value)
        case .missing, .null:
            throw TemplateFunctionError("cannot index slice/array with nil")
        default:
            throw TemplateFunctionError("cannot index slice/array with type \(index.goType?.description ?? "")")
        }
    }

    static func index(_ item: TemplateValue, _ indexes: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue {
        var item = item
        if case .null = item { item = .missing }
        if case .missing = item { throw TemplateFunctionError("index of untyped nil") }
        for index in indexes {
            switch item {
            case .null:
                throw TemplateFunctionError("index of nil pointer")
            case .slice(let slice):
                let position = try indexArgument(index, bound: slice.elements.count)
                guard position < slice.elements.count else { throw TemplateFunctionError("reflect: slice index out of range") }
                item = slice.elements[position]
            case .string(let text):
                let bytes = Array(text.utf8)
                let position = try indexArgument(index, bound: bytes.count)
                guard position < bytes.count else { throw TemplateFunctionError("reflect: string index out of range") }
                item = .int(Int64(bytes[position]), .uint8)
            case .map(let map):
                let key = try prepareArgument(index, map.keyType)
                item = map[key] ?? .zero(of: map.valueType)
            default:
                throw TemplateFunctionError("can't index item of type \(item.goType?.description ?? "")")
            }
        }
        return item
    }

    static func slice(_ item: TemplateValue, _ indexes: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue {
        if case .missing = item { throw TemplateFunctionError("slice of untyped nil") }
        if case .null = item { throw TemplateFunctionError("slice of untyped nil") }
        if indexes.count > 3 { throw TemplateFunctionError("too many slice indexes: \(indexes.count)") }
        let count: Int
        switch item {
        case .string(let text):
            if indexes.count == 3 { throw TemplateFunctionError("cannot 3-index slice a string") }
            count = text.utf8.count
        case .slice(let slice):
            count = slice.elements.count
        default:
            throw TemplateFunctionError("can't slice item of type \(item.goType?.description ?? "")")
        }
        var bounds = [0, count, count]
        for (position, index) in indexes.enumerated() {
            bounds[position] = try indexArgument(index, bound: count)
        }
        if bounds[0] > bounds[1] { throw TemplateFunctionError("invalid slice index: \(bounds[0]) > \(bounds[1])") }
        if indexes.count == 3 && bounds[1] > bounds[2] { throw TemplateFunctionError("invalid slice index: \(bounds[1]) > \(bounds[2])") }
        switch item {
        case .string(let text):
            return .string(String(decoding: Array(text.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
        case .slice(var slice):
            slice.elements = Array(slice.elements[bounds[0]..<bounds[1]])
            return .slice(slice)
        default:
            return item
        }
    }

    /// Go's `prepareArg`: a nil becomes the type's zero (if it can be nil), integers convert
    /// between integer types, other values must be assignable.
    static func prepareArgument(_ value: TemplateValue, _ type: GoType) throws(TemplateFunctionError) -> TemplateValue {
        if value.isMissing || value == .null {
            if let zero = TemplateExecutor.nilValue(for: .typed(type)) { return zero }
            throw TemplateFunctionError("value is nil; should be of type \(type)")
        }
        guard let valueType = value.goType else { return value }
        if type.accepts(valueType) { return value }
        if case .int(let number, _) = value, case .integer(let target) = type.underlying { return .int(number, target) }
        throw TemplateFunctionError("value has type \(valueType); should be \(type)")
    }

    private static func callFunction(_ function: TemplateValue, _ arguments: [TemplateValue], _ call: FunctionCall) throws(TemplateFunctionError) -> TemplateValue {
        guard case .function(let target) = function else {
            if function.isMissing || function == .null { throw TemplateFunctionError("call of nil") }
            throw TemplateFunctionError("non-function of type \(function.goType?.description ?? "")")
        }
        let signature = target.signature
        if let variadic = signature.variadic {
            _ = variadic
            if arguments.count < signature.parameters.count {
                throw TemplateFunctionError("wrong number of args: got \(arguments.count) want at least \(signature.parameters.count)")
            }
        } else if arguments.count != signature.parameters.count {
            throw TemplateFunctionError("wrong number of args: got \(arguments.count) want \(signature.parameters.count)")
        }
        var prepared: [TemplateValue] = []
        for (position, argument) in arguments.enumerated() {
            let parameter = position < signature.parameters.count ? signature.parameters[position] : (signature.variadic ?? .value)
            switch parameter {
            case .value:
                prepared.append(argument)
            case .typed(let type):
                do {
                    prepared.append(try prepareArgument(argument, type))
                } catch {
                    throw TemplateFunctionError("arg \(position): \(error.message)")
                }
            }
        }
        return try target.invoke(prepared, limits: call.limits, random: call.random)
    }
}
