/// Group, version, kind and resource of an API type, e.g. `image.toolkit.fluxcd.io/v1`,
/// `ImagePolicy`, `imagepolicies`.
public struct APIResourceKind: Sendable, Hashable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    /// The version, e.g. `v1`.
    public var version: String
    /// The kind, e.g. `ImagePolicy`.
    public var kind: String
    /// The lower-case plural resource name used in paths, e.g. `imagepolicies`.
    public var plural: String
    /// Whether objects live in a namespace.
    public var namespaced: Bool

    /// Creates a description of an API type.
    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool = true) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    /// `group/version`, or `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `plural.group`, as the API server names a resource in its messages.
    public var qualifiedResource: String { group.isEmpty ? plural : "\(plural).\(group)" }

    public var description: String { "\(kind) (\(apiVersion))" }
}

/// An object of one of the kinds Ferry reconciles: metadata, a typed spec and a typed status.
///
/// Encoded and decoded as the API serves it: `apiVersion`, `kind`, `metadata`, `spec`,
/// `status`. The kinds are values: changing one changes nothing until it is written back
/// through an ``ObjectStatusSink``.
public protocol APIObject: Sendable, Hashable, Codable {
    /// The spec type.
    associatedtype Spec: Sendable, Hashable, Codable
    /// The status type.
    associatedtype Status: Sendable, Hashable, Codable, ConditionedStatus

    /// The API type.
    static var resource: APIResourceKind { get }
    /// The object's metadata.
    var metadata: ObjectMeta { get set }
    /// The desired state.
    var spec: Spec { get set }
    /// The observed state.
    var status: Status { get set }

    /// Creates an object from its parts.
    init(metadata: ObjectMeta, spec: Spec, status: Status)
}

/// A status with Flux's common fields (flux-spec C-04, C-05).
public protocol ConditionedStatus: Sendable, Hashable, Codable {
    /// `observedGeneration`: -1 until the object has been reconciled (the CRD default).
    var observedGeneration: Int64? { get set }
    /// `lastHandledReconcileAt`: the last `reconcile.fluxcd.io/requestedAt` value handled.
    var lastHandledReconcileAt: String? { get set }
    /// `conditions`.
    var conditions: [Condition] { get set }
    /// The status of an object nothing has reconciled yet.
    init()
}

/// The JSON keys of an object.
public enum APIObjectCodingKeys: String, CodingKey {
    /// `apiVersion`.
    case apiVersion
    /// `kind`.
    case kind
    /// `metadata`.
    case metadata
    /// `spec`.
    case spec
    /// `status`.
    case status
}

extension APIObject {
    /// A reference to this object, as an Event's `regarding` carries it.
    public var reference: ObjectReference {
        ObjectReference(
            apiVersion: Self.resource.apiVersion, kind: Self.resource.kind, name: metadata.name, namespace: metadata.namespace,
            uid: metadata.uid, resourceVersion: metadata.resourceVersion)
    }

    /// Decodes `apiVersion`, `kind`, `metadata`, `spec` and `status`; a missing status is
    /// the empty one, a kind other than this type's is an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: APIObjectCodingKeys.self)
        if let kind = try container.decodeIfPresent(String.self, forKey: .kind), kind != Self.resource.kind {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "expected kind \(Self.resource.kind), found \(kind)")
        }
        let metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        let spec = try container.decode(Spec.self, forKey: .spec)
        let status = try container.decodeIfPresent(Status.self, forKey: .status) ?? Status()
        self.init(metadata: metadata, spec: spec, status: status)
    }

    /// Encodes `apiVersion`, `kind`, `metadata`, `spec` and `status`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: APIObjectCodingKeys.self)
        try container.encode(Self.resource.apiVersion, forKey: .apiVersion)
        try container.encode(Self.resource.kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(spec, forKey: .spec)
        try container.encode(status, forKey: .status)
    }
}

/// A reference to an object: an Event's `regarding`, a core `ObjectReference`.
public struct ObjectReference: Sendable, Hashable, Codable {
    /// `apiVersion`.
    public var apiVersion: String
    /// `kind`.
    public var kind: String
    /// `name`.
    public var name: String
    /// `namespace`.
    public var namespace: String
    /// `uid`.
    public var uid: String?
    /// `resourceVersion`.
    public var resourceVersion: String?

    /// Creates a reference.
    public init(apiVersion: String, kind: String, name: String, namespace: String, uid: String? = nil, resourceVersion: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}

/// `{name}`: a reference to an object in the same namespace (`secretRef`, `certSecretRef`, …).
public struct LocalObjectReference: Sendable, Hashable, Codable {
    /// `name`.
    public var name: String

    /// Creates a reference.
    public init(name: String) {
        self.name = name
    }
}
