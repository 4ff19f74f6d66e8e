/// An object reference that may cross namespaces (`CrossNamespaceObjectReference`): an Alert's `eventSources[]`
/// and a Receiver's `resources[]`.
public struct EventSourceReference: Sendable, Hashable, Codable {
    /// `apiVersion` (optional).
    public var apiVersion: String
    /// `kind`, e.g. `ImagePolicy`.
    public var kind: String
    /// `name`, or `*` for every object of the kind.
    public var name: String
    /// `namespace`; empty means the namespace of the referring object.
    public var namespace: String
    /// `matchLabels`: used with `name: '*'` to select objects by label.
    public var matchLabels: [String: String]?

    /// The kinds the Alert CRD accepts in `eventSources[].kind`.
    public static let alertKinds = [
        "Bucket", "GitRepository", "Kustomization", "HelmRelease", "HelmChart", "HelmRepository", "ImageRepository", "ImagePolicy",
        "ImageUpdateAutomation", "OCIRepository", "ArtifactGenerator", "ExternalArtifact",
    ]

    /// Creates a reference.
    public init(apiVersion: String = "", kind: String, name: String, namespace: String = "", matchLabels: [String: String]? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.matchLabels = matchLabels
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, name, namespace, matchLabels }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? ""
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace) ?? ""
        matchLabels = try container.decodeIfPresent([String: String].self, forKey: .matchLabels)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !apiVersion.isEmpty { try container.encode(apiVersion, forKey: .apiVersion) }
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        if !namespace.isEmpty { try container.encode(namespace, forKey: .namespace) }
        try container.encodeIfPresent(matchLabels, forKey: .matchLabels)
    }
}
