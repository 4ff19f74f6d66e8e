/// Go's template comparisons (`eq`, `lt`, …): basic kinds compare by value, signed and
/// unsigned integers compare across the two families, anything else must match in kind.
enum GoComparison {
    private enum Kind { case invalid, bool, int, uint, float, string }

    private static func kind(_ value: TemplateValue) -> Kind {
        switch value {
        case .bool: return .bool
        case .int(_, let type): return type.isUnsigned ? .uint : .int
        case .float: return .float
        case .string: return .string
        default: return .invalid
        }
    }

    private static func number(_ value: TemplateValue) -> Int64 {
        if case .int(let number, _) = value { return number }
        return 0
    }

    private static func indirect(_ value: TemplateValue) -> TemplateValue {
        if case .null = value { return .missing }
        // A named integer (time.Duration, time.Month) compares as the integer it is.
        if let number = value.native?.integer { return .int(number, .int64) }
        return value
    }

    static func equal(_ first: TemplateValue, _ others: [TemplateValue]) throws(TemplateFunctionError) -> Bool {
        let first = indirect(first)
        guard !others.isEmpty else { throw TemplateFunctionError("missing argument for comparison") }
        let firstKind = kind(first)
        for other in others {
            let other = indirect(other)
            let otherKind = kind(other)
            var truth = false
            if firstKind != otherKind {
                switch (firstKind, otherKind) {
                case (.int, .uint), (.uint, .int):
                    truth = number(first) >= 0 && number(other) >= 0 && number(first) == number(other)
                default:
                    if !first.isMissing && !other.isMissing { throw TemplateFunctionError("incompatible types for comparison") }
                }
            } else {
                switch (first, other) {
                case (.bool(let a), .bool(let b)): truth = a == b
                case (.float(let a), .float(let b)): truth = a == b
                case (.int(let a, _), .int(let b, _)): truth = a == b
                case (.string(let a), .string(let b)): truth = a.utf8.elementsEqual(b.utf8)
                default:
                    truth = try equalOther(first, other)
                }
            }
            if truth { return true }
        }
        return false
    }

    /// Values of the same non-basic kind: nil-ness, then Go's `==` for comparable types.
    private static func equalOther(_ first: TemplateValue, _ other: TemplateValue) throws(TemplateFunctionError) -> Bool {
        if first.isMissing || other.isMissing { return first.isMissing == other.isMissing }
        let sameKind: Bool
        switch (first, other) {
        case (.slice, .slice), (.map, .map), (.structure, .structure), (.function, .function): sameKind = true
        default: sameKind = false
        }
        if !sameKind {
            throw TemplateFunctionError(
                "non-comparable types \(GoFormatter.sprintf("%s", [first])): \(first.goType?.description ?? ""), "
                    + "\(other.goType?.description ?? ""): \(GoFormatter.sprint([other]))")
        }
        guard isComparable(other) else {
            throw TemplateFunctionError("non-comparable type \(GoFormatter.sprintf("%s", [other])): \(other.goType?.description ?? "")")
        }
        return first == other
    }

    private static func isComparable(_ value: TemplateValue) -> Bool {
        switch value {
        case .slice, .map, .function: return false
        case .structure(let structure): return structure.fields.allSatisfy { isComparable($0.value) }
        default: return true
        }
    }

    static func less(_ first: TemplateValue, _ second: TemplateValue) throws(TemplateFunctionError) -> Bool {
        let first = indirect(first)
        let second = indirect(second)
        let firstKind = kind(first)
        let secondKind = kind(second)
        if firstKind == .invalid || secondKind == .invalid { throw TemplateFunctionError("invalid type for comparison") }
        if firstKind != secondKind {
            switch (firstKind, secondKind) {
            case (.int, .uint): return number(first) < 0 || number(first) < number(second)
            case (.uint, .int): return number(second) >= 0 && number(first) < number(second)
            default: throw TemplateFunctionError("incompatible types for comparison")
            }
        }
        switch (first, second) {
        case (.float(let a), .float(let b)): return a < b
        case (.int(let a, _), .int(let b, _)): return a < b
        case (.string(let a), .string(let b)): return GoOrder.compareBytes(a, b) < 0
        default: throw TemplateFunctionError("invalid type for comparison")
        }
    }

    static func lessOrEqual(_ first: TemplateValue, _ second: TemplateValue) throws(TemplateFunctionError) -> Bool {
        if try less(first, second) { return true }
        return try equal(first, [second])
    }
}
