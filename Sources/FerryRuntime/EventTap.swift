public import FerryCore
import Synchronization

/// An ``ObjectStatusSink`` in front of another that also keeps the `Normal` events it passes
/// on, so a one-pass run can print what happened (the pushes) besides each object's Ready
/// message.
final class EventTap: ObjectStatusSink {
    private let sink: any ObjectStatusSink
    private let kept = Mutex<[ObjectEvent]>([])

    init(_ sink: any ObjectStatusSink) {
        self.sink = sink
    }

    /// The `Normal` events recorded so far, in order.
    var normalEvents: [ObjectEvent] { kept.withLock { $0 } }

    func writeStatus<Object: APIObject>(_ object: Object, previous: Object.Status) async throws -> Object {
        try await sink.writeStatus(object, previous: previous)
    }

    func addFinalizer<Object: APIObject>(_ finalizer: String, to object: Object) async throws -> Object {
        try await sink.addFinalizer(finalizer, to: object)
    }

    func removeFinalizer<Object: APIObject>(_ finalizer: String, from object: Object) async throws -> Object? {
        try await sink.removeFinalizer(finalizer, from: object)
    }

    func record(_ event: ObjectEvent) async {
        if event.type == .normal { kept.withLock { $0.append(event) } }
        await sink.record(event)
    }
}
