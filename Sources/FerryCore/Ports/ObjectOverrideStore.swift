/// Standalone mode's stand-in for `kubectl patch`: what `ferry reconcile`, `ferry suspend` and
/// `ferry resume` ask of objects that live in files Ferry does not rewrite. A folder source
/// lays these overrides over the objects it reads (the annotation
/// `reconcile.fluxcd.io/requestedAt` and `spec.suspend`), as the API server would show a
/// patched object. Implemented over SQLite by `FerryStore`, in the same file as the state.
///
/// An override holds until the file's own value for that field changes: each field keeps the
/// file's value at the time the source first saw the override (its base), and a file edited
/// since then wins again.
public protocol ObjectOverrideStore: Sendable {
    /// Every override, optionally only those of one kind, in kind, namespace and name order.
    func overrides(ofKind kind: String?) async throws -> [ObjectOverride]

    /// Asks for a reconcile: sets the `requestedAt` override to `value` and forgets its base.
    func requestReconcile(_ object: ObjectID, value: String, at time: Timestamp) async throws

    /// Sets the `suspend` override and forgets its base.
    func setSuspend(_ suspend: Bool, for object: ObjectID, at time: Timestamp) async throws

    /// Records the file's value a field was overridden from, unless the override changed since
    /// `updatedAt` (a command wrote a newer one meanwhile).
    func recordBase(_ base: ObjectOverride.Base, of field: ObjectOverride.Field, for object: ObjectID, ifUpdatedAt updatedAt: Timestamp)
        async throws

    /// Drops one field's override (the file changed it since), unless the override changed
    /// since `updatedAt`.
    func clearOverride(_ field: ObjectOverride.Field, for object: ObjectID, ifUpdatedAt updatedAt: Timestamp) async throws
}

/// The overrides of one object.
public struct ObjectOverride: Sendable, Hashable {
    /// One overridable field.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The annotation `reconcile.fluxcd.io/requestedAt`.
        case requestedAt
        /// `spec.suspend`.
        case suspend
    }

    /// The file's value of a field when the override was first seen: the annotation's text
    /// (empty when absent) or `spec.suspend`.
    public enum Base: Sendable, Hashable {
        /// The annotation's value, empty when the file has none.
        case text(String)
        /// `spec.suspend`, false when the file has none.
        case flag(Bool)
    }

    /// The object.
    public var object: ObjectID
    /// The `reconcile.fluxcd.io/requestedAt` value to show, when overridden.
    public var requestedAt: String?
    /// The file's annotation value `requestedAt` overrode; nil until a source has seen it.
    public var requestedAtBase: String?
    /// The `spec.suspend` value to show, when overridden.
    public var suspend: Bool?
    /// The file's `spec.suspend` that `suspend` overrode; nil until a source has seen it.
    public var suspendBase: Bool?
    /// When a command last wrote the override.
    public var updatedAt: Timestamp

    /// Creates an override.
    public init(
        object: ObjectID, requestedAt: String? = nil, requestedAtBase: String? = nil, suspend: Bool? = nil, suspendBase: Bool? = nil,
        updatedAt: Timestamp
    ) {
        self.object = object
        self.requestedAt = requestedAt
        self.requestedAtBase = requestedAtBase
        self.suspend = suspend
        self.suspendBase = suspendBase
        self.updatedAt = updatedAt
    }
}
