public import FerryCore

/// A `coordination.k8s.io/v1` Lease.
public struct Lease: Sendable, Hashable, Codable {
    /// `metadata`.
    public var metadata: ObjectMeta
    /// `spec`.
    public var spec: Spec

    /// Creates a Lease.
    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        spec = try container.decodeIfPresent(Spec.self, forKey: .spec) ?? Spec()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("coordination.k8s.io/v1", forKey: .apiVersion)
        try container.encode("Lease", forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(spec, forKey: .spec)
    }

    /// `spec`. The times are MicroTime: exactly six fractional digits on the wire.
    public struct Spec: Sendable, Hashable, Codable {
        /// `holderIdentity`; nil when released.
        public var holderIdentity: String?
        /// `leaseDurationSeconds`.
        public var leaseDurationSeconds: Int?
        /// `acquireTime`.
        public var acquireTime: Timestamp?
        /// `renewTime`.
        public var renewTime: Timestamp?
        /// `leaseTransitions`.
        public var leaseTransitions: Int?

        /// Creates a spec.
        public init(
            holderIdentity: String? = nil, leaseDurationSeconds: Int? = nil, acquireTime: Timestamp? = nil, renewTime: Timestamp? = nil,
            leaseTransitions: Int? = nil
        ) {
            self.holderIdentity = holderIdentity
            self.leaseDurationSeconds = leaseDurationSeconds
            self.acquireTime = acquireTime
            self.renewTime = renewTime
            self.leaseTransitions = leaseTransitions
        }

        private enum CodingKeys: String, CodingKey { case holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(holderIdentity, forKey: .holderIdentity)
            try container.encodeIfPresent(leaseDurationSeconds, forKey: .leaseDurationSeconds)
            try container.encodeIfPresent(acquireTime?.rfc3339Micro, forKey: .acquireTime)
            try container.encodeIfPresent(renewTime?.rfc3339Micro, forKey: .renewTime)
            try container.encodeIfPresent(leaseTransitions, forKey: .leaseTransitions)
        }
    }
}
