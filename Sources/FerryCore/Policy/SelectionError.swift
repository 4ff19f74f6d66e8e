/// A policy that ran but selected nothing: Flux sets `Ready=False` with reason `Failure` and
/// retries; `ferry policy select` exits with status 1.
///
/// ``description`` says what happened in Ferry's words; ``upstreamMessage`` is Flux's.
public struct SelectionError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noTags
        case nothingMatchedFilter
        case noVersionInRange
        case notANumber
        case matchingBudgetExhausted
    }

    private let code: Code
    /// The sentence Ferry reports.
    public let description: String
    /// The message Flux writes for the same outcome.
    public let upstreamMessage: String

    /// A stable label without associated values, for metrics.
    public var shortDescription: String {
        switch code {
        case .noTags: return "no tags"
        case .nothingMatchedFilter: return "no tag matched filter"
        case .noVersionInRange: return "no version in range"
        case .notANumber: return "not a number"
        case .matchingBudgetExhausted: return "matching budget exhausted"
        }
    }

    static let emptyList = "version list argument cannot be empty"

    static func noTags() -> Self {
        Self(code: .noTags, description: "there are no tags to select from", upstreamMessage: emptyList)
    }

    static func nothingMatchedFilter(pattern: String, tags: Int) -> Self {
        Self(
            code: .nothingMatchedFilter,
            description: "none of the \(tags) tags matches filterTags.pattern \"\(pattern)\"",
            upstreamMessage: emptyList)
    }

    static func noVersionInRange(range: String, candidates: Int, versions: Int) -> Self {
        let detail = versions == 0 ? "none of the \(candidates) candidates is a version with three parts" : "\(versions) of \(candidates) candidates are versions"
        return Self(
            code: .noVersionInRange,
            description: "no tag satisfies semver range \"\(range)\" (\(detail))",
            upstreamMessage: "unable to determine latest version from provided list")
    }

    static func notANumber(_ value: String, tag: String) -> Self {
        let origin = value == tag ? "tag '\(tag)'" : "'\(value)' (extracted from tag '\(tag)')"
        return Self(
            code: .notANumber,
            description: "numerical policy cannot order \(origin): it is not a number; use filterTags to keep only numeric values",
            upstreamMessage: "failed to parse invalid numeric value '\(value)'")
    }

    static func matchingBudgetExhausted(pattern: String, steps: Int) -> Self {
        Self(
            code: .matchingBudgetExhausted,
            description: "filterTags.pattern \"\(pattern)\" needed more than \(steps) matching steps; simplify the pattern",
            upstreamMessage: "regular expression matching exceeded its budget")
    }
}
