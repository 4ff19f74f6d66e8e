/// A notification object whose spec is invalid: names the object, the field and the bad value, in a sentence.
public struct NotificationValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `Kind/namespace/name` of the object.
    public let object: String
    /// The field path, e.g. `spec.eventSeverity`.
    public let field: String
    /// The offending value, as written (never a secret: secrets are not spec fields).
    public let value: String
    /// Why it is invalid.
    public let reason: String

    /// Creates an error.
    public init(object: String, field: String, value: String, reason: String) {
        self.object = object
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(object): \(field) \"\(value)\" is invalid: \(reason)." }
}
