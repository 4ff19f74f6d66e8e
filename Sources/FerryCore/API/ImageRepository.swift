/// An `image.toolkit.fluxcd.io/v1` (or `v1beta2`) ImageRepository: which registry repository to
/// scan for tags, how often, and with which credentials (flux-spec §1).
public struct ImageRepository: Sendable, Hashable, Codable {
    /// The API group and versions Ferry reads.
    public static let apiVersions = ["image.toolkit.fluxcd.io/v1", "image.toolkit.fluxcd.io/v1beta2"]
    /// The kind.
    public static let kind = "ImageRepository"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status

    /// Creates an ImageRepository.
    public init(metadata: ObjectMeta, spec: Spec, status: Status = Status(), apiVersion: String = ImageRepository.apiVersions[0]) {
        self.apiVersion = apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec`.
    public struct Spec: Sendable, Hashable, Codable {
        /// `image` (IR-01): the repository without scheme, tag or digest.
        public var image: String
        /// `interval` (IR-02): the scan period.
        public var interval: GoDuration
        /// `timeout` (IR-03): defaults to `interval`, at least 1s.
        public var timeout: GoDuration?
        /// `secretRef` (IR-04): a Docker config Secret.
        public var secretRef: LocalObjectReference?
        /// `serviceAccountName` (IR-05).
        public var serviceAccountName: String?
        /// `certSecretRef` (IR-06): `ca.crt`, `tls.crt`, `tls.key`.
        public var certSecretRef: LocalObjectReference?
        /// `proxySecretRef` (IR-07): `address`, `username`, `password`.
        public var proxySecretRef: LocalObjectReference?
        /// `suspend` (IR-08).
        public var suspend: Bool?
        /// `accessFrom` (IR-09): which namespaces' policies may use this repository.
        public var accessFrom: AccessFrom?
        /// `exclusionList` (IR-10): tags matching any of these are not stored.
        public var exclusionList: [String]?
        /// `provider` (IR-11): `generic`, `aws`, `azure` or `gcp`.
        public var provider: String?
        /// `insecure` (IR-12): allow plain HTTP.
        public var insecure: Bool?

        /// Creates a spec.
        public init(image: String, interval: GoDuration, timeout: GoDuration? = nil, secretRef: LocalObjectReference? = nil, exclusionList: [String]? = nil, provider: String? = nil, insecure: Bool? = nil) {
            self.image = image
            self.interval = interval
            self.timeout = timeout
            self.secretRef = secretRef
            self.exclusionList = exclusionList
            self.provider = provider
            self.insecure = insecure
        }

        /// The exclusion list in effect (`GetExclusionList()`): the CRD default when none is given.
        public var effectiveExclusionList: [String] {
            if let exclusionList, !exclusionList.isEmpty { return exclusionList }
            return ExclusionList.defaultPatterns
        }

        /// The timeout in effect: `timeout`, else `interval`, never under one second (IR-03).
        public var effectiveTimeout: GoDuration {
            max(timeout ?? interval, .seconds(1))
        }

        /// The provider in effect, `generic` by default.
        public var effectiveProvider: String { provider ?? "generic" }
    }

    /// `spec.accessFrom`.
    public struct AccessFrom: Sendable, Hashable, Codable {
        /// `namespaceSelectors`: ORed; an empty `matchLabels` matches every namespace.
        public var namespaceSelectors: [NamespaceSelector]

        /// Creates an access list.
        public init(namespaceSelectors: [NamespaceSelector]) {
            self.namespaceSelectors = namespaceSelectors
        }
    }

    /// One entry of `accessFrom.namespaceSelectors`.
    public struct NamespaceSelector: Sendable, Hashable, Codable {
        /// `matchLabels`.
        public var matchLabels: [String: String]?

        /// Creates a selector.
        public init(matchLabels: [String: String]? = nil) {
            self.matchLabels = matchLabels
        }
    }

    /// `status`.
    public struct Status: Sendable, Hashable, Codable {
        public var observedGeneration: Int64?
        public var conditions: [Condition]
        public var lastHandledReconcileAt: String?
        /// `canonicalImageName` (IR-13).
        public var canonicalImageName: String?
        /// `lastScanResult` (IR-14).
        public var lastScanResult: ScanResult?
        /// `observedExclusionList` (IR-15).
        public var observedExclusionList: [String]?

        /// An empty status, as the CRD defaults it (`observedGeneration: -1`).
        public init() {
            observedGeneration = -1
            conditions = []
        }
    }

    /// `status.lastScanResult`.
    public struct ScanResult: Sendable, Hashable, Codable {
        /// A checksum of the stored tag set.
        public var revision: String
        /// How many tags were stored (after exclusion).
        public var tagCount: Int
        /// When the scan finished (RFC 3339).
        public var scanTime: String?
        /// The first ten stored tags in descending byte order.
        public var latestTags: [String]?

        /// Creates a scan result.
        public init(revision: String, tagCount: Int, scanTime: String?, latestTags: [String]?) {
            self.revision = revision
            self.tagCount = tagCount
            self.scanTime = scanTime
            self.latestTags = latestTags
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(revision, forKey: .revision)  // always serialised (IR-14)
            try container.encode(tagCount, forKey: .tagCount)
            try container.encodeIfPresent(scanTime, forKey: .scanTime)
            if let latestTags, !latestTags.isEmpty { try container.encode(latestTags, forKey: .latestTags) }
        }
    }

    /// What the CRD and the controller would refuse in this object, each naming the field.
    public func validationErrors() -> [SpecError] {
        var errors: [SpecError] = []
        if spec.image.isEmpty { errors.append(.required("spec.image")) }
        SpecChecks.duration(spec.interval, text: nil, field: "spec.interval", into: &errors)
        SpecChecks.duration(spec.timeout, text: nil, field: "spec.timeout", hours: false, into: &errors)
        SpecChecks.oneOf(spec.provider, ["generic", "aws", "azure", "gcp"], field: "spec.provider", into: &errors)
        SpecChecks.length(spec.serviceAccountName, atMost: 253, field: "spec.serviceAccountName", into: &errors)
        if let list = spec.exclusionList, list.count > 25 {
            errors.append(SpecError(field: "spec.exclusionList", value: "\(list.count) patterns", problem: "must have at most 25 items"))
        }
        for (index, pattern) in (spec.exclusionList ?? []).enumerated() {
            do {
                _ = try GoRegexp(pattern)
            } catch {
                errors.append(SpecError(field: "spec.exclusionList[\(index)]", value: pattern, problem: error.description))
            }
        }
        return errors
    }
}

extension ImageRepository {
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

extension ImageRepository.Status {
    private enum CodingKeys: String, CodingKey { case observedGeneration, conditions, lastHandledReconcileAt, canonicalImageName, lastScanResult, observedExclusionList }

    /// Decodes a status; missing conditions are none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
        lastHandledReconcileAt = try container.decodeIfPresent(String.self, forKey: .lastHandledReconcileAt)
        canonicalImageName = try container.decodeIfPresent(String.self, forKey: .canonicalImageName)
        lastScanResult = try container.decodeIfPresent(ImageRepository.ScanResult.self, forKey: .lastScanResult)
        observedExclusionList = try container.decodeIfPresent([String].self, forKey: .observedExclusionList)
    }

    /// Encodes the fields that are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
        try container.encodeIfPresent(lastHandledReconcileAt, forKey: .lastHandledReconcileAt)
        try container.encodeIfPresent(canonicalImageName, forKey: .canonicalImageName)
        try container.encodeIfPresent(lastScanResult, forKey: .lastScanResult)
        try container.encodeIfPresent(observedExclusionList, forKey: .observedExclusionList)
    }
}
