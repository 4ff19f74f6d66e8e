/// A Provider that cannot be used as configured: a missing Secret or key, a bad address, an unsupported type.
/// The message names the provider, the field and (for non-secret fields) the value; secret values never appear.
public struct ProviderConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `Provider/namespace/name`.
    public let provider: String
    /// The field or Secret key at fault, e.g. `spec.secretRef` or `token`.
    public let field: String
    /// What is wrong, as a sentence fragment.
    public let reason: String

    /// Creates an error.
    public init(provider: String, field: String, reason: String) {
        self.provider = provider
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(provider): \(field): \(reason)." }
}
