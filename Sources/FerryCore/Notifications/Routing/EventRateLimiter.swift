/// Flux's duplicate-event limiter as a value-type state machine (notification-controller `internal/server`
/// with `sethvargo/go-limiter` `memorystore`, one token per `--rate-limit-interval`, default 5m).
///
/// Each ``EventKey`` gets a bucket when first seen; time is cut into fixed windows of `interval` starting then, and
/// one event per window is accepted — a duplicate in the same window is refused (Flux answers 429). Buckets whose
/// last window started more than `retention` ago (go-limiter's sweep TTL, 12h) are dropped, and the number of
/// buckets is capped so memory stays bounded however many distinct events arrive. Time is a value passed in: the
/// offset of a monotonic clock from any fixed origin.
public struct EventRateLimiter: Sendable {
    /// What happened to an event.
    public enum Decision: Sendable, Hashable {
        /// First in its window: deliver it.
        case accepted
        /// A duplicate within the window; the window ends `after` from now.
        case limited(after: Duration)
    }

    private struct Bucket: Sendable {
        var start: Duration
        var lastTick: Int64
    }

    /// The window length; zero turns limiting off.
    public let interval: Duration
    /// How long a bucket is kept after its last window started.
    public let retention: Duration
    /// The most buckets kept; past it the stalest are evicted.
    public let capacity: Int
    private var buckets: [String: Bucket] = [:]
    private var lastSweep: Duration?

    /// Creates a limiter.
    /// - Parameters:
    ///   - interval: Flux's `--rate-limit-interval` (default 5 minutes).
    ///   - retention: how long idle buckets are kept (go-limiter's default sweep TTL, 12 hours).
    ///   - capacity: the most distinct keys remembered.
    public init(interval: Duration = .seconds(300), retention: Duration = .seconds(12 * 3600), capacity: Int = 65_536) {
        self.interval = interval
        self.retention = retention
        self.capacity = max(1, capacity)
    }

    /// The number of keys remembered.
    public var trackedKeys: Int { buckets.count }

    /// Decides whether `event`, seen at `now`, is delivered.
    public mutating func admit(_ event: FluxEvent, now: Duration) -> Decision {
        admit(key: EventKey.of(event), now: now)
    }

    /// Decides whether an event with `key`, seen at `now`, is delivered.
    public mutating func admit(key: String, now: Duration) -> Decision {
        guard interval > .zero else { return .accepted }
        sweepIfDue(now: now)
        guard var bucket = buckets[key] else {
            if buckets.count >= capacity { evictStalest() }
            buckets[key] = Bucket(start: now, lastTick: 0)
            return .accepted
        }
        if now < bucket.start {
            // The clock moved backwards: rebase, as go-limiter does.
            bucket = Bucket(start: now, lastTick: -1)
        }
        let tick = Self.ticks(from: bucket.start, to: now, interval: interval)
        if bucket.lastTick < tick {
            bucket.lastTick = tick
            buckets[key] = bucket
            return .accepted
        }
        buckets[key] = bucket
        let windowEnd = bucket.start + interval * Int(tick + 1)
        return .limited(after: windowEnd - now)
    }

    /// Drops buckets whose last window started more than ``retention`` before `now`.
    public mutating func sweep(now: Duration) {
        lastSweep = now
        let interval = self.interval
        let retention = self.retention
        buckets = buckets.filter { _, bucket in
            let lastWindow = bucket.start + interval * Int(bucket.lastTick)
            return now - lastWindow <= retention
        }
    }

    private mutating func sweepIfDue(now: Duration) {
        guard let lastSweep else {
            self.lastSweep = now
            return
        }
        if now - lastSweep >= retention / 2 { sweep(now: now) }
    }

    private mutating func evictStalest() {
        let interval = self.interval
        guard let stalest = buckets.min(by: { left, right in
            left.value.start + interval * Int(left.value.lastTick) < right.value.start + interval * Int(right.value.lastTick)
        }) else { return }
        buckets[stalest.key] = nil
    }

    private static func ticks(from start: Duration, to now: Duration, interval: Duration) -> Int64 {
        nanoseconds(now - start) / max(1, nanoseconds(interval))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds &* 1_000_000_000 &+ parts.attoseconds / 1_000_000_000
    }
}
