/// The `metadata` of an object, as much of Kubernetes' `ObjectMeta` as Ferry reads or writes.
/// Missing maps and lists decode as empty, and empty ones are left out when encoding, as the
/// API server does.
public struct ObjectMeta: Sendable, Hashable, Codable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`; empty when not given.
    public var namespace: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations`.
    public var annotations: [String: String]
    /// `metadata.generation`: bumped on every change of the spec (by the API server in a
    /// cluster; by Ferry's state in standalone mode).
    public var generation: Int64?
    /// `metadata.uid`.
    public var uid: String?
    /// `metadata.resourceVersion`.
    public var resourceVersion: String?
    /// `metadata.finalizers`.
    public var finalizers: [String]
    /// `metadata.deletionTimestamp`, set while the object is being deleted.
    public var deletionTimestamp: Timestamp?
    /// `metadata.creationTimestamp`.
    public var creationTimestamp: Timestamp?

    /// Metadata for an object called `name` in `namespace`.
    public init(
        name: String, namespace: String = "", labels: [String: String] = [:], annotations: [String: String] = [:], generation: Int64? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.generation = generation
        self.finalizers = []
    }

    /// The annotation `reconcile.fluxcd.io/requestedAt` (C-04), which asks for a reconcile.
    public static let requestedAtAnnotation = "reconcile.fluxcd.io/requestedAt"

    /// The value of ``requestedAtAnnotation``, when set.
    public var reconcileRequestedAt: String? { annotations[Self.requestedAtAnnotation] }

    /// Whether the object is being deleted.
    public var isBeingDeleted: Bool { deletionTimestamp != nil }

    private enum CodingKeys: String, CodingKey {
        case name, namespace, labels, annotations, generation, uid, resourceVersion, finalizers, deletionTimestamp, creationTimestamp
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace) ?? ""
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
        generation = try container.decodeIfPresent(Int64.self, forKey: .generation)
        uid = try container.decodeIfPresent(String.self, forKey: .uid)
        resourceVersion = try container.decodeIfPresent(String.self, forKey: .resourceVersion)
        finalizers = try container.decodeIfPresent([String].self, forKey: .finalizers) ?? []
        deletionTimestamp = try container.decodeIfPresent(Timestamp.self, forKey: .deletionTimestamp)
        creationTimestamp = try container.decodeIfPresent(Timestamp.self, forKey: .creationTimestamp)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if !namespace.isEmpty { try container.encode(namespace, forKey: .namespace) }
        if !labels.isEmpty { try container.encode(labels, forKey: .labels) }
        if !annotations.isEmpty { try container.encode(annotations, forKey: .annotations) }
        try container.encodeIfPresent(generation, forKey: .generation)
        try container.encodeIfPresent(uid, forKey: .uid)
        try container.encodeIfPresent(resourceVersion, forKey: .resourceVersion)
        if !finalizers.isEmpty { try container.encode(finalizers, forKey: .finalizers) }
        try container.encodeIfPresent(deletionTimestamp, forKey: .deletionTimestamp)
        try container.encodeIfPresent(creationTimestamp, forKey: .creationTimestamp)
    }
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
