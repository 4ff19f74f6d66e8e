/// Where the reconcilers get their objects: the Kubernetes API in controller mode, a folder
/// of manifests in standalone mode.
///
/// An implementation delivers typed values; it hides paging, watch restarts, relists and
/// retries. Objects of the reconciled kinds are filtered by the source's label selector
/// (sharding, flux-spec RT-05) in ``changes(of:)`` and ``listReconciled(_:)``;
/// ``get(_:_:)`` and ``list(_:namespace:selector:)`` are not.
public protocol ObjectSource: Sendable {
    /// The objects of one kind, as they change: first one `.added` per existing object and
    /// then `.synced`, then every later change. After the source had to start again (an
    /// expired watch, a restart of the API server) it delivers `.added`/`.modified`/`.deleted`
    /// for what differs from what it delivered before, then `.synced` again.
    ///
    /// The sequence ends when the task iterating it is cancelled, or throws when the source
    /// gives up (for instance the credentials were refused).
    func changes<Object: APIObject>(of type: Object.Type) -> AsyncThrowingStream<ObjectChange<Object>, any Error>

    /// One object, or nil when it does not exist.
    func get<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) async throws -> Object?

    /// The objects of a kind in a namespace (every namespace when nil) that match a selector
    /// (every object when nil).
    func list<Object: APIObject>(_ type: Object.Type, namespace: String?, selector: LabelSelector?) async throws -> [Object]

    /// The objects of a reconciled kind that ``changes(of:)`` would deliver now: in the watched
    /// namespace and matching the source's watch label selector (a one-pass run reconciles the
    /// same objects as a watching one).
    func listReconciled<Object: APIObject>(_ type: Object.Type) async throws -> [Object]

    /// A Secret, read when needed (never cached, as Flux reads Secrets, RT-06), or nil when it
    /// does not exist.
    func secret(_ key: ObjectKey) async throws -> Secret?
}

extension ObjectSource {
    /// Every object of the kind: a source that does not filter what it watches.
    public func listReconciled<Object: APIObject>(_ type: Object.Type) async throws -> [Object] {
        try await list(type, namespace: nil, selector: nil)
    }
}

/// Where the reconcilers write what they observed: status, finalizers and events.
public protocol ObjectStatusSink: Sendable {
    /// Writes `object.status`, given the status it was computed from, and returns the object
    /// as stored afterwards. Only the fields that differ from `previous` are written (a merge
    /// patch of the status subresource, as Flux's patch helper does); nothing is sent when
    /// they are equal. Spec and metadata are never changed by this call.
    func writeStatus<Object: APIObject>(_ object: Object, previous: Object.Status) async throws -> Object

    /// Adds a finalizer unless present; returns the object as stored.
    func addFinalizer<Object: APIObject>(_ finalizer: String, to object: Object) async throws -> Object

    /// Removes a finalizer if present; returns the object as stored, or nil when removing
    /// the last finalizer let the deletion complete.
    func removeFinalizer<Object: APIObject>(_ finalizer: String, from object: Object) async throws -> Object?

    /// Records an event about an object. Recording never fails the reconcile: a sink that
    /// cannot deliver an event logs it and drops it.
    func record(_ event: ObjectEvent) async
}

/// One change delivered by ``ObjectSource/changes(of:)``.
public enum ObjectChange<Object: APIObject>: Sendable {
    /// An object appeared (or existed when the source started).
    case added(Object)
    /// An object changed.
    case modified(Object)
    /// An object was deleted; its last known state.
    case deleted(Object)
    /// Every object that existed when the source (re)started has been delivered.
    case synced
}

extension ObjectChange: Equatable where Object: Equatable {}

/// An event about an object, in Flux's terms (flux-spec C-07).
public struct ObjectEvent: Sendable, Hashable {
    /// The object the event is about.
    public var regarding: ObjectReference
    /// `Normal`, `Warning` or Flux's `Trace`.
    public var type: ObjectEventType
    /// The reason, e.g. `Succeeded`, `ReadOperationFailed`.
    public var reason: String
    /// The message.
    public var message: String
    /// Event metadata, e.g. `image.toolkit.fluxcd.io/revision`; sent as annotations.
    public var annotations: [String: String]
    /// The Flux controller the event comes from: `image-reflector-controller` or
    /// `image-automation-controller`.
    public var reportingController: String
    /// When it happened.
    public var time: Timestamp

    /// Creates an event.
    public init(
        regarding: ObjectReference, type: ObjectEventType, reason: String, message: String, annotations: [String: String] = [:],
        reportingController: String, time: Timestamp
    ) {
        self.regarding = regarding
        self.type = type
        self.reason = reason
        self.message = message
        self.annotations = annotations
        self.reportingController = reportingController
        self.time = time
    }
}

/// The type of an ``ObjectEvent``.
public enum ObjectEventType: String, Sendable, Hashable, CaseIterable {
    /// Normal: a Kubernetes `Normal` event, forwarded to notifications as `info`.
    case normal = "Normal"
    /// Warning: a Kubernetes `Warning` event, forwarded as `error`.
    case warning = "Warning"
    /// Trace: a Kubernetes `Normal` event, not forwarded to notifications.
    case trace = "Trace"

    /// The `type` the Kubernetes Event carries.
    public var kubernetesType: String { self == .warning ? "Warning" : "Normal" }
}
