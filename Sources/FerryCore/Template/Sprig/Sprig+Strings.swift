extension Sprig {
    static let strings: [TemplateFunction] = {
        let trim = function("trim", [.string], result: .string) { call in .string(SprigText.trimSpace(call.string(0))) }
        let trimAll = function("trimAll", [.string, .string], result: .string) { call in .string(SprigText.trim(call.string(1), set: call.string(0))) }
        let abbrevBoth = function("abbrevboth", [.int, .int, .string], result: .string) { call in
            .string(SprigText.abbreviateBoth(left: call.int(0), right: call.int(1), call.string(2)))
        }
        return [
            function("abbrev", [.int, .string], result: .string) { call in .string(SprigText.abbreviate(width: call.int(0), call.string(1))) },
            abbrevBoth,
            function("trunc", [.int, .string], result: .string) { call in
                let bytes = Array(call.string(1).utf8)
                let count = call.int(0)
                if count < 0 && bytes.count + count > 0 { return .string(String(decoding: bytes[(bytes.count + count)...], as: UTF8.self)) }
                if count >= 0 && bytes.count > count { return .string(String(decoding: bytes[..<count], as: UTF8.self)) }
                return .string(call.string(1))
            },
            trim,
            function("upper", [.string], result: .string) { call in .string(SprigText.mapScalars(call.string(0)) { $0.properties.uppercaseMapping }) },
            function("lower", [.string], result: .string) { call in .string(SprigText.mapScalars(call.string(0)) { $0.properties.lowercaseMapping }) },
            function("title", [.string], result: .string) { call in .string(SprigText.title(call.string(0))) },
            function("untitle", [.string], result: .string) { call in .string(SprigText.uncapitalize(call.string(0))) },
            function("substr", [.int, .int, .string], result: .string) { call throws(TemplateFunctionError) in
                .string(try SprigText.substring(start: call.int(0), end: call.int(1), call.string(2)))
            },
            function("repeat", [.int, .string], result: .string) { call throws(TemplateFunctionError) in
                let count = call.int(0)
                if count < 0 { throw TemplateFunctionError("strings: negative Repeat count") }
                try checkSize(count * call.string(1).utf8.count, call)
                return .string(String(repeating: call.string(1), count: count))
            },
            alias("trimall", of: trimAll),
            trimAll,
            function("trimSuffix", [.string, .string], result: .string) { call in
                let (suffix, text) = (call.string(0), call.string(1))
                return .string(SprigText.hasSuffix(text, suffix) ? SprigText.dropSuffix(text, suffix) : text)
            },
            function("trimPrefix", [.string, .string], result: .string) { call in
                let (prefix, text) = (call.string(0), call.string(1))
                return .string(SprigText.hasPrefix(text, prefix) ? SprigText.dropPrefix(text, prefix) : text)
            },
            function("nospace", [.string], result: .string) { call in .string(SprigText.deleteWhiteSpace(call.string(0))) },
            function("initials", [.string], result: .string) { call in .string(SprigText.initials(call.string(0))) },
            function("swapcase", [.string], result: .string) { call in .string(SprigText.swapCase(call.string(0))) },
            function("snakecase", [.string], result: .string) { call in .string(SprigCase.lowerCase(call.string(0), connector: "_")) },
            function("camelcase", [.string], result: .string) { call in .string(SprigCase.camelCase(call.string(0))) },
            function("kebabcase", [.string], result: .string) { call in .string(SprigCase.lowerCase(call.string(0), connector: "-")) },
            function("wrap", [.int, .string], result: .string) { call in .string(SprigText.wrap(call.string(1), width: call.int(0), newline: "", wrapLongWords: false)) },
            function("wrapWith", [.int, .string, .string], result: .string) { call in
                .string(SprigText.wrap(call.string(2), width: call.int(0), newline: call.string(1), wrapLongWords: true))
            },
            function("contains", [.string, .string], result: .bool) { call in .bool(SprigText.contains(call.string(1), call.string(0))) },
            function("hasPrefix", [.string, .string], result: .bool) { call in .bool(SprigText.hasPrefix(call.string(1), call.string(0))) },
            function("hasSuffix", [.string, .string], result: .bool) { call in .bool(SprigText.hasSuffix(call.string(1), call.string(0))) },
            function("quote", [], variadic: .interface, result: .string) { call in
                .string(call.arguments.filter { $0 != .null && !$0.isMissing }.map { GoQuote.quote(SprigValues.string($0)) }.joined(separator: " "))
            },
            function("squote", [], variadic: .interface, result: .string) { call in
                .string(call.arguments.filter { $0 != .null && !$0.isMissing }.map { "'" + GoFormatter.sprint([$0]) + "'" }.joined(separator: " "))
            },
            function("cat", [], variadic: .interface, result: .string) { call in
                .string(call.arguments.filter { $0 != .null && !$0.isMissing }.map { GoFormatter.sprint([$0]) }.joined(separator: " "))
            },
            function("indent", [.int, .string], result: .string) { call throws(TemplateFunctionError) in
                .string(try SprigText.indent(call.int(0), call.string(1), call))
            },
            function("nindent", [.int, .string], result: .string) { call throws(TemplateFunctionError) in
                .string("\n" + (try SprigText.indent(call.int(0), call.string(1), call)))
            },
            function("replace", [.string, .string, .string], result: .string) { call throws(TemplateFunctionError) in
                .string(try SprigText.replace(call.string(2), call.string(0), with: call.string(1), call))
            },
            function("plural", [.string, .string, .int], result: .string) { call in .string(call.int(2) == 1 ? call.string(0) : call.string(1)) },
            function("toString", [.interface], result: .string) { call in .string(SprigValues.string(call[0])) },
            function("splitList", [.string, .string], result: .stringSlice) { call in stringList(SprigText.split(call.string(1), call.string(0), limit: -1)) },
            function("split", [.string, .string], result: .stringMap) { call in
                SprigText.indexedMap(SprigText.split(call.string(1), call.string(0), limit: -1))
            },
            function("splitn", [.string, .int, .string], result: .stringMap) { call in
                SprigText.indexedMap(SprigText.split(call.string(2), call.string(0), limit: call.int(1)))
            },
            function("join", [.string, .interface], result: .string) { call in .string(SprigValues.strings(call[1]).joined(separator: call.string(0))) },
            function("sortAlpha", [.interface], result: .stringSlice) { call in
                if case .slice = call[0] {
                    return stringList(SprigValues.strings(call[0]).sorted { GoOrder.compareBytes($0, $1) < 0 })
                }
                return stringList([SprigValues.string(call[0])])
            },
            function("toStrings", [.interface], result: .stringSlice) { call in stringList(SprigValues.strings(call[0])) },
            function("hello", [], result: .string) { _ in .string("Hello!") },
        ]
    }()
}
