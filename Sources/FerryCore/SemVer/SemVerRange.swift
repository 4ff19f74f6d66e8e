/// A SemVer range, as `spec.policy.semver.range` of an ImagePolicy holds it, with the syntax
/// and semantics of Masterminds/semver v3 `NewConstraint` and `Check`.
///
/// Syntax: comparators (`=`, `!=`, `>`, `<`, `>=`, `<=`, `~`, `~>`, `^`, or none) before
/// versions that may use wildcards (`1.2.x`, `1.x`, `*`); comparators joined by spaces or
/// commas must all hold (AND); `||` separates alternatives (OR); `1.2 - 1.4.5` is an inclusive
/// hyphen range (the spaces are required).
///
/// Prereleases: a version with a prerelease passes an AND group only when some comparator in
/// that group itself has a prerelease (`>=1.0.0-0`, `^1.x-0`).
///
/// ```swift
/// let range = try SemVerRange(">=1.0.0 <2.0.0")
/// range.contains(Version(parsing: "1.4.2")!)  // true
/// ```
public struct SemVerRange: Sendable, CustomStringConvertible {
    /// The range as the user wrote it.
    public let text: String
    /// The alternatives (`||`), each a list of comparators that must all hold.
    public let alternatives: [[VersionConstraint]]
    /// Per alternative: whether it admits prerelease versions.
    let admitsPrerelease: [Bool]

    /// Parses a range.
    ///
    /// - Parameter text: The range, e.g. `>=1.0.0 <2.0.0` or `^1.x-0 || 2.0.0-rc.1`.
    /// - Throws: ``SemVerRangeError`` naming the range and the part that is not a constraint.
    public init(_ text: String) throws(SemVerRangeError) {
        self.text = text
        self.alternatives = try SemVerRangeParser.parse(text)
        self.admitsPrerelease = alternatives.map { group in group.contains { $0.version.isPrerelease } }
    }

    /// Whether a version satisfies the range (Masterminds' `Check`).
    public func contains(_ version: Version) -> Bool {
        for (index, group) in alternatives.enumerated() {
            let includePrerelease = admitsPrerelease[index]
            if group.allSatisfy({ $0.rejection(of: version, includePrerelease: includePrerelease) == nil }) {
                return true
            }
        }
        return false
    }

    /// Explains why a version does not satisfy the range, for `--explain`; `nil` when it does.
    ///
    /// - Returns: A phrase such as `not <2.0.0` or `prerelease, and the range admits none`.
    public func rejectionReason(for version: Version) -> String? {
        var reasons: [String] = []
        for (index, group) in alternatives.enumerated() {
            let includePrerelease = admitsPrerelease[index]
            var failed: (VersionConstraint, VersionConstraint.Rejection)?
            for constraint in group {
                if let rejection = constraint.rejection(of: version, includePrerelease: includePrerelease) {
                    failed = (constraint, rejection)
                    break
                }
            }
            guard let (constraint, rejection) = failed else { return nil }
            reasons.append(Self.phrase(rejection, constraint))
        }
        let unique = reasons.reduce(into: [String]()) { list, reason in if !list.contains(reason) { list.append(reason) } }
        return unique.joined(separator: "; ")
    }

    public var description: String { text }

    private static func phrase(_ rejection: VersionConstraint.Rejection, _ constraint: VersionConstraint) -> String {
        let written = constraint.description
        switch rejection {
        case .prereleaseExcluded:
            return "prerelease, and the range admits none (add a prerelease such as -0 to a comparator, e.g. >=1.0.0-0)"
        case .less: return "below \(written)"
        case .lessOrEqual: return "not above \(written)"
        case .greater: return "above \(written)"
        case .greaterOrEqual: return "not below \(written)"
        case .notEqual: return "not \(written)"
        case .equal: return "excluded by \(written)"
        case .differentMajor: return "outside \(written) (different major version)"
        case .differentMinor: return "outside \(written) (different minor version)"
        case .differentPatch: return "outside \(written) (different patch version)"
        }
    }
}
