/// The object an event is about: a Kubernetes `corev1.ObjectReference` as Flux's event payload carries it.
public struct ObjectReference: Sendable, Hashable, Codable {
    /// `kind`, e.g. `ImagePolicy`.
    public var kind: String
    /// `namespace`.
    public var namespace: String
    /// `name`.
    public var name: String
    /// `uid`; PagerDuty uses it as the dedup key.
    public var uid: String
    /// `apiVersion`, e.g. `image.toolkit.fluxcd.io/v1`; its group prefixes the controller's metadata keys.
    public var apiVersion: String
    /// `resourceVersion`.
    public var resourceVersion: String

    /// Creates a reference.
    public init(kind: String, namespace: String, name: String, uid: String = "", apiVersion: String = "", resourceVersion: String = "") {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
    }

    /// The API group of ``apiVersion`` (`image.toolkit.fluxcd.io` for `image.toolkit.fluxcd.io/v1`, empty for `v1`).
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    private enum CodingKeys: String, CodingKey { case kind, namespace, name, uid, apiVersion, resourceVersion }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        uid = try container.decodeIfPresent(String.self, forKey: .uid) ?? ""
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? ""
        resourceVersion = try container.decodeIfPresent(String.self, forKey: .resourceVersion) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in [(CodingKeys.kind, kind), (.namespace, namespace), (.name, name), (.uid, uid), (.apiVersion, apiVersion),
                             (.resourceVersion, resourceVersion)] where !value.isEmpty {
            try container.encode(value, forKey: key)
        }
    }

    /// The reference as Go serialises `corev1.ObjectReference` (every field `omitempty`, declaration order).
    public var json: GoJSON {
        var members: [GoJSON.Member] = []
        for (key, value) in [("kind", kind), ("namespace", namespace), ("name", name), ("uid", uid), ("apiVersion", apiVersion),
                             ("resourceVersion", resourceVersion)] where !value.isEmpty {
            members.append(GoJSON.Member(key, .string(value)))
        }
        return .object(members)
    }
}
