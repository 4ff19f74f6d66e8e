/// When and how long the client waits before sending a request again.
///
/// A 429 is always retried (the server did not process it), waiting `Retry-After` seconds
/// when the server sends that header (the API server does, with `1` while storage
/// initialises) and an exponential backoff otherwise. A 500, 502, 503 or 504 is retried
/// when it has `Retry-After` or the request was a GET. Connection failures are retried for
/// GETs. A 409 Conflict is not retried here: it needs fresh state, see
/// ``KubeClient/retryOnConflict(attempts:_:)``.
public struct RetryPolicy: Sendable {
    /// How many times one request is sent again at most (client-go: 10).
    public var maxRetries: Int
    /// The first backoff without `Retry-After`.
    public var initialBackoff: Duration
    /// The longest backoff.
    public var maxBackoff: Duration
    /// The longest `Retry-After` honoured; longer values are shortened to this.
    public var maxRetryAfter: Duration
    /// Waits; tests pass one that records the delays and returns at once.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// Creates a policy.
    public init(
        maxRetries: Int = 10, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(60), sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
    }

    /// The default policy.
    public static var standard: RetryPolicy { RetryPolicy() }

    /// The backoff before retry number `attempt` (0-based) when the server gave no `Retry-After`.
    public func backoff(attempt: Int) -> Duration {
        var delay = initialBackoff
        for _ in 0..<min(attempt, 30) {
            delay *= 2
            if delay >= maxBackoff { return maxBackoff }
        }
        return min(delay, maxBackoff)
    }

    /// The wait a `Retry-After` header asks for: delta-seconds only, as the API server sends it.
    public func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Int(header.filter { $0 != " " && $0 != "\t" }), seconds >= 0 else { return nil }
        return min(.seconds(seconds), maxRetryAfter)
    }
}
