public import FerryCore
import Foundation

/// The ``ObjectSource`` and ``ObjectStatusSink`` of controller mode: objects from the
/// Kubernetes API, status written to the status subresource by merge patch with the
/// controller's field manager (flux-spec C-06), finalizers by merge patch guarded by
/// resourceVersion, events as `events.k8s.io/v1` Events.
public struct KubernetesObjectSource: ObjectSource, ObjectStatusSink {
    /// The client.
    public let client: KubeClient
    /// The namespace watched, or nil for every namespace (`--watch-all-namespaces`).
    public let namespace: String?
    /// `--watch-label-selector`: applied to the reconciled kinds' ``changes(of:)`` only.
    public let watchLabelSelector: String?
    /// The field manager of status and finalizer writes.
    public let fieldManager: String
    /// Start watches with a watch-list (`sendInitialEvents`) rather than a list.
    public let useWatchList: Bool
    private let events: KubernetesEventRecorder

    /// Creates the source.
    public init(
        client: KubeClient, namespace: String? = nil, watchLabelSelector: String? = nil, fieldManager: String = "ferry-controller",
        reportingInstance: String, useWatchList: Bool = false
    ) {
        self.client = client
        self.namespace = namespace
        self.watchLabelSelector = watchLabelSelector.flatMap { $0.isEmpty ? nil : $0 }
        self.fieldManager = fieldManager
        self.useWatchList = useWatchList
        self.events = KubernetesEventRecorder(client: client, reportingInstance: reportingInstance)
    }

    public func changes<Object: APIObject>(of type: Object.Type) -> AsyncThrowingStream<ObjectChange<Object>, any Error> {
        let reflector = Reflector<Object>(client: client, namespace: namespace, labelSelector: watchLabelSelector, useWatchList: useWatchList)
        let (stream, continuation) = AsyncThrowingStream<ObjectChange<Object>, any Error>.makeStream()
        let task = Task {
            do {
                try await reflector.run { continuation.yield($0) }
                continuation.finish()
            } catch is CancellationError {
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func get<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) async throws -> Object? {
        do {
            return try await client.get(type, Object.resource, name: key.name, namespace: key.namespace)
        } catch let error as KubeAPIError where error.isNotFound && !error.isResourceNotServed {
            return nil
        }
    }

    public func list<Object: APIObject>(_ type: Object.Type, namespace: String?, selector: LabelSelector?) async throws -> [Object] {
        let query = selector?.queryString
        return try await client.listAll(type, Object.resource, namespace: namespace, options: ListOptions(labelSelector: query)).items
    }

    /// The objects ``changes(of:)`` watches: in ``namespace`` (every one when nil), with the
    /// watch label selector.
    public func listReconciled<Object: APIObject>(_ type: Object.Type) async throws -> [Object] {
        try await client.listAll(type, Object.resource, namespace: namespace, options: ListOptions(labelSelector: watchLabelSelector)).items
    }

    public func secret(_ key: ObjectKey) async throws -> Secret? {
        let resource = APIResourceKind(group: "", version: "v1", kind: "Secret", plural: "secrets")
        do {
            return try await client.get(Secret.self, resource, name: key.name, namespace: key.namespace)
        } catch let error as KubeAPIError where error.isNotFound && !error.isResourceNotServed {
            return nil
        }
    }

    public func writeStatus<Object: APIObject>(_ object: Object, previous: Object.Status) async throws -> Object {
        let old = try Self.json(previous)
        let new = try Self.json(object.status)
        guard let diff = JSONValue.mergePatch(from: old, to: new) else { return object }
        // The patch carries no resourceVersion, so sending it again after a 409 is safe.
        return try await client.retryOnConflict {
            try await client.patch(
                Object.self, Object.resource, name: object.metadata.name, namespace: object.metadata.namespace, patch: ["status": diff],
                patchType: .merge, subresource: "status", fieldManager: fieldManager)
        }
    }

    public func addFinalizer<Object: APIObject>(_ finalizer: String, to object: Object) async throws -> Object {
        var current = object
        var fresh = false
        return try await client.retryOnConflict {
            if fresh {
                current = try await client.get(Object.self, Object.resource, name: object.metadata.name, namespace: object.metadata.namespace)
            }
            fresh = true
            guard !current.metadata.finalizers.contains(finalizer) else { return current }
            return try await patchFinalizers(current, current.metadata.finalizers + [finalizer])
        }
    }

    public func removeFinalizer<Object: APIObject>(_ finalizer: String, from object: Object) async throws -> Object? {
        var current = object
        var fresh = false
        return try await client.retryOnConflict { () -> Object? in
            if fresh {
                do {
                    current = try await client.get(Object.self, Object.resource, name: object.metadata.name, namespace: object.metadata.namespace)
                } catch let error as KubeAPIError where error.isNotFound && !error.isResourceNotServed {
                    return nil
                }
            }
            fresh = true
            guard current.metadata.finalizers.contains(finalizer) else { return current }
            let remaining = current.metadata.finalizers.filter { $0 != finalizer }
            let stored = try await patchFinalizers(current, remaining)
            return stored.metadata.isBeingDeleted && stored.metadata.finalizers.isEmpty ? nil : stored
        }
    }

    public func record(_ event: ObjectEvent) async {
        await events.record(event)
    }

    private func patchFinalizers<Object: APIObject>(_ object: Object, _ finalizers: [String]) async throws -> Object {
        var metadata: [(String, JSONValue)] = [("finalizers", finalizers.isEmpty ? .null : .array(finalizers.map { .string($0) }))]
        if let version = object.metadata.resourceVersion { metadata.append(("resourceVersion", .string(version))) }
        return try await client.patch(
            Object.self, Object.resource, name: object.metadata.name, namespace: object.metadata.namespace, patch: ["metadata": .object(metadata)],
            patchType: .merge, fieldManager: fieldManager)
    }

    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONValue(parsing: Array(JSONEncoder().encode(value)))
    }
}
