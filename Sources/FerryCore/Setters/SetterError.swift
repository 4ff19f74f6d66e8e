/// A policy result that cannot be written into manifests: its full reference (`image:tag[@digest]`) fails
/// go-containerregistry's weak validation. As in Flux, this aborts the whole update.
public struct SetterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The policy, `namespace:name`.
    public let policy: String
    /// The full reference that was checked.
    public let reference: String
    /// Why the reference is invalid.
    public let cause: ImageReferenceError

    /// Creates an error.
    public init(policy: String, reference: String, cause: ImageReferenceError) {
        self.policy = policy
        self.reference = reference
        self.cause = cause
    }

    /// Flux's message: `encountered invalid image ref "<ref>": <reason>`.
    public var description: String {
        "encountered invalid image ref \"\(reference)\": \(cause)"
    }
}
