/// Sprig's conversions: `strval`, and spf13/cast's `ToInt64`, `ToInt` and `ToFloat64`.
enum SprigValues {
    /// Sprig's `strval`: strings as they are, `String()` for stringers, `%v` otherwise.
    static func string(_ value: TemplateValue) -> String {
        switch value {
        case .string(let text): return text
        case .structure(let structure): return structure.stringerDescription ?? GoFormatter.sprint([value])
        case .missing: return GoFormatter.sprint([.null])
        default: return GoFormatter.sprint([value])
        }
    }

    /// cast's `ToInt64`: integers, truncated floats, `ParseInt(s, 0, 0)` for strings, 1 or 0
    /// for booleans; 0 for anything else.
    static func int64(_ value: TemplateValue) -> Int64 {
        switch value {
        case .int(let number, _): return number
        case .float(let number):
            guard number.isFinite, number.magnitude < 9.2e18 else { return number.isNaN ? Int64.min : (number < 0 ? Int64.min : Int64.min) }
            return Int64(number)
        case .string(let text): return GoInteger.parseSigned(text) ?? 0
        case .bool(let flag): return flag ? 1 : 0
        default: return 0
        }
    }

    /// cast's `ToFloat64`: numbers, `ParseFloat` for strings, 1 or 0 for booleans; 0 otherwise.
    static func float64(_ value: TemplateValue) -> Double {
        switch value {
        case .int(let number, _): return Double(number)
        case .float(let number): return number
        case .string(let text): return GoFloat.parse(text) ?? 0
        case .bool(let flag): return flag ? 1 : 0
        default: return 0
        }
    }

    /// Sprig's `empty`: nil, zero numbers, false, and empty strings, lists and maps.
    static func isEmpty(_ value: TemplateValue) -> Bool {
        switch value {
        case .missing, .null: return true
        case .string(let text): return text.isEmpty
        case .slice(let slice): return slice.elements.isEmpty
        case .map(let map): return map.count == 0
        case .bool(let flag): return !flag
        case .int(let number, _): return number == 0
        case .float(let number): return number == 0
        case .structure(let structure): return structure.native?.integer == 0
        case .function: return false
        }
    }

    /// Sprig's `strslice` (`toStrings`, `join`, `sortAlpha`): each non-nil element as a string.
    static func strings(_ value: TemplateValue) -> [String] {
        switch value {
        case .slice(let slice):
            return slice.elements.compactMap { element in
                if case .null = element { return nil }
                return string(element)
            }
        case .missing, .null: return []
        default: return [string(value)]
        }
    }

    /// Go's `reflect.DeepEqual` for template values.
    static func deepEqual(_ a: TemplateValue, _ b: TemplateValue) -> Bool {
        if case .missing = a, case .null = b { return true }
        if case .null = a, case .missing = b { return true }
        return a == b
    }
}
