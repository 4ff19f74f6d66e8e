/// An `image.toolkit.fluxcd.io/v1` (or `v1beta2`) ImagePolicy: how to choose the latest tag of
/// an ImageRepository (flux-spec §2).
public struct ImagePolicy: Sendable, Hashable, Codable {
    /// The API group and versions Ferry reads.
    public static let apiVersions = ["image.toolkit.fluxcd.io/v1", "image.toolkit.fluxcd.io/v1beta2"]
    /// The kind.
    public static let kind = "ImagePolicy"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status

    /// Creates an ImagePolicy.
    public init(metadata: ObjectMeta, spec: Spec, status: Status = Status(), apiVersion: String = ImagePolicy.apiVersions[0]) {
        self.apiVersion = apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec`.
    public struct Spec: Sendable, Hashable, Codable {
        /// `imageRepositoryRef` (IP-01).
        public var imageRepositoryRef: NamespacedObjectReference
        /// `policy` (IP-02).
        public var policy: ImagePolicyChoice
        /// `filterTags` (IP-03).
        public var filterTags: TagFilterSpec?
        /// `digestReflectionPolicy` (IP-04): `Always`, `IfNotPresent` or `Never` (the default).
        public var digestReflectionPolicy: DigestReflectionPolicy?
        /// `interval` (IP-05): only with `digestReflectionPolicy: Always`.
        public var interval: GoDuration?
        /// `suspend` (IP-06).
        public var suspend: Bool?

        /// Creates a spec.
        public init(
            imageRepositoryRef: NamespacedObjectReference, policy: ImagePolicyChoice, filterTags: TagFilterSpec? = nil,
            digestReflectionPolicy: DigestReflectionPolicy? = nil, interval: GoDuration? = nil
        ) {
            self.imageRepositoryRef = imageRepositoryRef
            self.policy = policy
            self.filterTags = filterTags
            self.digestReflectionPolicy = digestReflectionPolicy
            self.interval = interval
        }
    }

    /// `spec.digestReflectionPolicy`.
    public enum DigestReflectionPolicy: String, Sendable, Hashable, Codable {
        case always = "Always"
        case ifNotPresent = "IfNotPresent"
        case never = "Never"
    }

    /// `status.latestRef` and `status.observedPreviousRef` (IP-10).
    public struct ImageRef: Sendable, Hashable, Codable, CustomStringConvertible {
        /// `name`: the ImageRepository's `spec.image`, verbatim.
        public var name: String
        /// `tag`.
        public var tag: String
        /// `digest`, when reflected.
        public var digest: String?

        /// Creates a reference.
        public init(name: String, tag: String, digest: String? = nil) {
            self.name = name
            self.tag = tag
            self.digest = digest
        }

        /// `name:tag[@digest]`.
        public var description: String {
            if let digest, !digest.isEmpty { return "\(name):\(tag)@\(digest)" }
            return "\(name):\(tag)"
        }
    }

    /// `status`.
    public struct Status: Sendable, Hashable, Codable {
        public var observedGeneration: Int64?
        public var conditions: [Condition]
        public var lastHandledReconcileAt: String?
        /// `latestRef` (IP-10).
        public var latestRef: ImageRef?
        /// `observedPreviousRef` (IP-11).
        public var observedPreviousRef: ImageRef?
        /// Ferry's extension: the tags in quarantine (`ferry rollback`), never selected until released.
        public var quarantinedTags: [QuarantinedTag]?

        /// An empty status, as the CRD defaults it.
        public init() {
            observedGeneration = -1
            conditions = []
        }
    }

    /// The repository reference with its namespace resolved (the policy's own by default).
    public var repositoryKey: ObjectID {
        ObjectID(
            kind: ImageRepository.kind, namespace: resolvedNamespace(spec.imageRepositoryRef.namespace, default: metadata.namespace),
            name: spec.imageRepositoryRef.name)
    }

    /// What the CRD and the controller would refuse in this object, each naming the field.
    public func validationErrors() -> [SpecError] {
        var errors: [SpecError] = []
        if spec.imageRepositoryRef.name.isEmpty { errors.append(.required("spec.imageRepositoryRef.name")) }
        let policy = spec.policy
        if policy.semver == nil && policy.alphabetical == nil && policy.numerical == nil {
            errors.append(SpecError(field: "spec.policy", value: "{}", problem: "set one of semver, alphabetical or numerical"))
        }
        SpecChecks.oneOf(policy.alphabetical?.order, ["asc", "desc"], field: "spec.policy.alphabetical.order", into: &errors)
        SpecChecks.oneOf(policy.numerical?.order, ["asc", "desc"], field: "spec.policy.numerical.order", into: &errors)
        SpecChecks.duration(spec.interval, text: nil, field: "spec.interval", into: &errors)
        // The CRD's two CEL rules (IP-05).
        if spec.interval != nil && spec.digestReflectionPolicy != .always {
            errors.append(
                SpecError(field: "spec.interval", value: spec.interval?.description ?? "", problem: "is only accepted when spec.digestReflectionPolicy is set to 'Always'"))
        }
        if spec.interval == nil && spec.digestReflectionPolicy == .always {
            errors.append(SpecError(field: "spec.interval", value: "", problem: "must be set when spec.digestReflectionPolicy is set to 'Always'"))
        }
        if case .failure(let error) = minimumAge { errors.append(error) }
        // Ferry checks the range, the pattern and the extract template up front (Flux finds out
        // when it reconciles, and stalls the object with `invalid policy: …`).
        if errors.isEmpty {
            let filter = spec.filterTags.flatMap { $0.pattern.isEmpty && $0.extract.isEmpty ? nil : $0 }
            do {
                _ = try TagSelector(policy: policy, filterTags: filter)
            } catch {
                errors.append(SpecError(field: error.field.rawValue, value: error.value, problem: error.message))
            }
        }
        return errors
    }
}

extension ImagePolicy {
    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes the object; a missing `status` is the empty one, as for a new object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersions[0]
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        spec = try container.decode(Spec.self, forKey: .spec)
        status = try container.decodeIfPresent(Status.self, forKey: .status) ?? Status()
    }
}

extension ImagePolicy.Status {
    private enum CodingKeys: String, CodingKey { case observedGeneration, conditions, lastHandledReconcileAt, latestRef, observedPreviousRef, quarantinedTags }

    /// Decodes a status; missing conditions are none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
        lastHandledReconcileAt = try container.decodeIfPresent(String.self, forKey: .lastHandledReconcileAt)
        latestRef = try container.decodeIfPresent(ImagePolicy.ImageRef.self, forKey: .latestRef)
        observedPreviousRef = try container.decodeIfPresent(ImagePolicy.ImageRef.self, forKey: .observedPreviousRef)
        quarantinedTags = try container.decodeIfPresent([QuarantinedTag].self, forKey: .quarantinedTags)
    }

    /// Encodes the fields that are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
        try container.encodeIfPresent(lastHandledReconcileAt, forKey: .lastHandledReconcileAt)
        try container.encodeIfPresent(latestRef, forKey: .latestRef)
        try container.encodeIfPresent(observedPreviousRef, forKey: .observedPreviousRef)
        if let quarantinedTags, !quarantinedTags.isEmpty { try container.encode(quarantinedTags, forKey: .quarantinedTags) }
    }
}
