/// An `image.toolkit.fluxcd.io/v1` ImagePolicy (flux-spec §2).
public struct ImagePolicy: APIObject {
    public static let resource = APIResourceKind(group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImagePolicy", plural: "imagepolicies")

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status

    public init(metadata: ObjectMeta, spec: Spec, status: Status = Status()) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec` (IP-01…IP-06).
    public struct Spec: Sendable, Hashable, Codable {
        /// `imageRepositoryRef`.
        public var imageRepositoryRef: NamespacedReference
        /// `policy`.
        public var policy: ImagePolicyChoice
        /// `filterTags`.
        public var filterTags: TagFilterSpec?
        /// `digestReflectionPolicy`: `Always`, `IfNotPresent` or `Never` (CRD default).
        public var digestReflectionPolicy: String?
        /// `interval`: only with `digestReflectionPolicy: Always`.
        public var interval: String?
        /// `suspend`.
        public var suspend: Bool?

        /// Creates a spec.
        public init(imageRepositoryRef: NamespacedReference, policy: ImagePolicyChoice) {
            self.imageRepositoryRef = imageRepositoryRef
            self.policy = policy
        }
    }

    /// `status` (IP-10…IP-12).
    public struct Status: ConditionedStatus {
        public var observedGeneration: Int64?
        public var lastHandledReconcileAt: String?
        public var conditions: [Condition]
        /// `latestRef`.
        public var latestRef: ImageRef?
        /// `observedPreviousRef`.
        public var observedPreviousRef: ImageRef?

        public init() {
            conditions = []
        }

        private enum CodingKeys: String, CodingKey { case observedGeneration, lastHandledReconcileAt, conditions, latestRef, observedPreviousRef }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
            lastHandledReconcileAt = try container.decodeIfPresent(String.self, forKey: .lastHandledReconcileAt)
            conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
            latestRef = try container.decodeIfPresent(ImageRef.self, forKey: .latestRef)
            observedPreviousRef = try container.decodeIfPresent(ImageRef.self, forKey: .observedPreviousRef)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
            try container.encodeIfPresent(lastHandledReconcileAt, forKey: .lastHandledReconcileAt)
            if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
            try container.encodeIfPresent(latestRef, forKey: .latestRef)
            try container.encodeIfPresent(observedPreviousRef, forKey: .observedPreviousRef)
        }
    }
}

/// `{name, namespace}`: a reference that may cross namespaces (`imageRepositoryRef`).
public struct NamespacedReference: Sendable, Hashable, Codable {
    /// `name`.
    public var name: String
    /// `namespace`; the referring object's when nil.
    public var namespace: String?

    /// Creates a reference.
    public init(name: String, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }
}

/// `status.latestRef` / `observedPreviousRef` / `observedPolicies[…]`: `{name, tag, digest}`.
public struct ImageRef: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `name`: `ImageRepository.spec.image` verbatim.
    public var name: String
    /// `tag`.
    public var tag: String
    /// `digest`.
    public var digest: String?

    /// Creates a reference.
    public init(name: String, tag: String, digest: String? = nil) {
        self.name = name
        self.tag = tag
        self.digest = digest
    }

    /// `name:tag[@digest]`.
    public var description: String { "\(name):\(tag)" + (digest.map { "@\($0)" } ?? "") }

    private enum CodingKeys: String, CodingKey { case name, tag, digest }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(tag, forKey: .tag)
        if let digest, !digest.isEmpty { try container.encode(digest, forKey: .digest) }
    }
}
