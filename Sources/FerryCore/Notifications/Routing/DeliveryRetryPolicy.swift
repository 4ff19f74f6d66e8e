/// When a failed notification request is tried again: Flux's client is `go-retryablehttp` with `RetryMax` 4,
/// `RetryWaitMin` 2s and `RetryWaitMax` 30s, its default policy and backoff. As a pure decision so it can be
/// tested without I/O; the delivery adapter sleeps on an injected clock.
///
/// - Retried: connection failures, 429, and 5xx other than 501.
/// - Not retried: other statuses, TLS certificate failures, timeouts (Flux's context deadline has passed).
/// - Wait before retry *n* (0-based): `min × 2ⁿ`, capped at `max`; a `Retry-After` in seconds on a 429 or 503 wins.
public struct DeliveryRetryPolicy: Sendable, Hashable {
    /// How an attempt ended.
    public enum Outcome: Sendable, Hashable {
        /// The server answered.
        case status(Int, retryAfterSeconds: Int?)
        /// No connection, or it broke before an answer.
        case connectionFailed
        /// The server's certificate was not trusted, or the handshake failed.
        case tlsFailed
        /// The attempt ran past the provider timeout.
        case timedOut
    }

    /// What to do next.
    public enum Decision: Sendable, Hashable {
        /// Wait this long, then try again.
        case retry(after: Duration)
        /// Stop: the failure is final (or attempts are used up).
        case giveUp
    }

    /// The most attempts, the first included (Flux: 1 + `RetryMax` 4).
    public var maximumAttempts: Int
    /// The first wait.
    public var minimumWait: Duration
    /// The longest wait.
    public var maximumWait: Duration

    /// Creates a policy (defaults are Flux's).
    public init(maximumAttempts: Int = 5, minimumWait: Duration = .seconds(2), maximumWait: Duration = .seconds(30)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.minimumWait = minimumWait
        self.maximumWait = maximumWait
    }

    /// Whether an outcome is retryable at all.
    public static func isRetryable(_ outcome: Outcome) -> Bool {
        switch outcome {
        case .status(let code, _): code == 429 || (code >= 500 && code != 501)
        case .connectionFailed: true
        case .tlsFailed, .timedOut: false
        }
    }

    /// The decision after `attempt` (1-based) ended with `outcome` (a failure).
    public func decide(afterAttempt attempt: Int, outcome: Outcome) -> Decision {
        guard attempt < maximumAttempts, Self.isRetryable(outcome) else { return .giveUp }
        if case .status(let code, let retryAfter?) = outcome, code == 429 || code == 503 { return .retry(after: .seconds(retryAfter)) }
        var wait = minimumWait
        for _ in 1..<attempt { wait = wait * 2 }
        return .retry(after: min(wait, maximumWait))
    }
}
