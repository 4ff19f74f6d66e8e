extension Sprig {
    static let defaults: [TemplateFunction] = {
        let fromJSON = function("fromJson", [.string], result: .interface) { call in
            (try? TemplateJSON.decode(call.string(0), integers: false)) ?? .null
        }
        return [
            function("default", [.interface], variadic: .interface, result: .interface) { call in
                call.arguments.count < 2 || SprigValues.isEmpty(call[1]) ? call[0] : call[1]
            },
            function("empty", [.interface], result: .bool) { call in .bool(SprigValues.isEmpty(call[0])) },
            function("coalesce", [], variadic: .interface, result: .interface) { call in
                call.arguments.first { !SprigValues.isEmpty($0) } ?? .null
            },
            function("all", [], variadic: .interface, result: .bool) { call in .bool(call.arguments.allSatisfy { !SprigValues.isEmpty($0) }) },
            function("any", [], variadic: .interface, result: .bool) { call in .bool(call.arguments.contains { !SprigValues.isEmpty($0) }) },
            fromJSON,
            function("mustFromJson", [.string], result: .interface) { call throws(TemplateFunctionError) in
                do throws(TemplateJSONError) {
                    return try TemplateJSON.decode(call.string(0), integers: false)
                } catch {
                    throw TemplateFunctionError(error.message)
                }
            },
            jsonFunction("toJson", indent: nil, escapeHTML: true, failing: false),
            jsonFunction("mustToJson", indent: nil, escapeHTML: true, failing: true),
            jsonFunction("toPrettyJson", indent: "  ", escapeHTML: true, failing: false),
            jsonFunction("mustToPrettyJson", indent: "  ", escapeHTML: true, failing: true),
            jsonFunction("toRawJson", indent: nil, escapeHTML: false, failing: true),
            jsonFunction("mustToRawJson", indent: nil, escapeHTML: false, failing: true),
            function("ternary", [.interface, .interface, .bool], result: .interface) { call in call[2] == .bool(true) ? call[0] : call[1] },
            function("fail", [.string], result: .string) { call throws(TemplateFunctionError) in throw TemplateFunctionError(call.string(0)) },
        ]
    }()

    private static func jsonFunction(_ name: String, indent: String?, escapeHTML: Bool, failing: Bool) -> TemplateFunction {
        function(name, [.interface], result: .string) { call throws(TemplateFunctionError) in
            let text: String
            do throws(TemplateJSONError) {
                text = try TemplateJSON.encode(call[0], indent: indent, escapeHTML: escapeHTML)
            } catch {
                if failing { throw TemplateFunctionError(error.message) }
                return .string("")
            }
            try checkSize(text.utf8.count, call)
            return .string(text)
        }
    }
}
