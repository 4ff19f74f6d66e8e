import FerryCore
import Yams

/// The typed kinds a folder source delivers through ``FolderObjectSource/changes(of:)``: the
/// versions it reads, the defaults their CRDs apply, the checks they make, and `spec.suspend`.
protocol FolderKind: APIObject {
    /// The API group of the kind.
    static var group: String { get }
    /// The `apiVersion`s read, e.g. `image.toolkit.fluxcd.io/v1` and `…/v1beta2`.
    static var readVersions: [String] { get }
    /// The CRD's defaults: a path of mapping keys under the object and the value set when the
    /// path holds nothing (as the API server applies them on admission).
    static var defaults: [(path: [String], value: Node)] { get }
    /// `spec.suspend`, false when absent.
    var suspended: Bool { get set }
    /// What the CRD (or the controller's validation) refuses.
    func specErrors() -> [SpecError]
}

extension FolderKind {
    /// `Kind/namespace/name`.
    var id: ObjectID { ObjectID(kind: Self.resource.kind, namespace: metadata.namespace, name: metadata.name) }
}

/// Nodes for defaults.
private enum DefaultValue {
    static func string(_ text: String) -> Node { Node(text, Tag(.str), .plain) }
    static func strings(_ items: [String]) -> Node { Node(items.map(string)) }
    static func mapping(_ members: [(String, Node)]) -> Node { Node(members.map { (string($0.0), $0.1) }) }
}

extension ImageRepository: FolderKind {
    static var group: String { "image.toolkit.fluxcd.io" }
    static var readVersions: [String] { apiVersions }
    static var defaults: [(path: [String], value: Node)] {
        [
            (["spec", "exclusionList"], DefaultValue.strings(ExclusionList.defaultPatterns)),
            (["spec", "provider"], DefaultValue.string("generic")),
        ]
    }
    var suspended: Bool {
        get { spec.suspend ?? false }
        set { spec.suspend = newValue ? true : nil }
    }
    func specErrors() -> [SpecError] { validationErrors() }
}

extension ImagePolicy: FolderKind {
    static var group: String { "image.toolkit.fluxcd.io" }
    static var readVersions: [String] { apiVersions }
    static var defaults: [(path: [String], value: Node)] {
        [
            (["spec", "digestReflectionPolicy"], DefaultValue.string("Never")),
            (["spec", "policy", "alphabetical", "order"], DefaultValue.string("asc")),
            (["spec", "policy", "numerical", "order"], DefaultValue.string("asc")),
        ]
    }
    var suspended: Bool {
        get { spec.suspend ?? false }
        set { spec.suspend = newValue ? true : nil }
    }
    func specErrors() -> [SpecError] { validationErrors() }
}

extension ImageUpdateAutomation: FolderKind {
    static var group: String { "image.toolkit.fluxcd.io" }
    static var readVersions: [String] { apiVersions }
    static var defaults: [(path: [String], value: Node)] {
        [
            (["spec", "sourceRef", "kind"], DefaultValue.string("GitRepository")),
            (["spec", "update"], DefaultValue.mapping([("strategy", DefaultValue.string("Setters"))])),
        ]
    }
    var suspended: Bool {
        get { spec.suspend ?? false }
        set { spec.suspend = newValue ? true : nil }
    }
    func specErrors() -> [SpecError] { validationErrors() }
}

extension GitRepository: FolderKind {
    static var group: String { "source.toolkit.fluxcd.io" }
    static var readVersions: [String] { apiVersions }
    static var defaults: [(path: [String], value: Node)] {
        [(["spec", "timeout"], DefaultValue.string("60s")), (["spec", "provider"], DefaultValue.string("generic"))]
    }
    var suspended: Bool {
        get { spec.suspend ?? false }
        set { spec.suspend = newValue ? true : nil }
    }
    func specErrors() -> [SpecError] { validationErrors() }
}
