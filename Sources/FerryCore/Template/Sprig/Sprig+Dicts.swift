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

/// The deep operations behind Sprig's dict functions (imdario/mergo, mitchellh/copystructure).
enum SprigDicts {
    /// mergo's `Merge` (and `MergeWithOverwrite`) for `map[string]interface {}`: nested maps
    /// merge key by key; otherwise the destination keeps a non-empty value unless overwriting
    /// with a non-empty one.
    static func merge(into destination: TemplateMap, from source: TemplateMap, overwrite: Bool) {
        for (key, value) in source.entries {
            guard let existing = destination[key] else {
                destination[key] = value
                continue
            }
            if case .map(let inner) = existing, case .map(let incoming) = value {
                merge(into: inner, from: incoming, overwrite: overwrite)
            } else if overwrite ? !SprigValues.isEmpty(value) : SprigValues.isEmpty(existing) {
                destination[key] = value
            }
        }
    }

    static func deepCopy(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .map(let map):
            let copy = TemplateMap(type: map.type)
            for (key, element) in map.entries { copy[key] = deepCopy(element) }
            return .map(copy)
        case .slice(var slice):
            slice.elements = slice.elements.map(deepCopy)
            return .slice(slice)
        default:
            return value
        }
    }

    static func dig(_ arguments: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue {
        guard arguments.count >= 3 else { throw TemplateFunctionError("dig needs at least three arguments") }
        guard case .map(var map) = arguments[arguments.count - 1], map.type == .anyMap else {
            throw TemplateFunctionError("interface conversion: interface {} is \(arguments[arguments.count - 1].goType?.description ?? "nil"), not map[string]interface {}")
        }
        let fallback = arguments[arguments.count - 2]
        let keys = arguments.dropLast(2)
        for (offset, key) in keys.enumerated() {
            guard case .string = key else {
                throw TemplateFunctionError("interface conversion: interface {} is \(key.goType?.description ?? "nil"), not string")
            }
            guard let step = map[key] else { return fallback }
            if offset == keys.count - 1 { return step }
            guard case .map(let next) = step, next.type == .anyMap else {
                throw TemplateFunctionError("interface conversion: interface {} is \(step.goType?.description ?? "nil"), not map[string]interface {}")
            }
            map = next
        }
        return fallback
    }
}
