/// When each object is reconciled next: the work queue's decisions as a value with no clock and
/// no I/O. The reconciler asks it what to run now, tells it how each run ended, and sleeps until
/// ``nextDue``.
///
/// - An object is never run twice at once; a trigger while it runs makes it run again right after.
/// - A failed run is retried after an exponential backoff, 750ms doubling up to 15m (Flux's
///   `--min-retry-delay` and `--max-retry-delay`); success resets it.
/// - A stalled object is not retried until something triggers it (a spec change, a request).
/// - At most ``limits`` objects of one kind, and of one group (a registry host), run at once.
///
/// ```swift
/// var schedule = WorkSchedule()
/// schedule.trigger(policy, now: now)
/// while let id = schedule.start(now: now) { … schedule.finish(id, .succeeded(requeueAfter: .minutes(5)), now: now) }
/// ```
public struct WorkSchedule: Sendable {
    /// How a run ended.
    public enum Outcome: Sendable, Hashable {
        /// Done; run again after the interval (or only when triggered, for `nil`).
        case succeeded(requeueAfter: GoDuration?)
        /// Failed in a way worth retrying, after the backoff.
        case failed
        /// Failed in a way retrying cannot fix; wait for a trigger.
        case stalled
    }

    /// Concurrency limits.
    public struct Limits: Sendable, Hashable {
        /// Runs at once per kind (Flux's `--concurrent`, 4 by default).
        public var perKind: Int
        /// Runs at once per group, such as one registry host.
        public var perGroup: Int

        /// Creates limits.
        public init(perKind: Int = 4, perGroup: Int = 2) {
            self.perKind = max(1, perKind)
            self.perGroup = max(1, perGroup)
        }
    }

    private struct Entry: Sendable {
        var due: Timestamp?
        var failures = 0
        var running = false
        var runAgain = false
        /// A deferred trigger that arrived while running: applied when the run finishes.
        var runAgainAt: Timestamp?
        var group: String?
    }

    private var entries: [ObjectID: Entry] = [:]
    private var runningPerKind: [String: Int] = [:]
    private var runningPerGroup: [String: Int] = [:]
    /// The limits in force.
    public let limits: Limits
    /// The first retry delay.
    public let minimumRetryDelay: GoDuration
    /// The longest retry delay.
    public let maximumRetryDelay: GoDuration

    /// An empty schedule.
    public init(limits: Limits = Limits(), minimumRetryDelay: GoDuration = .milliseconds(750), maximumRetryDelay: GoDuration = .minutes(15)) {
        self.limits = limits
        self.minimumRetryDelay = minimumRetryDelay
        self.maximumRetryDelay = maximumRetryDelay
    }

    /// Asks for `id` to run as soon as limits allow (a new object, a spec change, a webhook, a
    /// dependency that changed). While it runs, it runs once more afterwards.
    ///
    /// - Parameter group: What the object shares a limit with (a registry host), if anything.
    public mutating func trigger(_ id: ObjectID, group: String? = nil, now: Timestamp) {
        var entry = entries[id] ?? Entry()
        if let group { entry.group = group }
        if entry.running {
            entry.runAgain = true
        } else {
            entry.due = min(entry.due ?? now, now)
        }
        entries[id] = entry
    }

    /// Asks for `id` to run no later than `due` (a batch window's end): an earlier due time stays. While it runs, the
    /// deferred trigger is kept for after the run.
    public mutating func trigger(_ id: ObjectID, at due: Timestamp) {
        var entry = entries[id] ?? Entry()
        if entry.running {
            entry.runAgainAt = min(entry.runAgainAt ?? due, due)
        } else {
            entry.due = min(entry.due ?? due, due)
        }
        entries[id] = entry
    }

    /// Forgets `id` (the object was deleted). A run in progress still ends with ``finish(_:_:now:)``.
    public mutating func remove(_ id: ObjectID) {
        guard let entry = entries[id] else { return }
        if entry.running {
            entries[id]?.due = nil
            entries[id]?.runAgain = false
            entries[id]?.failures = -1  // marks it removed: finish drops it
        } else {
            entries[id] = nil
        }
    }

    /// The next object to run now, marked as running; `nil` when none is due or limits are full.
    /// Among due objects the earliest due runs first (ties in identifier order).
    public mutating func start(now: Timestamp) -> ObjectID? {
        let candidates = entries.filter { _, entry in
            guard !entry.running, let due = entry.due else { return false }
            return due <= now
        }
        let ordered = candidates.sorted { ($0.value.due ?? now, $0.key) < ($1.value.due ?? now, $1.key) }
        for (id, entry) in ordered {
            guard runningPerKind[id.kind, default: 0] < limits.perKind else { continue }
            if let group = entry.group, runningPerGroup[group, default: 0] >= limits.perGroup { continue }
            entries[id]?.running = true
            entries[id]?.due = nil
            runningPerKind[id.kind, default: 0] += 1
            if let group = entry.group { runningPerGroup[group, default: 0] += 1 }
            return id
        }
        return nil
    }

    /// Records how the run of `id` ended and when it is due next.
    ///
    /// - Parameter jitter: A fraction in `-1...1` that spreads periodic runs by up to 5% of
    ///   their interval, so objects created together do not stay in lockstep.
    public mutating func finish(_ id: ObjectID, _ outcome: Outcome, now: Timestamp, jitter: Double = 0) {
        guard var entry = entries[id], entry.running else { return }
        entry.running = false
        runningPerKind[id.kind, default: 1] -= 1
        if let group = entry.group { runningPerGroup[group, default: 1] -= 1 }
        if entry.failures < 0 {
            entries[id] = nil
            return
        }
        switch outcome {
        case .succeeded(let requeueAfter):
            entry.failures = 0
            entry.due = requeueAfter.map { now + Self.jittered($0, jitter) }
        case .failed:
            entry.due = now + retryDelay(afterFailures: entry.failures)
            entry.failures += 1
        case .stalled:
            entry.failures = 0
            entry.due = nil
        }
        if entry.runAgain {
            entry.runAgain = false
            entry.due = min(entry.due ?? now, now)
        }
        if let deferred = entry.runAgainAt {
            entry.runAgainAt = nil
            entry.due = min(entry.due ?? deferred, deferred)
        }
        entries[id] = entry
    }

    /// The backoff before retry number `failures + 1`: the minimum delay doubled per earlier
    /// failure, capped at the maximum.
    public func retryDelay(afterFailures failures: Int) -> GoDuration {
        var delay = minimumRetryDelay.nanoseconds
        for _ in 0..<min(failures, 40) {
            delay *= 2
            if delay >= maximumRetryDelay.nanoseconds { return maximumRetryDelay }
        }
        return GoDuration(nanoseconds: min(delay, maximumRetryDelay.nanoseconds))
    }

    /// When the earliest waiting object is due, or `nil` when nothing waits.
    public var nextDue: Timestamp? {
        entries.values.compactMap { $0.running ? nil : $0.due }.min()
    }

    /// Whether `id` is running now.
    public func isRunning(_ id: ObjectID) -> Bool { entries[id]?.running ?? false }

    /// When `id` is due next, if it waits for a time.
    public func due(_ id: ObjectID) -> Timestamp? { entries[id]?.due }

    /// How many objects are running.
    public var runningCount: Int { entries.values.filter(\.running).count }

    private static func jittered(_ interval: GoDuration, _ jitter: Double) -> GoDuration {
        let fraction = max(-1, min(1, jitter)) * 0.05
        return GoDuration(nanoseconds: interval.nanoseconds + Int64(Double(interval.nanoseconds) * fraction))
    }
}
