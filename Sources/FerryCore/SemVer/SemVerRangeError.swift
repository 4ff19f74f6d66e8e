/// A SemVer range that cannot be parsed.
///
/// ``description`` names the range and the offending part, e.g.
/// `invalid semver range ">=1.0 <<2": "<<2" at column 7 is not a constraint (an operator such as >= or ~ followed by a version such as 1.2.3, 1.x or *)`.
public struct SemVerRangeError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case improperConstraint
        case invalidVersion
    }

    private let code: Code
    /// The whole range as written.
    public let range: String
    /// The part of the range that is wrong.
    public let snippet: String
    /// The 0-based byte offset of ``snippet`` in ``range``, when it can be located there
    /// (hyphen ranges are rewritten before parsing).
    public let offset: Int?
    /// The `||` alternative that holds the error, as Masterminds reports it.
    private let segment: String

    /// A `||` alternative that is not a list of `operator version` comparators.
    static func improperConstraint(range: String, segment: String, snippet: String, offset: Int?) -> Self {
        Self(code: .improperConstraint, range: range, snippet: snippet, offset: offset, segment: segment)
    }

    /// A comparator whose version is not a version once wildcards are resolved (`1|2`, `1x`).
    static func invalidVersion(range: String, snippet: String, offset: Int?) -> Self {
        Self(code: .invalidVersion, range: range, snippet: snippet, offset: offset, segment: snippet)
    }

    public var description: String {
        let place = offset.map { " at column \($0 + 1)" } ?? ""
        switch code {
        case .improperConstraint where snippet.isEmpty:
            return "invalid semver range \"\(range)\": expected a constraint\(place) but the alternative ends there"
        case .improperConstraint:
            return "invalid semver range \"\(range)\": \"\(snippet)\"\(place) is not a constraint "
                + "(an operator such as >= or ~ followed by a version such as 1.2.3, 1.x or *)"
        case .invalidVersion:
            return "invalid semver range \"\(range)\": \"\(snippet)\"\(place) is not a valid version"
        }
    }

    /// The message Masterminds/semver gives for the same input, which Flux puts into the
    /// ImagePolicy's `Ready` condition (`invalid policy: <message>`).
    public var upstreamMessage: String {
        switch code {
        case .improperConstraint: return "improper constraint: \(segment)"
        case .invalidVersion: return "constraint parser error"
        }
    }

    /// A stable label without associated values, for metrics.
    public var shortDescription: String {
        switch code {
        case .improperConstraint: return "improper constraint"
        case .invalidVersion: return "invalid constraint version"
        }
    }
}
