public import FerryCore

/// A snapshot of the dispatcher: counts for metrics and per-provider outcomes for status. Error texts are
/// redacted: no token, password, header value or secret address appears in them.
public struct NotificationStatus: Sendable, Hashable {
    /// Events recorded.
    public var received = 0
    /// `trace` events, never forwarded.
    public var skippedTrace = 0
    /// Events refused because the queue was full.
    public var droppedQueueFull = 0
    /// Events still queued when the dispatcher stopped.
    public var droppedAtShutdown = 0
    /// Duplicates refused by the rate limiter.
    public var rateLimited = 0
    /// Events no Alert took.
    public var unmatched = 0
    /// Notifications delivered.
    public var delivered = 0
    /// Notifications that failed for good.
    public var failed = 0
    /// Events waiting now.
    public var queueDepth = 0
    /// The most events ever waiting at once.
    public var queueHighWater = 0
    /// Per provider, by `namespace/name`.
    public var providers: [String: ProviderDeliveryStatus] = [:]
    /// The most recent warnings, oldest first.
    public var recentDiagnostics: [NotificationDiagnostic] = []
}

/// How deliveries to one Provider have gone.
public struct ProviderDeliveryStatus: Sendable, Hashable {
    /// The provider type.
    public var type: ProviderType
    /// Notifications delivered.
    public var delivered = 0
    /// Notifications that failed for good.
    public var failed = 0
    /// Requests sent, retries included.
    public var attempts = 0
    /// Retries (attempts after the first).
    public var retries = 0
    /// Whether the last notification failed.
    public var failing = false
    /// The last failure, redacted.
    public var lastError: String?

    /// Creates an empty status.
    public init(type: ProviderType) { self.type = type }
}
