/// A Kubernetes label selector (`matchLabels` and `matchExpressions`), as ImageUpdateAutomation's
/// `policySelector` and the Receiver's resources use it.
public struct LabelSelector: Sendable, Hashable, Codable {
    /// One requirement of `matchExpressions`.
    public struct Requirement: Sendable, Hashable, Codable {
        /// The label key.
        public var key: String
        /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
        public var `operator`: String
        /// The values for `In` and `NotIn`.
        public var values: [String]?

        /// Creates a requirement.
        public init(key: String, operator: String, values: [String]? = nil) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    /// `matchLabels`: every pair must be present.
    public var matchLabels: [String: String]?
    /// `matchExpressions`: every requirement must hold.
    public var matchExpressions: [Requirement]?

    /// Creates a selector.
    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// The problems Kubernetes' `LabelSelectorAsSelector` would report, with its wording.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        for requirement in matchExpressions ?? [] {
            let values = requirement.values ?? []
            switch requirement.operator {
            case "In", "NotIn":
                if values.isEmpty { errors.append("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty") }
            case "Exists", "DoesNotExist":
                if !values.isEmpty { errors.append("values: Invalid value: \(values): values set must be empty for exists and does not exist") }
            default:
                errors.append("\"\(requirement.operator)\" is not a valid label selector operator")
            }
        }
        return errors
    }

    /// Whether an object with `labels` is selected. An empty selector selects everything.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        for requirement in matchExpressions ?? [] {
            let values = requirement.values ?? []
            switch requirement.operator {
            case "In": guard let value = labels[requirement.key], values.contains(value) else { return false }
            case "NotIn": if let value = labels[requirement.key], values.contains(value) { return false }
            case "Exists": if labels[requirement.key] == nil { return false }
            case "DoesNotExist": if labels[requirement.key] != nil { return false }
            default: return false
            }
        }
        return true
    }
}
