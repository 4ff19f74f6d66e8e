/// `metadata` of a Kubernetes object: the fields Ferry reads and writes.
public struct ObjectMeta: Sendable, Hashable, Codable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`; empty for cluster-scoped objects.
    public var namespace: String
    /// `metadata.uid`, assigned by the API server.
    public var uid: String?
    /// `metadata.resourceVersion`: opaque, compared for equality only.
    public var resourceVersion: String?
    /// `metadata.generation`: increases on spec changes only.
    public var generation: Int64?
    /// `metadata.creationTimestamp`.
    public var creationTimestamp: APITime?
    /// `metadata.deletionTimestamp`: set once deletion has started and finalizers are pending.
    public var deletionTimestamp: APITime?
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations`.
    public var annotations: [String: String]
    /// `metadata.finalizers`.
    public var finalizers: [String]

    /// Creates metadata for a namespaced object.
    public init(
        name: String, namespace: String = "", uid: String? = nil, resourceVersion: String? = nil, generation: Int64? = nil,
        labels: [String: String] = [:], annotations: [String: String] = [:], finalizers: [String] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.labels = labels
        self.annotations = annotations
        self.finalizers = finalizers
    }

    /// `namespace/name`, or `name` for cluster-scoped objects.
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }

    /// Whether deletion has started (`deletionTimestamp` is set).
    public var isBeingDeleted: Bool { deletionTimestamp != nil }

    private enum CodingKeys: String, CodingKey {
        case name, namespace, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, labels, annotations, finalizers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace) ?? ""
        uid = try container.decodeIfPresent(String.self, forKey: .uid)
        resourceVersion = try container.decodeIfPresent(String.self, forKey: .resourceVersion)
        generation = try container.decodeIfPresent(Int64.self, forKey: .generation)
        creationTimestamp = try container.decodeIfPresent(APITime.self, forKey: .creationTimestamp)
        deletionTimestamp = try container.decodeIfPresent(APITime.self, forKey: .deletionTimestamp)
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
        finalizers = try container.decodeIfPresent([String].self, forKey: .finalizers) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if !namespace.isEmpty { try container.encode(namespace, forKey: .namespace) }
        try container.encodeIfPresent(uid, forKey: .uid)
        try container.encodeIfPresent(resourceVersion, forKey: .resourceVersion)
        try container.encodeIfPresent(generation, forKey: .generation)
        try container.encodeIfPresent(creationTimestamp, forKey: .creationTimestamp)
        try container.encodeIfPresent(deletionTimestamp, forKey: .deletionTimestamp)
        if !labels.isEmpty { try container.encode(labels, forKey: .labels) }
        if !annotations.isEmpty { try container.encode(annotations, forKey: .annotations) }
        if !finalizers.isEmpty { try container.encode(finalizers, forKey: .finalizers) }
    }
}

/// The identity of an object within its kind: namespace and name.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The namespace; empty for cluster-scoped objects.
    public var namespace: String
    /// The name.
    public var name: String

    /// Creates a key.
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `namespace/name`, as Flux and kubectl print it.
    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name) }
}
