/// An ImagePolicy spec that cannot be used: Flux marks such a policy Stalled with reason
/// `InvalidPolicy`, and `ferry policy select` exits with status 2.
///
/// ``description`` names the field and the bad value, e.g.
/// `spec.policy.semver.range: invalid semver range ">=1.0 <<2": "<<2" at column 7 is not a constraint …`.
/// ``upstreamMessage`` is the message Flux writes into the `Ready` condition for the same spec.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The spec field at fault.
    public enum Field: String, Sendable, Hashable {
        /// `spec.policy`.
        case policy = "spec.policy"
        /// `spec.policy.semver.range`.
        case semverRange = "spec.policy.semver.range"
        /// `spec.policy.alphabetical.order`.
        case alphabeticalOrder = "spec.policy.alphabetical.order"
        /// `spec.policy.numerical.order`.
        case numericalOrder = "spec.policy.numerical.order"
        /// `spec.filterTags.pattern`.
        case filterPattern = "spec.filterTags.pattern"
        /// `spec.filterTags.extract`.
        case filterExtract = "spec.filterTags.extract"
        /// `spec.exclusionList` of an ImageRepository.
        case exclusionList = "spec.exclusionList"
    }

    private enum Code: Hashable, Sendable {
        case noPolicy
        case invalidRange
        case invalidOrder
        case invalidPattern
        case patternTooLong
        case unknownExtractGroup
        case tooManyExclusions
    }

    private let code: Code
    /// The field at fault.
    public let field: Field
    /// The value the field holds.
    public let value: String
    /// What is wrong, as a phrase that follows the field name.
    public let message: String
    /// What Flux reports for the same spec.
    public let upstreamMessage: String

    public var description: String { "\(field.rawValue): \(message)" }

    /// A stable label without associated values, for metrics.
    public var shortDescription: String {
        switch code {
        case .noPolicy: return "no policy"
        case .invalidRange: return "invalid semver range"
        case .invalidOrder: return "invalid order"
        case .invalidPattern: return "invalid pattern"
        case .patternTooLong: return "pattern too long"
        case .unknownExtractGroup: return "unknown extract group"
        case .tooManyExclusions: return "too many exclusions"
        }
    }

    static func noPolicy() -> Self {
        Self(
            code: .noPolicy, field: .policy, value: "",
            message: "set one of semver.range, alphabetical.order or numerical.order",
            upstreamMessage: "invalid policy: given ImagePolicyChoice object is invalid")
    }

    static func invalidRange(_ error: SemVerRangeError) -> Self {
        Self(
            code: .invalidRange, field: .semverRange, value: error.range, message: error.description,
            upstreamMessage: "invalid policy: \(error.upstreamMessage)")
    }

    static func invalidOrder(_ field: Field, _ value: String) -> Self {
        Self(
            code: .invalidOrder, field: field, value: value, message: "invalid order \"\(value)\": use asc or desc",
            upstreamMessage: "invalid policy: invalid order argument provided: '\(value.uppercased())', must be one of: ASC, DESC")
    }

    static func invalidPattern(_ field: Field, _ pattern: String, _ error: GoRegexpError) -> Self {
        let prefix = "error parsing regexp: "
        var reason = error.description
        if reason.hasPrefix(prefix) { reason.removeFirst(prefix.count) }
        if let offset = error.offset { reason += " (at column \(offset + 1))" }
        return Self(
            code: .invalidPattern, field: field, value: pattern,
            message: "invalid regular expression \"\(pattern)\": \(reason)",
            upstreamMessage: "failed to filter tags: invalid regular expression pattern '\(pattern)': \(error.description)")
    }

    static func patternTooLong(_ field: Field, _ pattern: String, limit: Int) -> Self {
        Self(
            code: .patternTooLong, field: field, value: pattern,
            message: "regular expression is \(pattern.utf8.count) bytes long, more than the limit of \(limit)",
            upstreamMessage: "failed to filter tags: invalid regular expression pattern '\(pattern)': pattern too long")
    }

    static func unknownExtractGroup(extract: String, group: String, pattern: String, available: [String]) -> Self {
        let groups = available.isEmpty ? "it has no groups" : "its groups are " + available.joined(separator: ", ")
        return Self(
            code: .unknownExtractGroup, field: .filterExtract, value: extract,
            message: "\"\(extract)\" refers to group \"\(group)\", which pattern \"\(pattern)\" does not define (\(groups))",
            upstreamMessage: "invalid extract '\(extract)': group '\(group)' not found in pattern '\(pattern)'")
    }

    static func tooManyExclusions(count: Int, limit: Int) -> Self {
        Self(
            code: .tooManyExclusions, field: .exclusionList, value: "\(count) patterns",
            message: "\(count) patterns, more than the limit of \(limit)",
            upstreamMessage: "spec.exclusionList: Too many: \(count): must have at most \(limit) items")
    }
}
