/// The identity of an object: its kind, namespace and name.
public struct ObjectID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The kind, e.g. `ImagePolicy`.
    public var kind: String
    /// The namespace.
    public var namespace: String
    /// The name.
    public var name: String

    /// A key for `kind` `namespace/name`.
    public init(kind: String, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Kind/namespace/name`, the form Flux uses in messages.
    public var description: String { "\(kind)/\(namespace)/\(name)" }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
    }
}

/// A reference's namespace, or the referring object's own when it is missing or empty.
func resolvedNamespace(_ namespace: String?, default own: String) -> String {
    guard let namespace, !namespace.isEmpty else { return own }
    return namespace
}
