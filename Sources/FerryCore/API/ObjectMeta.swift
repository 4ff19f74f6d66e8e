/// The `metadata` of an object, as much of Kubernetes' `ObjectMeta` as Ferry reads or writes.
public struct ObjectMeta: Sendable, Hashable, Codable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`; empty means the default (`flux-system` for Ferry's commands, as
    /// for the `flux` CLI).
    public var namespace: String?
    /// `metadata.labels`.
    public var labels: [String: String]?
    /// `metadata.annotations`.
    public var annotations: [String: String]?
    /// `metadata.generation`: bumped on every change of the spec (by the API server in a
    /// cluster; by Ferry's state in standalone mode).
    public var generation: Int64?
    /// `metadata.uid`.
    public var uid: String?
    /// `metadata.resourceVersion`.
    public var resourceVersion: String?
    /// `metadata.finalizers`.
    public var finalizers: [String]?
    /// `metadata.deletionTimestamp` (RFC 3339), set while the object is being deleted.
    public var deletionTimestamp: String?
    /// `metadata.creationTimestamp` (RFC 3339).
    public var creationTimestamp: String?

    /// Metadata for an object called `name` in `namespace`.
    public init(name: String, namespace: String? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// The annotation `reconcile.fluxcd.io/requestedAt` (C-04), which asks for a reconcile.
    public static let requestedAtAnnotation = "reconcile.fluxcd.io/requestedAt"

    /// The value of ``requestedAtAnnotation``, when set.
    public var reconcileRequestedAt: String? { annotations?[Self.requestedAtAnnotation] }
}

/// `{name}`: a reference to an object in the same namespace (`LocalObjectReference`).
public struct LocalObjectReference: Sendable, Hashable, Codable {
    /// The referenced object's name.
    public var name: String

    /// A reference to `name`.
    public init(name: String) {
        self.name = name
    }
}

/// `{name, namespace}`: a reference that may point to another namespace.
public struct NamespacedObjectReference: Sendable, Hashable, Codable {
    /// The referenced object's name.
    public var name: String
    /// Its namespace; empty means the referring object's own.
    public var namespace: String?

    /// A reference to `name` in `namespace`.
    public init(name: String, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }
}

/// `{apiVersion, kind, name, namespace}`: a reference to an object of a given kind.
public struct CrossNamespaceObjectReference: Sendable, Hashable, Codable {
    /// The referenced object's API version.
    public var apiVersion: String?
    /// The referenced object's kind.
    public var kind: String
    /// The referenced object's name.
    public var name: String
    /// Its namespace; empty means the referring object's own.
    public var namespace: String?

    /// A reference to `kind` `name` in `namespace`.
    public init(apiVersion: String? = nil, kind: String, name: String, namespace: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}
