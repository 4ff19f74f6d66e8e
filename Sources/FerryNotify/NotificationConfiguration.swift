public import FerryCore

/// The objects notifications are made from: Alerts, Providers, the Secrets they reference and, for event sources
/// with `matchLabels`, the labels of the objects events are about. A value; the dispatcher takes a new one with
/// ``NotificationDispatcher/update(_:)`` when manifests change.
public struct NotificationConfiguration: Sendable {
    /// The Alerts.
    public var alerts: [Alert]
    /// The Providers.
    public var providers: [Provider]
    /// Secrets by `namespace/name`.
    public var secrets: [String: SecretData]
    /// Object labels by `Kind/namespace/name`.
    public var objectLabels: [String: [String: String]]
    /// Base URLs standing in for fixed provider APIs (Telegram, Bitbucket Cloud) — for tests only.
    public var apiBaseOverrides: [ProviderType: WebAddress]

    /// Creates a configuration.
    public init(
        alerts: [Alert] = [], providers: [Provider] = [], secrets: [SecretData] = [], objectLabels: [String: [String: String]] = [:],
        apiBaseOverrides: [ProviderType: WebAddress] = [:]
    ) {
        self.alerts = alerts
        self.providers = providers
        var index: [String: SecretData] = [:]
        for secret in secrets { index[secret.metadata.namespace + "/" + secret.metadata.name] = secret }
        self.secrets = index
        self.objectLabels = objectLabels
        self.apiBaseOverrides = apiBaseOverrides
    }
}
