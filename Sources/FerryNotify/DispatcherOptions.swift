public import FerryCore

/// How a ``NotificationDispatcher`` queues, limits and retries.
public struct DispatcherOptions: Sendable {
    /// What happens to an event recorded while the queue is full.
    public enum Overflow: Sendable, Hashable {
        /// The oldest queued event is dropped to make room (the default: the newest state matters most).
        case dropOldest
        /// The new event is refused.
        case rejectNewest
    }

    /// The most events waiting for a worker. Memory is bounded by this plus one event per worker.
    public var queueCapacity: Int
    /// What to do when the queue is full; every drop is counted in ``NotificationStatus/droppedQueueFull``.
    public var overflow: Overflow
    /// Events handled at once (each worker delivers one event's notifications at a time).
    public var workers: Int
    /// Retry rules (Flux's by default).
    public var retry: DeliveryRetryPolicy
    /// Identical events are delivered once per interval (Flux's `--rate-limit-interval`, 5m); zero turns it off.
    public var rateLimitInterval: Duration
    /// Refuse events from other namespaces than the Alert's (`--no-cross-namespace-refs`).
    public var noCrossNamespaceRefs: Bool
    /// How many recent diagnostics the status keeps.
    public var diagnosticsKept: Int

    /// Creates options.
    public init(
        queueCapacity: Int = 1024, overflow: Overflow = .dropOldest, workers: Int = 8, retry: DeliveryRetryPolicy = DeliveryRetryPolicy(),
        rateLimitInterval: Duration = .seconds(300), noCrossNamespaceRefs: Bool = false, diagnosticsKept: Int = 50
    ) {
        self.queueCapacity = max(1, queueCapacity)
        self.overflow = overflow
        self.workers = max(1, workers)
        self.retry = retry
        self.rateLimitInterval = rateLimitInterval
        self.noCrossNamespaceRefs = noCrossNamespaceRefs
        self.diagnosticsKept = max(0, diagnosticsKept)
    }
}
