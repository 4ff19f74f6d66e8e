extension Sprig {
    static let regexes: [TemplateFunction] = [
        function("regexMatch", [.string, .string], result: .bool) { call in
            guard let regexp = try? GoRegexp(call.string(0)) else { return .bool(false) }
            return .bool((try? SprigRegex.first(regexp, call.string(1))) != nil)
        },
        function("mustRegexMatch", [.string, .string], result: .bool) { call throws(TemplateFunctionError) in
            let regexp = try SprigRegex.compile(call.string(0), panics: false)
            return .bool(try SprigRegex.first(regexp, call.string(1)) != nil)
        },
        regexFunction("regexFindAll", panics: true, [.string, .string, .int], .stringSlice) { regexp, call throws(TemplateFunctionError) in
            stringList(try SprigRegex.all(regexp, call.string(1), limit: call.int(2), call).map { SprigRegex.text(call.string(1), $0.range) })
        },
        regexFunction("mustRegexFindAll", panics: false, [.string, .string, .int], .stringSlice) { regexp, call throws(TemplateFunctionError) in
            stringList(try SprigRegex.all(regexp, call.string(1), limit: call.int(2), call).map { SprigRegex.text(call.string(1), $0.range) })
        },
        regexFunction("regexFind", panics: true, [.string, .string], .string) { regexp, call throws(TemplateFunctionError) in
            .string(try SprigRegex.first(regexp, call.string(1)).map { SprigRegex.text(call.string(1), $0.range) } ?? "")
        },
        regexFunction("mustRegexFind", panics: false, [.string, .string], .string) { regexp, call throws(TemplateFunctionError) in
            .string(try SprigRegex.first(regexp, call.string(1)).map { SprigRegex.text(call.string(1), $0.range) } ?? "")
        },
        regexFunction("regexReplaceAll", panics: true, [.string, .string, .string], .string) { regexp, call throws(TemplateFunctionError) in
            .string(try SprigRegex.replaceAll(regexp, call.string(1), call.string(2), literal: false, call))
        },
        regexFunction("mustRegexReplaceAll", panics: false, [.string, .string, .string], .string) { regexp, call throws(TemplateFunctionError) in
            .string(try SprigRegex.replaceAll(regexp, call.string(1), call.string(2), literal: false, call))
        },
        regexFunction("regexReplaceAllLiteral", panics: true, [.string, .string, .string], .string) { regexp, call throws(TemplateFunctionError) in
            .string(try SprigRegex.replaceAll(regexp, call.string(1), call.string(2), literal: true, call))
        },
        regexFunction("mustRegexReplaceAllLiteral", panics: false, [.string, .string, .string], .string) { regexp, call throws(TemplateFunctionError) in
            .string(try SprigRegex.replaceAll(regexp, call.string(1), call.string(2), literal: true, call))
        },
        regexFunction("regexSplit", panics: true, [.string, .string, .int], .stringSlice) { regexp, call throws(TemplateFunctionError) in
            stringList(try SprigRegex.split(regexp, call.string(1), limit: call.int(2), call))
        },
        regexFunction("mustRegexSplit", panics: false, [.string, .string, .int], .stringSlice) { regexp, call throws(TemplateFunctionError) in
            stringList(try SprigRegex.split(regexp, call.string(1), limit: call.int(2), call))
        },
        function("regexQuoteMeta", [.string], result: .string) { call in
            var out = ""
            for scalar in call.string(0).unicodeScalars {
                if "\\.+*?()|[]{}^$".unicodeScalars.contains(scalar) { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
            return .string(out)
        },
    ]

    private static func regexFunction(
        _ name: String, panics: Bool, _ parameters: [GoType], _ result: GoType,
        _ body: @escaping @Sendable (GoRegexp, FunctionCall) throws(TemplateFunctionError) -> TemplateValue
    ) -> TemplateFunction {
        function(name, parameters, result: result) { call throws(TemplateFunctionError) in
            try body(try SprigRegex.compile(call.string(0), panics: panics), call)
        }
    }
}
