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
        /// The group whose limit the run in progress counts against (the group may change while it runs).
        var runningGroup: String?
    }

    private var entries: [ObjectID: Entry] = [:]
    /// Every waiting entry (`due` set, not running) as (due, id), in that order: what ``start(now:)`` and
    /// ``nextDue(after:)`` read without sorting or scanning all entries (1,000s of objects, asked on every wake).
    private var waiting = DueIndex()
    private var running = 0
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
            setDue(&entry, id, min(entry.due ?? now, now))
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
            setDue(&entry, id, min(entry.due ?? due, due))
        }
        entries[id] = entry
    }

    /// Forgets `id` (the object was deleted). A run in progress still ends with ``finish(_:_:now:)``.
    public mutating func remove(_ id: ObjectID) {
        guard var entry = entries[id] else { return }
        if entry.running {
            entry.runAgain = false
            entry.runAgainAt = nil
            entry.failures = -1  // marks it removed: finish drops it
            entries[id] = entry
        } else {
            setDue(&entry, id, nil)
            entries[id] = nil
        }
    }

    /// The next object to run now, marked as running; `nil` when none is due or limits are full.
    /// Among due objects the earliest due runs first (ties in identifier order).
    public mutating func start(now: Timestamp) -> ObjectID? {
        var chosen: (id: ObjectID, entry: Entry)?
        for key in waiting.keys {
            guard key.due <= now else { break }
            guard runningPerKind[key.id.kind, default: 0] < limits.perKind, let entry = entries[key.id] else { continue }
            if let group = entry.group, runningPerGroup[group, default: 0] >= limits.perGroup { continue }
            chosen = (key.id, entry)
            break
        }
        guard var (id, entry) = chosen else { return nil }
        setDue(&entry, id, nil)
        entry.running = true
        entry.runningGroup = entry.group
        entries[id] = entry
        running += 1
        runningPerKind[id.kind, default: 0] += 1
        if let group = entry.group { runningPerGroup[group, default: 0] += 1 }
        return id
    }

    /// Records how the run of `id` ended and when it is due next.
    ///
    /// - Parameter jitter: A fraction in `-1...1` that spreads periodic runs by up to 5% of
    ///   their interval, so objects created together do not stay in lockstep.
    public mutating func finish(_ id: ObjectID, _ outcome: Outcome, now: Timestamp, jitter: Double = 0) {
        guard var entry = entries[id], entry.running else { return }
        entry.running = false
        running -= 1
        runningPerKind[id.kind, default: 1] -= 1
        if let group = entry.runningGroup { runningPerGroup[group, default: 1] -= 1 }
        entry.runningGroup = nil
        if entry.failures < 0 {
            entries[id] = nil
            return
        }
        var due: Timestamp?
        switch outcome {
        case .succeeded(let requeueAfter):
            entry.failures = 0
            due = requeueAfter.map { now + Self.jittered($0, jitter) }
        case .failed:
            due = now + retryDelay(afterFailures: entry.failures)
            entry.failures += 1
        case .stalled:
            entry.failures = 0
            due = nil
        }
        if entry.runAgain {
            entry.runAgain = false
            due = min(due ?? now, now)
        }
        if let deferred = entry.runAgainAt {
            entry.runAgainAt = nil
            due = min(due ?? deferred, deferred)
        }
        setDue(&entry, id, due)
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

    /// When the earliest waiting object is due, or `nil` when nothing waits. It may be in the past: an object that is
    /// due but held back by the limits.
    public var nextDue: Timestamp? { waiting.keys.first?.due }

    /// When the earliest object due later than `now` is due: the time to sleep until once ``start(now:)`` has
    /// returned `nil` for this `now`. Objects already due then wait for a limit to free up, which only a finished
    /// run does (the caller wakes on it); counting them here would make the caller spin.
    public func nextDue(after now: Timestamp) -> Timestamp? {
        waiting.first(after: now)?.due
    }

    /// Whether `id` is running now.
    public func isRunning(_ id: ObjectID) -> Bool { entries[id]?.running ?? false }

    /// When `id` is due next, if it waits for a time.
    public func due(_ id: ObjectID) -> Timestamp? { entries[id]?.due }

    /// How many objects are running.
    public var runningCount: Int { running }

    /// Keeps the index in step with `entry.due`.
    private mutating func setDue(_ entry: inout Entry, _ id: ObjectID, _ due: Timestamp?) {
        guard entry.due != due else { return }
        if let old = entry.due { waiting.remove(DueIndex.Key(due: old, id: id)) }
        if let due { waiting.insert(DueIndex.Key(due: due, id: id)) }
        entry.due = due
    }

    private static func jittered(_ interval: GoDuration, _ jitter: Double) -> GoDuration {
        let fraction = max(-1, min(1, jitter)) * 0.05
        return GoDuration(nanoseconds: interval.nanoseconds + Int64(Double(interval.nanoseconds) * fraction))
    }
}
