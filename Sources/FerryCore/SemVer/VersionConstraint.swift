/// One comparator of a SemVer range, such as `>=1.2.0`, `~1.2`, `^0.3`, `!=1.4.x` or `1.x`,
/// with the semantics of Masterminds/semver v3.
public struct VersionConstraint: Sendable, CustomStringConvertible {
    /// The comparison a constraint makes.
    public enum Operation: Sendable {
        /// `=` or no operator: equal, or within the wildcard range (`1.2.x`).
        case equal
        /// `!=`.
        case notEqual
        /// `>`.
        case greater
        /// `<`.
        case less
        /// `>=` or `=>`.
        case greaterOrEqual
        /// `<=` or `=<`.
        case lessOrEqual
        /// `~` or `~>`: same major and minor (same major when the minor is a wildcard).
        case tilde
        /// `^`: same major (same minor below 1.0.0, same patch below 0.1.0).
        case caret
    }

    /// The operator as written (`""`, `=`, `=>`, `~>`, …).
    public let operatorText: String
    /// The version as written, wildcards included (`1.2.x`).
    public let versionText: String
    /// The comparison.
    public let operation: Operation
    /// The version compared against, with wildcards replaced by 0.
    public let version: Version
    /// Whether any part of the version was a wildcard or missing.
    let dirty: Bool
    /// Whether the minor part (and so the patch part) was a wildcard or missing.
    let minorDirty: Bool
    /// Whether only the patch part was a wildcard or missing.
    let patchDirty: Bool

    /// The constraint as written, without surrounding space (`>=1.2.0`).
    public var description: String { operatorText + versionText }

    /// Why a version fails a constraint; `nil` from ``rejection(of:includePrerelease:)`` means
    /// it passes.
    enum Rejection: Sendable, Equatable {
        case prereleaseExcluded
        case less
        case lessOrEqual
        case greater
        case greaterOrEqual
        case notEqual
        case equal
        case differentMajor
        case differentMinor
        case differentPatch
    }

    /// Checks a version against this constraint.
    ///
    /// - Parameters:
    ///   - candidate: The version to check.
    ///   - includePrerelease: Whether prerelease versions may pass; a range decides this per
    ///     AND group (a group admits prereleases when one of its constraints has one).
    /// - Returns: `nil` when the version passes, otherwise the reason it fails.
    func rejection(of candidate: Version, includePrerelease: Bool) -> Rejection? {
        if candidate.isPrerelease && !includePrerelease { return .prereleaseExcluded }
        switch operation {
        case .equal:
            if dirty { return tildeRejection(of: candidate) }
            return candidate == version ? nil : .notEqual
        case .notEqual:
            return notEqualRejection(of: candidate)
        case .greater:
            return greaterRejection(of: candidate)
        case .less:
            return candidate.compare(to: version) < 0 ? nil : .greaterOrEqual
        case .greaterOrEqual:
            return candidate.compare(to: version) >= 0 ? nil : .less
        case .lessOrEqual:
            return lessOrEqualRejection(of: candidate)
        case .tilde:
            return tildeRejection(of: candidate)
        case .caret:
            return caretRejection(of: candidate)
        }
    }

    private func notEqualRejection(of candidate: Version) -> Rejection? {
        if dirty {
            if version.major != candidate.major { return nil }
            if version.minor != candidate.minor && !minorDirty { return nil }
            if minorDirty { return .equal }
            if version.patch != candidate.patch && !patchDirty { return nil }
            if patchDirty {
                if candidate.isPrerelease || version.isPrerelease {
                    return Version.comparePrerelease(candidate.prerelease, version.prerelease) != 0 ? nil : .equal
                }
                return .equal
            }
        }
        return candidate == version ? .equal : nil
    }

    private func greaterRejection(of candidate: Version) -> Rejection? {
        guard dirty else { return candidate.compare(to: version) == 1 ? nil : .lessOrEqual }
        if candidate.major > version.major { return nil }
        if candidate.major < version.major { return .lessOrEqual }
        if minorDirty { return .lessOrEqual }
        if patchDirty { return candidate.minor > version.minor ? nil : .lessOrEqual }
        return candidate.compare(to: version) == 1 ? nil : .lessOrEqual
    }

    private func lessOrEqualRejection(of candidate: Version) -> Rejection? {
        guard dirty else { return candidate.compare(to: version) <= 0 ? nil : .greater }
        if candidate.major > version.major { return .greater }
        if candidate.major == version.major && candidate.minor > version.minor && !minorDirty { return .greater }
        return nil
    }

    private func tildeRejection(of candidate: Version) -> Rejection? {
        if candidate < version { return .less }
        // ~0.0.0 (written in full) admits everything at or above it.
        if version.major == 0 && version.minor == 0 && version.patch == 0 && !minorDirty && !patchDirty { return nil }
        if candidate.major != version.major { return .differentMajor }
        if candidate.minor != version.minor && !minorDirty { return .differentMinor }
        return nil
    }

    private func caretRejection(of candidate: Version) -> Rejection? {
        if candidate < version { return .less }
        if version.major > 0 || minorDirty {
            return candidate.major == version.major ? nil : .differentMajor
        }
        if candidate.major > 0 { return .differentMajor }
        if version.minor > 0 || patchDirty {
            return candidate.minor == version.minor ? nil : .differentMinor
        }
        if candidate.minor > 0 { return .differentMinor }
        return candidate.patch == version.patch ? nil : .differentPatch
    }
}
