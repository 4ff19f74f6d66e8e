/// Where reconcilers send their events (C-07, N-01): implementations must return at once and never block or
/// throw, whatever happens to the event afterwards (queued, rate-limited, dropped, delivered). The notification
/// adapter (`FerryNotify.NotificationDispatcher`) is the production conformer; ``DiscardingEventRecorder`` and
/// test doubles are others.
public protocol EventRecorder: Sendable {
    /// Records an event. `trace` events are not forwarded (the Flux recorder drops them).
    func record(_ event: FluxEvent)
}

/// An ``EventRecorder`` that drops every event (notifications turned off).
public struct DiscardingEventRecorder: EventRecorder {
    /// Creates the recorder.
    public init() {}

    public func record(_ event: FluxEvent) {}
}
