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

/// An object of one of the kinds Ferry reconciles: metadata, a typed spec and a typed status,
/// and the API type it is served as. ImageRepository, ImagePolicy and ImageUpdateAutomation
/// conform.
public protocol APIObject: Sendable, Hashable, Codable {
    /// The spec type.
    associatedtype Spec: Sendable, Hashable, Codable
    /// The status type.
    associatedtype Status: ConditionedStatus

    /// The API type (the version Ferry writes).
    static var resource: APIResourceKind { get }
    /// The object's metadata.
    var metadata: ObjectMeta { get set }
    /// The desired state.
    var spec: Spec { get set }
    /// The observed state.
    var status: Status { get set }
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

extension ImageRepository: APIObject {
    public static let resource = APIResourceKind(
        group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImageRepository", plural: "imagerepositories")
}

extension ImageRepository.Status: ConditionedStatus {}

extension ImagePolicy: APIObject {
    public static let resource = APIResourceKind(group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImagePolicy", plural: "imagepolicies")
}

extension ImagePolicy.Status: ConditionedStatus {}

extension GitRepository: APIObject {
    public static let resource = APIResourceKind(group: "source.toolkit.fluxcd.io", version: "v1", kind: "GitRepository", plural: "gitrepositories")
}

extension GitRepository.Status: ConditionedStatus {}

extension ImageUpdateAutomation: APIObject {
    public static let resource = APIResourceKind(
        group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImageUpdateAutomation", plural: "imageupdateautomations")
}

extension ImageUpdateAutomation.Status: ConditionedStatus {}

extension APIObject {
    /// A reference to this object, as an Event's `regarding` carries it.
    public var reference: ObjectReference {
        ObjectReference(
            kind: Self.resource.kind, namespace: metadata.namespace, name: metadata.name, uid: metadata.uid ?? "",
            apiVersion: Self.resource.apiVersion, resourceVersion: metadata.resourceVersion ?? "")
    }
}
