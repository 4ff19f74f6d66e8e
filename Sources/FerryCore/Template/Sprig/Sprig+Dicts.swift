extension Sprig {
    static let dicts: [TemplateFunction] = {
        let merge = function("merge", [.anyMap], variadic: .anyMap, result: .interface) { call in
            mergeMaps(call, overwrite: false)
        }
        let mergeOverwrite = function("mergeOverwrite", [.anyMap], variadic: .anyMap, result: .interface) { call in
            mergeMaps(call, overwrite: true)
        }
        let deepCopy = function("deepCopy", [.interface], result: .interface) { call in SprigDicts.deepCopy(call[0]) }
        return [
            function("dict", [], variadic: .interface, result: .anyMap) { call in
                let map = TemplateMap(type: .anyMap)
                var index = 0
                while index < call.arguments.count {
                    let key = SprigValues.string(call[index])
                    map[.string(key)] = index + 1 < call.arguments.count ? call[index + 1] : .string("")
                    index += 2
                }
                return .map(map)
            },
            function("get", [.anyMap, .string], result: .interface) { call in dictionary(call[0])[.string(call.string(1))] ?? .string("") },
            function("set", [.anyMap, .string, .interface], result: .anyMap) { call throws(TemplateFunctionError) in
                guard case .map(let map) = call[0] else { throw nilAssignment }
                map[.string(call.string(1))] = call[2]
                return call[0]
            },
            function("unset", [.anyMap, .string], result: .anyMap) { call in
                if case .map(let map) = call[0] { map[.string(call.string(1))] = nil }
                return call[0]
            },
            function("hasKey", [.anyMap, .string], result: .bool) { call in .bool(dictionary(call[0])[.string(call.string(1))] != nil) },
            function("pluck", [.string], variadic: .anyMap, result: .anySlice) { call in
                anyList(call.arguments.dropFirst().compactMap { dictionary($0)[.string(call.string(0))] })
            },
            function("keys", [], variadic: .anyMap, result: .stringSlice) { call in
                stringList(call.arguments.flatMap { dictionary($0).sortedKeys.compactMap(\.stringValue) })
            },
            function("pick", [.anyMap], variadic: .string, result: .anyMap) { call in
                let source = dictionary(call[0])
                let result = TemplateMap(type: .anyMap)
                for key in call.arguments.dropFirst() { if let value = source[key] { result[key] = value } }
                return .map(result)
            },
            function("omit", [.anyMap], variadic: .string, result: .anyMap) { call in
                let result = dictionary(call[0]).copy()
                for key in call.arguments.dropFirst() { result[key] = nil }
                return .map(result)
            },
            merge, alias("mustMerge", of: merge), mergeOverwrite, alias("mustMergeOverwrite", of: mergeOverwrite),
            function("values", [.anyMap], result: .anySlice) { call in anyList(dictionary(call[0]).sortedEntries.map(\.value)) },
            deepCopy, alias("mustDeepCopy", of: deepCopy),
            function("dig", [], variadic: .interface, result: .interface) { call throws(TemplateFunctionError) in try SprigDicts.dig(call.arguments) },
        ]
    }()

    /// Go's panic for assigning into a nil map.
    static let nilAssignment = TemplateFunctionError("assignment to entry in nil map")

    static func dictionary(_ value: TemplateValue) -> TemplateMap {
        if case .map(let map) = value { return map }
        return TemplateMap(type: .anyMap)
    }

    private static func mergeMaps(_ call: FunctionCall, overwrite: Bool) -> TemplateValue {
        guard case .map(let destination) = call[0] else { return call[0] }
        for source in call.arguments.dropFirst() {
            SprigDicts.merge(into: destination, from: dictionary(source), overwrite: overwrite)
        }
        return call[0]
    }
}
