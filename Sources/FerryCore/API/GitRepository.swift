/// A `source.toolkit.fluxcd.io/v1` GitRepository, as much of it as image automation reads:
/// where the repository is, which ref to check out and how to authenticate (UA-03, UA-30).
public struct GitRepository: Sendable, Hashable, Codable {
    /// The API versions Ferry reads.
    public static let apiVersions = ["source.toolkit.fluxcd.io/v1", "source.toolkit.fluxcd.io/v1beta2"]
    /// The kind.
    public static let kind = "GitRepository"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: Spec
    /// `status`, as far as Ferry reads it (the source-controller writes the rest).
    public var status: Status

    /// Creates a GitRepository.
    public init(metadata: ObjectMeta, spec: Spec, status: Status = Status(), apiVersion: String = GitRepository.apiVersions[0]) {
        self.apiVersion = apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `status`: the common fields.
    public struct Status: Sendable, Hashable, Codable {
        public var observedGeneration: Int64?
        public var conditions: [Condition]
        public var lastHandledReconcileAt: String?

        /// An empty status.
        public init() {
            observedGeneration = -1
            conditions = []
        }

        private enum CodingKeys: String, CodingKey { case observedGeneration, conditions, lastHandledReconcileAt }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
            conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
            lastHandledReconcileAt = try container.decodeIfPresent(String.self, forKey: .lastHandledReconcileAt)
        }
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes the object; a missing `status` is the empty one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersions[0]
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        spec = try container.decode(Spec.self, forKey: .spec)
        status = try container.decodeIfPresent(Status.self, forKey: .status) ?? Status()
    }

    /// `spec`.
    public struct Spec: Sendable, Hashable, Codable {
        /// `url`: `https://`, `http://`, `ssh://` (or scp-like), or `file://` in tests.
        public var url: String
        /// `ref`: what to check out.
        public var ref: Reference?
        /// `secretRef`: username/password, bearerToken, identity + known_hosts, ca.crt, client certs.
        public var secretRef: LocalObjectReference?
        /// `proxySecretRef`.
        public var proxySecretRef: LocalObjectReference?
        /// `interval`.
        public var interval: GoDuration?
        /// `timeout`: 60s by default.
        public var timeout: GoDuration?
        /// `provider`: `generic`, `azure`, `github`.
        public var provider: String?
        /// `suspend`.
        public var suspend: Bool?

        /// Creates a spec.
        public init(url: String, ref: Reference? = nil, secretRef: LocalObjectReference? = nil, interval: GoDuration? = nil, timeout: GoDuration? = nil) {
            self.url = url
            self.ref = ref
            self.secretRef = secretRef
            self.interval = interval
            self.timeout = timeout
        }

        /// The timeout in effect: 60 seconds unless set.
        public var effectiveTimeout: GoDuration { timeout ?? .seconds(60) }
    }

    /// `spec.ref`, and `ImageUpdateAutomation.spec.git.checkout.ref`.
    public struct Reference: Sendable, Hashable, Codable {
        public var branch: String?
        public var tag: String?
        public var semver: String?
        /// A full ref such as `refs/heads/x`, `refs/tags/v1`, `refs/pull/1/head`.
        public var name: String?
        public var commit: String?

        /// Creates a reference.
        public init(branch: String? = nil, tag: String? = nil, semver: String? = nil, name: String? = nil, commit: String? = nil) {
            self.branch = branch
            self.tag = tag
            self.semver = semver
            self.name = name
            self.commit = commit
        }
    }

    /// What the CRD would refuse in this object, each naming the field.
    public func validationErrors() -> [SpecError] {
        var errors: [SpecError] = []
        let url = spec.url
        let schemes = ["http://", "https://", "ssh://", "file://"]
        let scpLike = !url.contains("://") && url.contains(":") && url.contains("@")
        if url.isEmpty {
            errors.append(.required("spec.url"))
        } else if !schemes.contains(where: url.hasPrefix) && !scpLike {
            errors.append(SpecError(field: "spec.url", value: url, problem: "must start with http://, https://, ssh:// or file://"))
        }
        SpecChecks.duration(spec.timeout, text: nil, field: "spec.timeout", into: &errors)
        SpecChecks.oneOf(spec.provider, ["generic", "azure", "github"], field: "spec.provider", into: &errors)
        return errors
    }
}

/// A core/v1 Secret, as Ferry reads it from a folder or the cluster: its `data` (base64) and
/// `stringData` merged into bytes.
public struct Secret: Sendable, Hashable, Codable {
    /// The kind.
    public static let kind = "Secret"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    /// `type`, e.g. `kubernetes.io/dockerconfigjson`.
    public var type: String?
    /// `data`: base64 values.
    public var data: [String: String]?
    /// `stringData`: plain values, which win over `data`.
    public var stringData: [String: String]?

    /// Creates a Secret.
    public init(metadata: ObjectMeta, type: String? = nil, data: [String: String]? = nil, stringData: [String: String]? = nil) {
        self.apiVersion = "v1"
        self.kind = Self.kind
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
    }

    /// Every key's value as bytes: `data` decoded from base64, then `stringData` on top.
    ///
    /// - Throws: ``SpecError`` naming the key whose `data` value is not base64.
    public func values() throws(SpecError) -> [String: [UInt8]] {
        var values: [String: [UInt8]] = [:]
        for (key, encoded) in data ?? [:] {
            guard let decoded = Base64.decode(encoded) else {
                throw SpecError(field: "data.\(key)", value: "(hidden)", problem: "is not valid base64")
            }
            values[key] = decoded
        }
        for (key, value) in stringData ?? [:] { values[key] = Array(value.utf8) }
        return values
    }
}

/// Standard base64 (RFC 4648) with padding, as Kubernetes stores Secret data.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(value >> 6 & 63)])
            output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(value & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base64, ignoring whitespace and newlines; `nil` when it is not valid.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "/"): values.append(63)
            case UInt8(ascii: "="): padding += 1; continue
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: return nil
            }
            if padding > 0 { return nil }  // data after padding
        }
        guard (values.count + padding) % 4 == 0 || padding == 0, padding <= 2, values.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 1 < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var accumulator: UInt32 = 0
            for value in chunk { accumulator = accumulator << 6 | UInt32(value) }
            accumulator <<= UInt32(6 * (4 - chunk.count))
            output.append(UInt8(accumulator >> 16 & 0xFF))
            if chunk.count > 2 { output.append(UInt8(accumulator >> 8 & 0xFF)) }
            if chunk.count > 3 { output.append(UInt8(accumulator & 0xFF)) }
            index += 4
        }
        return output
    }
}
