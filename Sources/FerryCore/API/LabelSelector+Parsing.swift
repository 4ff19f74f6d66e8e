extension LabelSelector {
    /// Parses a selector as `kubectl -l` and `flux get -l` take it: requirements separated by
    /// commas, each `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`,
    /// `key` (the label exists) or `!key` (it does not). An empty text selects everything.
    ///
    /// `key!=value` becomes a `NotIn` requirement, which, as in Kubernetes, also selects
    /// objects without the label.
    ///
    /// - Throws: ``LabelSelectorSyntaxError`` naming the requirement that is not valid.
    public init(parsing text: String) throws(LabelSelectorSyntaxError) {
        var labels: [String: String] = [:]
        var expressions: [Requirement] = []
        for requirement in try Self.splitRequirements(text) {
            let trimmed = requirement.trimmingSpaces
            guard !trimmed.isEmpty else { throw LabelSelectorSyntaxError(selector: text, requirement: requirement, problem: "an empty requirement") }
            if trimmed.hasPrefix("!") {
                let key = String(trimmed.dropFirst()).trimmingSpaces
                try Self.checkKey(key, selector: text, requirement: trimmed)
                expressions.append(Requirement(key: key, operator: "DoesNotExist"))
            } else if let range = trimmed.firstRange(of: "!=") {
                let key = String(trimmed[..<range.lowerBound]).trimmingSpaces
                let value = String(trimmed[range.upperBound...]).trimmingSpaces
                try Self.checkKey(key, selector: text, requirement: trimmed)
                try Self.checkValue(value, selector: text, requirement: trimmed)
                expressions.append(Requirement(key: key, operator: "NotIn", values: [value]))
            } else if let range = trimmed.firstRange(of: "==") ?? trimmed.firstRange(of: "=") {
                let key = String(trimmed[..<range.lowerBound]).trimmingSpaces
                let value = String(trimmed[range.upperBound...]).trimmingSpaces
                try Self.checkKey(key, selector: text, requirement: trimmed)
                try Self.checkValue(value, selector: text, requirement: trimmed)
                if let existing = labels[key], existing != value {
                    expressions.append(Requirement(key: key, operator: "In", values: [value]))
                } else {
                    labels[key] = value
                }
            } else if let set = try Self.setRequirement(trimmed, selector: text) {
                expressions.append(set)
            } else {
                try Self.checkKey(trimmed, selector: text, requirement: trimmed)
                expressions.append(Requirement(key: trimmed, operator: "Exists"))
            }
        }
        self.init(matchLabels: labels.isEmpty ? nil : labels, matchExpressions: expressions.isEmpty ? nil : expressions)
    }

    /// Splits at the commas outside parentheses.
    private static func splitRequirements(_ text: String) throws(LabelSelectorSyntaxError) -> [String] {
        guard !text.trimmingSpaces.isEmpty else { return [] }
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(":
                depth += 1
                current.append(character)
            case ")":
                depth -= 1
                if depth < 0 { throw LabelSelectorSyntaxError(selector: text, requirement: current + ")", problem: "a ')' without '('") }
                current.append(character)
            case "," where depth == 0:
                parts.append(current)
                current = ""
            default:
                current.append(character)
            }
        }
        if depth != 0 { throw LabelSelectorSyntaxError(selector: text, requirement: current, problem: "a '(' without ')'") }
        parts.append(current)
        return parts
    }

    /// `key in (a,b)` or `key notin (a,b)`, or nil when `text` is neither.
    private static func setRequirement(_ text: String, selector: String) throws(LabelSelectorSyntaxError) -> Requirement? {
        let words = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard words.count == 2 else { return nil }
        let rest = words[1].trimmingSpaces
        let operatorName: String
        let list: Substring
        if rest.hasPrefix("in ") || rest.hasPrefix("in(") {
            operatorName = "In"
            list = Substring(rest.dropFirst(2))
        } else if rest.hasPrefix("notin ") || rest.hasPrefix("notin(") {
            operatorName = "NotIn"
            list = Substring(rest.dropFirst(5))
        } else {
            return nil
        }
        let key = String(words[0])
        try checkKey(key, selector: selector, requirement: text)
        let body = list.trimmingSpaces
        guard body.hasPrefix("("), body.hasSuffix(")") else {
            throw LabelSelectorSyntaxError(selector: selector, requirement: text, problem: "a set of values in parentheses after \(operatorName.lowercased())")
        }
        let values = body.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        for value in values { try checkValue(value, selector: selector, requirement: text) }
        return Requirement(key: key, operator: operatorName, values: values)
    }

    private static func checkKey(_ key: String, selector: String, requirement: String) throws(LabelSelectorSyntaxError) {
        guard !key.isEmpty else { throw LabelSelectorSyntaxError(selector: selector, requirement: requirement, problem: "a label key is missing") }
        guard key.utf8.allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: "/") }) else {
            throw LabelSelectorSyntaxError(selector: selector, requirement: requirement, problem: "\"\(key)\" is not a valid label key")
        }
    }

    private static func checkValue(_ value: String, selector: String, requirement: String) throws(LabelSelectorSyntaxError) {
        guard value.utf8.allSatisfy(isNameByte) else {
            throw LabelSelectorSyntaxError(selector: selector, requirement: requirement, problem: "\"\(value)\" is not a valid label value")
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }
}

/// A label selector that does not parse, naming the requirement.
public struct LabelSelectorSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole selector.
    public let selector: String
    /// The requirement at fault.
    public let requirement: String
    /// What is wrong with it.
    public let problem: String

    public var description: String { "invalid label selector \"\(selector)\": \"\(requirement.trimmingSpaces)\": \(problem)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
