/// The `metadata` of a notification object (Alert, Provider, Receiver, Secret) as users write it.
public struct ObjectMetadata: Sendable, Hashable, Codable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`; empty means the default namespace of whoever reads the manifest.
    public var namespace: String
    /// `metadata.uid`; commit-status ids use its first segment.
    public var uid: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations`.
    public var annotations: [String: String]

    /// Creates metadata.
    public init(name: String, namespace: String = "", uid: String = "", labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.labels = labels
        self.annotations = annotations
    }

    private enum CodingKeys: String, CodingKey { case name, namespace, uid, labels, annotations }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace) ?? ""
        uid = try container.decodeIfPresent(String.self, forKey: .uid) ?? ""
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if !namespace.isEmpty { try container.encode(namespace, forKey: .namespace) }
        if !uid.isEmpty { try container.encode(uid, forKey: .uid) }
        if !labels.isEmpty { try container.encode(labels, forKey: .labels) }
        if !annotations.isEmpty { try container.encode(annotations, forKey: .annotations) }
    }

    /// `namespace/name`.
    public var qualifiedName: String { namespace.isEmpty ? name : namespace + "/" + name }
}

/// A reference by name to an object in the same namespace (`meta.LocalObjectReference`): `providerRef`,
/// `secretRef`, `certSecretRef`, `proxySecretRef`.
public struct NamedReference: Sendable, Hashable, Codable {
    /// `name`.
    public var name: String

    /// Creates a reference.
    public init(name: String) { self.name = name }
}
