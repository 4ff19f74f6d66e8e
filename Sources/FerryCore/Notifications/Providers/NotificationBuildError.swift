/// A notification that cannot be built for a provider: a missing address or token, an address that is not a
/// URL, a commit-status event without a usable revision. Never carries a secret value.
public struct NotificationBuildError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `Provider/namespace/name (type)`.
    public let provider: String
    /// What is wrong.
    public let reason: String

    /// Creates an error.
    public init(provider: String, reason: String) {
        self.provider = provider
        self.reason = reason
    }

    public var description: String { "\(provider): \(reason)" }
}
