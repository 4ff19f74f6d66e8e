/// A semantic version with the semantics of Masterminds/semver v3, the library Flux uses.
///
/// Parsing is lenient (``init(parsing:)``): an optional lowercase `v`, one to three numeric
/// parts with leading zeros allowed, an optional prerelease and optional build metadata.
/// Ordering follows semver precedence: build metadata is ignored, a prerelease ranks below
/// its release, numeric prerelease identifiers compare numerically and rank below
/// alphanumeric ones.
///
/// Equality and hashing are by precedence, as Masterminds' `Equal` is: `v1.0.0`, `1.0.0` and
/// `1.0.0+build` are equal. ``original`` keeps the text as written.
public struct Version: Sendable, CustomStringConvertible {
    /// The major number.
    public let major: UInt64
    /// The minor number (0 when the text had none).
    public let minor: UInt64
    /// The patch number (0 when the text had none).
    public let patch: UInt64
    /// The prerelease identifiers without the leading `-`; empty when there is none.
    public let prerelease: Substring
    /// The build metadata without the leading `+`; empty when there is none.
    public let metadata: Substring
    /// The text the version was parsed from, unchanged (Masterminds' `Original()`).
    public let original: String

    init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: Substring, metadata: Substring, original: String) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.metadata = metadata
        self.original = original
    }

    /// Whether the version has a prerelease part.
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The normalised form `MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA]`, without a `v` and
    /// without leading zeros (Masterminds' `String()`).
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty {
            text += "-"
            text += prerelease
        }
        if !metadata.isEmpty {
            text += "+"
            text += metadata
        }
        return text
    }
}
