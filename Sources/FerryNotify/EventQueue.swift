import DequeModule
import FerryCore
import Synchronization

/// A bounded multi-consumer queue of events: ``push(_:)`` never waits (it drops by policy when full, or hands the
/// event straight to a waiting worker); ``next()`` waits for an event, or returns `nil` once the queue is closed
/// or the waiting task is cancelled.
final class EventQueue: Sendable {
    enum PushResult {
        /// Queued or handed over.
        case accepted
        /// Queued after dropping the oldest event.
        case droppedOldest
        /// Refused: full and the policy rejects new events, or closed.
        case rejected
    }

    private struct State {
        var events = Deque<FluxEvent>()
        var waiters: [(id: UInt64, continuation: CheckedContinuation<FluxEvent?, Never>)] = []
        var nextWaiter: UInt64 = 0
        var closed = false
        var highWater = 0
    }

    private let capacity: Int
    private let overflow: DispatcherOptions.Overflow
    private let state = Mutex(State())

    init(capacity: Int, overflow: DispatcherOptions.Overflow) {
        self.capacity = capacity
        self.overflow = overflow
    }

    /// Events waiting, and the most ever waiting.
    var depth: (current: Int, highWater: Int) { state.withLock { ($0.events.count, $0.highWater) } }

    func push(_ event: FluxEvent) -> PushResult {
        let (result, waiter): (PushResult, CheckedContinuation<FluxEvent?, Never>?) = state.withLock { state in
            if state.closed { return (.rejected, nil) }
            if !state.waiters.isEmpty {
                return (.accepted, state.waiters.removeFirst().continuation)
            }
            var result = PushResult.accepted
            if state.events.count >= capacity {
                switch overflow {
                case .rejectNewest: return (.rejected, nil)
                case .dropOldest:
                    state.events.removeFirst()
                    result = .droppedOldest
                }
            }
            state.events.append(event)
            state.highWater = max(state.highWater, state.events.count)
            return (result, nil)
        }
        waiter?.resume(returning: event)
        return result
    }

    func next() async -> FluxEvent? {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<FluxEvent?, Never>) in
                let immediate: FluxEvent?? = state.withLock { state in
                    if let event = state.events.popFirst() { return .some(event) }
                    if state.closed || Task.isCancelled { return .some(nil) }
                    state.waiters.append((id, continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<FluxEvent?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Closes the queue: waiting workers get `nil`; returns how many events were still queued (now dropped).
    func close() -> Int {
        let (waiters, dropped) = state.withLock { state in
            state.closed = true
            let waiters = state.waiters.map(\.continuation)
            state.waiters.removeAll()
            let dropped = state.events.count
            state.events.removeAll()
            return (waiters, dropped)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        return dropped
    }
}
