/// A warning the notification pipeline raises about an Alert or Provider: the Kubernetes Warning event Flux's
/// notification-controller would record (`InvalidConfig`, `MetadataAppendFailed`, `NotificationDispatchFailed`,
/// `SourceFetchFailed`). Diagnostics never carry secret values.
public struct NotificationDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Flux's event reason.
    public var reason: String
    /// The object the warning is about, `Kind/namespace/name`.
    public var object: String
    /// The message, in Flux's words where Flux has them.
    public var message: String

    /// Creates a diagnostic.
    public init(reason: String, object: String, message: String) {
        self.reason = reason
        self.object = object
        self.message = message
    }

    public var description: String { "\(object): \(reason): \(message)" }
}
