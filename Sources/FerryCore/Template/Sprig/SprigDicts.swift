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
