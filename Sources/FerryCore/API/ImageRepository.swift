/// An `image.toolkit.fluxcd.io/v1` ImageRepository (flux-spec §1).
public struct ImageRepository: APIObject {
    public static let resource = APIResourceKind(
        group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImageRepository", plural: "imagerepositories")

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status

    public init(metadata: ObjectMeta, spec: Spec, status: Status = Status()) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec` (IR-01…IR-12).
    public struct Spec: Sendable, Hashable, Codable {
        /// `image`: the repository address without scheme, tag or digest.
        public var image: String
        /// `interval`: Go duration text, e.g. `5m0s`.
        public var interval: String
        /// `timeout`: Go duration text; the interval when nil.
        public var timeout: String?
        /// `secretRef`: a Docker config Secret.
        public var secretRef: LocalObjectReference?
        /// `serviceAccountName`.
        public var serviceAccountName: String?
        /// `certSecretRef`: a TLS Secret.
        public var certSecretRef: LocalObjectReference?
        /// `proxySecretRef`: a proxy Secret.
        public var proxySecretRef: LocalObjectReference?
        /// `suspend`.
        public var suspend: Bool?
        /// `accessFrom`: which namespaces' policies may use this repository.
        public var accessFrom: AccessFrom?
        /// `exclusionList`: Go regular expressions of tags to drop (CRD default `["^.*\\.sig$"]`).
        public var exclusionList: [String]?
        /// `provider`: `generic`, `aws`, `azure` or `gcp` (CRD default `generic`).
        public var provider: String?
        /// `insecure`: allow plain HTTP.
        public var insecure: Bool?

        /// Creates a spec.
        public init(image: String, interval: String) {
            self.image = image
            self.interval = interval
        }
    }

    /// `status` (IR-13…IR-16).
    public struct Status: ConditionedStatus {
        public var observedGeneration: Int64?
        public var lastHandledReconcileAt: String?
        public var conditions: [Condition]
        /// `canonicalImageName`.
        public var canonicalImageName: String?
        /// `lastScanResult`.
        public var lastScanResult: ScanResult?
        /// `observedExclusionList`.
        public var observedExclusionList: [String]?

        public init() {
            conditions = []
        }

        private enum CodingKeys: String, CodingKey {
            case observedGeneration, lastHandledReconcileAt, conditions, canonicalImageName, lastScanResult, observedExclusionList
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
            lastHandledReconcileAt = try container.decodeIfPresent(String.self, forKey: .lastHandledReconcileAt)
            conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
            canonicalImageName = try container.decodeIfPresent(String.self, forKey: .canonicalImageName)
            lastScanResult = try container.decodeIfPresent(ScanResult.self, forKey: .lastScanResult)
            observedExclusionList = try container.decodeIfPresent([String].self, forKey: .observedExclusionList)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
            try container.encodeIfPresent(lastHandledReconcileAt, forKey: .lastHandledReconcileAt)
            if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
            try container.encodeIfPresent(canonicalImageName, forKey: .canonicalImageName)
            try container.encodeIfPresent(lastScanResult, forKey: .lastScanResult)
            try container.encodeIfPresent(observedExclusionList, forKey: .observedExclusionList)
        }
    }

    /// `status.lastScanResult` (IR-14).
    public struct ScanResult: Sendable, Hashable, Codable {
        /// `revision`: the checksum of the stored tag set (always serialised).
        public var revision: String
        /// `tagCount`: tags after exclusion.
        public var tagCount: Int
        /// `scanTime`.
        public var scanTime: APITime?
        /// `latestTags`: the first ten tags in descending byte order.
        public var latestTags: [String]?

        /// Creates a scan result.
        public init(revision: String, tagCount: Int, scanTime: APITime?, latestTags: [String]? = nil) {
            self.revision = revision
            self.tagCount = tagCount
            self.scanTime = scanTime
            self.latestTags = latestTags
        }

        private enum CodingKeys: String, CodingKey { case revision, tagCount, scanTime, latestTags }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            revision = try container.decodeIfPresent(String.self, forKey: .revision) ?? ""
            tagCount = try container.decodeIfPresent(Int.self, forKey: .tagCount) ?? 0
            scanTime = try container.decodeIfPresent(APITime.self, forKey: .scanTime)
            latestTags = try container.decodeIfPresent([String].self, forKey: .latestTags)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(revision, forKey: .revision)
            try container.encode(tagCount, forKey: .tagCount)
            try container.encodeIfPresent(scanTime, forKey: .scanTime)
            if let latestTags, !latestTags.isEmpty { try container.encode(latestTags, forKey: .latestTags) }
        }
    }

    /// `spec.accessFrom` (IR-09).
    public struct AccessFrom: Sendable, Hashable, Codable {
        /// `namespaceSelectors`: ORed.
        public var namespaceSelectors: [NamespaceSelector]

        /// Creates an access list.
        public init(namespaceSelectors: [NamespaceSelector]) {
            self.namespaceSelectors = namespaceSelectors
        }
    }

    /// One entry of `spec.accessFrom.namespaceSelectors`.
    public struct NamespaceSelector: Sendable, Hashable, Codable {
        /// `matchLabels`; empty matches every namespace.
        public var matchLabels: [String: String]?

        /// Creates a selector.
        public init(matchLabels: [String: String]? = nil) {
            self.matchLabels = matchLabels
        }
    }
}
