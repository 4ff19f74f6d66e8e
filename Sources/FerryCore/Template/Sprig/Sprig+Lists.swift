extension Sprig {
    static let lists: [TemplateFunction] = {
        let list = function("list", [], variadic: .interface, result: .anySlice) { call in anyList(call.arguments) }
        let push = listFunction("push", "Cannot push on type ", [.interface]) { elements, call in elements + [call[1]] }
        let mustPush = alias("mustPush", of: push)
        let chunk = function("chunk", [.int, .interface], result: .slice(.anySlice)) { call throws(TemplateFunctionError) in
            let elements = try elements(call[1]) { "Cannot chunk type \($0)" }
            let size = call.int(0)
            guard size > 0 else { throw TemplateFunctionError("runtime error: makeslice: len out of range") }
            var chunks: [TemplateValue] = []
            var start = 0
            while start < elements.count {
                chunks.append(anyList(Array(elements[start..<Swift.min(start + size, elements.count)])))
                start += size
            }
            if elements.isEmpty { chunks = [anyList([])] }
            return .slice(TemplateSlice(type: .slice(.anySlice), chunks))
        }
        var functions: [TemplateFunction] = [
            list, alias("tuple", of: list), push, alias("append", of: push), mustPush, alias("mustAppend", of: mustPush),
            listFunction("prepend", "Cannot prepend on type ", [.interface]) { elements, call in [call[1]] + elements },
            chunk, alias("mustChunk", of: chunk),
            elementFunction("first", "Cannot find first on type ") { $0.first },
            elementFunction("last", "Cannot find last on type ") { $0.last },
            listFunction("rest", "Cannot find rest on type ") { elements, _ in Array(elements.dropFirst()) },
            listFunction("initial", "Cannot find initial on type ") { elements, _ in Array(elements.dropLast()) },
            listFunction("reverse", "Cannot find reverse on type ") { elements, _ in elements.reversed() },
            listFunction("compact", "Cannot compact on type ") { elements, _ in elements.filter { !SprigValues.isEmpty($0) } },
            listFunction("uniq", "Cannot find uniq on type ") { elements, _ in
                var unique: [TemplateValue] = []
                for element in elements where !unique.contains(where: { SprigValues.deepEqual($0, element) }) { unique.append(element) }
                return unique
            },
            listFunction("without", "Cannot find without on type ", variadic: .interface) { elements, call in
                let omit = Array(call.arguments.dropFirst())
                return elements.filter { element in !omit.contains { SprigValues.deepEqual($0, element) } }
            },
            function("has", [.interface, .interface], result: .bool) { call throws(TemplateFunctionError) in try has(call) },
            function("mustHas", [.interface, .interface], result: .bool) { call throws(TemplateFunctionError) in try has(call) },
            function("slice", [.interface], variadic: .interface, result: .interface) { call throws(TemplateFunctionError) in try slice(call) },
            function("mustSlice", [.interface], variadic: .interface, result: .interface) { call throws(TemplateFunctionError) in try slice(call) },
            function("concat", [], variadic: .interface, result: .interface) { call throws(TemplateFunctionError) in
                var result: [TemplateValue] = []
                for list in call.arguments {
                    result += try elements(list) { "Cannot concat type \($0) as list" }
                    try checkSize(result.count, call)
                }
                return anyList(result)
            },
            function("until", [.int], result: .slice(.int)) { call throws(TemplateFunctionError) in
                try intList(SprigNumbers.untilStep(0, call.int(0), call.int(0) < 0 ? -1 : 1, call))
            },
            function("untilStep", [.int, .int, .int], result: .slice(.int)) { call throws(TemplateFunctionError) in
                try intList(SprigNumbers.untilStep(call.int(0), call.int(1), call.int(2), call))
            },
            function("seq", [], variadic: .int, result: .string) { call throws(TemplateFunctionError) in
                .string(try SprigNumbers.seq(call.arguments.map { if case .int(let n, _) = $0 { Int(n) } else { 0 } }, call))
            },
        ]
        for name in ["prepend", "first", "last", "rest", "initial", "reverse", "compact", "uniq", "without"] {
            if let function = functions.first(where: { $0.name == name }) {
                functions.append(alias("must" + name.prefix(1).uppercased() + name.dropFirst(), of: function))
            }
        }
        return functions
    }()

    private static func intList(_ numbers: [Int]) throws(TemplateFunctionError) -> TemplateValue {
        .slice(TemplateSlice(type: .slice(.int), numbers.map { .int($0) }))
    }

    /// A function whose first argument must be a list and whose result is a `[]interface {}`.
    private static func listFunction(
        _ name: String, _ message: String, _ extra: [GoType] = [], variadic: GoType? = nil,
        _ body: @escaping @Sendable ([TemplateValue], FunctionCall) throws(TemplateFunctionError) -> [TemplateValue]
    ) -> TemplateFunction {
        function(name, [.interface] + extra, variadic: variadic, result: .anySlice) { call throws(TemplateFunctionError) in
            let elements = try elements(call[0]) { message + $0 }
            let result = try body(elements, call)
            try checkSize(result.count, call)
            return anyList(result)
        }
    }

    /// A function picking one element of a list (`nil` for an empty list).
    private static func elementFunction(_ name: String, _ message: String, _ pick: @escaping @Sendable ([TemplateValue]) -> TemplateValue?) -> TemplateFunction {
        function(name, [.interface], result: .interface) { call throws(TemplateFunctionError) in
            let elements = try elements(call[0]) { message + $0 }
            return pick(elements) ?? .null
        }
    }

    private static func has(_ call: FunctionCall) throws(TemplateFunctionError) -> TemplateValue {
        if case .null = call[1] { return .bool(false) }
        let elements = try elements(call[1]) { "Cannot find has on type \($0)" }
        return .bool(elements.contains { SprigValues.deepEqual(call[0], $0) })
    }

    private static func slice(_ call: FunctionCall) throws(TemplateFunctionError) -> TemplateValue {
        guard let kind = kind(call[0]) else { throw nilDereference }
        guard case .slice(var slice) = call[0] else { throw TemplateFunctionError("list should be type of slice or array but \(kind)") }
        let count = slice.elements.count
        if count == 0 { return .null }
        let start = call.arguments.count > 1 ? Int(SprigValues.int64(call[1])) : 0
        let end = call.arguments.count > 2 ? Int(SprigValues.int64(call[2])) : count
        guard start >= 0, start <= end, end <= count else { throw TemplateFunctionError("reflect.Value.Slice: slice index out of bounds") }
        slice.elements = Array(slice.elements[start..<end])
        return .slice(slice)
    }
}
