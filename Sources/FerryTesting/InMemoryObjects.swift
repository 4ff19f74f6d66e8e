public import FerryCore
import Synchronization

/// An ``ObjectSource`` and ``ObjectStatusSink`` held in memory, for tests of the reconcilers
/// and the controller: put objects and Secrets in, watch the changes come out, read back the
/// statuses and events the reconcilers wrote.
public final class InMemoryObjects: ObjectSource, ObjectStatusSink {
    private struct State {
        var objects: [String: [ObjectKey: any APIObject]] = [:]
        var secrets: [ObjectKey: Secret] = [:]
        var events: [ObjectEvent] = []
        var watchers: [String: [Int: @Sendable (any APIObject, Int) -> Void]] = [:]
        var nextWatcher = 0
        var nextVersion = 1
    }

    private let state = Mutex(State())

    /// An empty store.
    public init() {}

    // MARK: Test side

    /// Adds or replaces an object (bumping its generation when the spec changed), and tells
    /// the watchers.
    public func put<Object: APIObject>(_ object: Object) {
        let key = ObjectKey(namespace: object.metadata.namespace, name: object.metadata.name)
        let (stored, kind, watchers) = state.withLock { state -> (Object, Int, [@Sendable (any APIObject, Int) -> Void]) in
            var stored = object
            let previous = state.objects[Object.resource.kind]?[key] as? Object
            if let previous {
                stored.status = object.status == Object.Status() ? previous.status : object.status
                let same = previous.spec == object.spec
                stored.metadata.generation = (previous.metadata.generation ?? 1) + (same ? 0 : 1)
            } else {
                stored.metadata.generation = object.metadata.generation ?? 1
            }
            stored.metadata.resourceVersion = String(state.nextVersion)
            state.nextVersion += 1
            state.objects[Object.resource.kind, default: [:]][key] = stored
            return (stored, previous == nil ? 0 : 1, Array(state.watchers[Object.resource.kind, default: [:]].values))
        }
        for watcher in watchers { watcher(stored, kind) }
    }

    /// Removes an object and tells the watchers.
    public func delete<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) {
        let (removed, watchers) = state.withLock { state -> ((any APIObject)?, [@Sendable (any APIObject, Int) -> Void]) in
            let removed = state.objects[Object.resource.kind]?.removeValue(forKey: key)
            return (removed, Array(state.watchers[Object.resource.kind, default: [:]].values))
        }
        guard let removed else { return }
        for watcher in watchers { watcher(removed, 2) }
    }

    /// Adds or replaces a Secret.
    public func put(_ secret: Secret) {
        state.withLock { $0.secrets[ObjectKey(namespace: secret.metadata.namespace, name: secret.metadata.name)] = secret }
    }

    /// The stored version of an object.
    public func stored<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) -> Object? {
        state.withLock { $0.objects[Object.resource.kind]?[key] as? Object }
    }

    /// Every event recorded, in order.
    public var events: [ObjectEvent] { state.withLock { $0.events } }

    // MARK: ObjectSource

    public func changes<Object: APIObject>(of type: Object.Type) -> AsyncThrowingStream<ObjectChange<Object>, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ObjectChange<Object>, any Error>.makeStream()
        let current = state.withLock { state -> [Object] in
            state.nextWatcher += 1
            let id = state.nextWatcher
            state.watchers[Object.resource.kind, default: [:]][id] = { object, kind in
                guard let object = object as? Object else { return }
                switch kind {
                case 0: continuation.yield(.added(object))
                case 1: continuation.yield(.modified(object))
                default: continuation.yield(.deleted(object))
                }
            }
            let kind = Object.resource.kind
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { _ = $0.watchers[kind]?.removeValue(forKey: id) }
            }
            return (state.objects[kind] ?? [:]).values.compactMap { $0 as? Object }
        }
        for object in current { continuation.yield(.added(object)) }
        continuation.yield(.synced)
        return stream
    }

    public func get<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) async throws -> Object? {
        stored(type, key)
    }

    public func list<Object: APIObject>(_ type: Object.Type, namespace: String?, selector: LabelSelector?) async throws -> [Object] {
        state.withLock { state in
            (state.objects[Object.resource.kind] ?? [:]).values.compactMap { $0 as? Object }.filter { object in
                (namespace == nil || object.metadata.namespace == namespace) && (selector?.matches(object.metadata.labels) ?? true)
            }.sorted { ($0.metadata.namespace, $0.metadata.name) < ($1.metadata.namespace, $1.metadata.name) }
        }
    }

    public func secret(_ key: ObjectKey) async throws -> Secret? {
        state.withLock { $0.secrets[key] }
    }

    // MARK: ObjectStatusSink

    public func writeStatus<Object: APIObject>(_ object: Object, previous: Object.Status) async throws -> Object {
        let key = ObjectKey(namespace: object.metadata.namespace, name: object.metadata.name)
        let (written, watchers) = state.withLock { state -> (Object, [@Sendable (any APIObject, Int) -> Void]) in
            var written = (state.objects[Object.resource.kind]?[key] as? Object) ?? object
            written.status = object.status
            written.metadata.resourceVersion = String(state.nextVersion)
            state.nextVersion += 1
            state.objects[Object.resource.kind, default: [:]][key] = written
            return (written, Array(state.watchers[Object.resource.kind, default: [:]].values))
        }
        for watcher in watchers { watcher(written, 1) }
        return written
    }

    public func addFinalizer<Object: APIObject>(_ finalizer: String, to object: Object) async throws -> Object {
        var updated = object
        if !updated.metadata.finalizers.contains(finalizer) { updated.metadata.finalizers.append(finalizer) }
        return updated
    }

    public func removeFinalizer<Object: APIObject>(_ finalizer: String, from object: Object) async throws -> Object? {
        var updated = object
        updated.metadata.finalizers.removeAll { $0 == finalizer }
        return updated
    }

    public func record(_ event: ObjectEvent) async {
        state.withLock { $0.events.append(event) }
    }
}

/// An ``EventRecorder`` that keeps what it is given.
public final class RecordingEventRecorder: EventRecorder {
    private let recorded = Mutex<[FluxEvent]>([])

    /// An empty recorder.
    public init() {}

    public func record(_ event: FluxEvent) {
        recorded.withLock { $0.append(event) }
    }

    /// The events recorded, in order.
    public var events: [FluxEvent] { recorded.withLock { $0 } }
}

/// A ``RegistryAccessResolver`` that always answers with the same options.
public struct FixedRegistryAccess: RegistryAccessResolver {
    /// The options given for every repository.
    public var access: RegistryAccess

    /// Creates the resolver.
    public init(_ access: RegistryAccess = .anonymous) {
        self.access = access
    }

    public func access(for repository: ImageRepository, secret: @escaping @Sendable (String) async throws -> Secret?) async throws -> RegistryAccess {
        access
    }
}
