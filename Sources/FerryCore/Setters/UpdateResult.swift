/// The identity of the YAML document a changed field belongs to: Flux's `ObjectIdentifier`
/// (kyaml's `ResourceIdentifier`). Any part may be empty, e.g. a Kustomization has no name.
///
/// Ordered field by field (apiVersion, kind, name, namespace), as Go's `fmtsort` orders the
/// struct when a template ranges over `.Changed.Objects`.
public struct ResourceIdentifier: Hashable, Sendable, Comparable, Codable {
    /// `apiVersion` of the document.
    public var apiVersion: String
    /// `kind` of the document.
    public var kind: String
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`.
    public var namespace: String

    /// Creates an identifier.
    public init(apiVersion: String = "", kind: String = "", name: String = "", namespace: String = "") {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.apiVersion, lhs.kind, lhs.name, lhs.namespace) < (rhs.apiVersion, rhs.kind, rhs.name, rhs.namespace)
    }
}

/// One field a setter changed: Flux's `update.Change`.
public struct SetterChange: Hashable, Sendable, Codable {
    /// The scalar's value before.
    public var oldValue: String
    /// The scalar's value after.
    public var newValue: String
    /// The setter that changed it, e.g. `flux-system:podinfo:tag`.
    public var setter: String

    /// Creates a change.
    public init(oldValue: String, newValue: String, setter: String) {
        self.oldValue = oldValue
        self.newValue = newValue
        self.setter = setter
    }
}

/// What applying the policies to a tree of manifests changed: Flux's `update.Result`.
///
/// Paths are relative to the update path, with `/` separators.
public struct UpdateResult: Hashable, Sendable {
    /// Per file, per document, the changes in the order they appear in the file.
    public var fileChanges: [String: [ResourceIdentifier: [SetterChange]]]

    /// Creates a result.
    public init(fileChanges: [String: [ResourceIdentifier: [SetterChange]]] = [:]) {
        self.fileChanges = fileChanges
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { fileChanges.values.allSatisfy { $0.values.allSatisfy(\.isEmpty) } }

    /// Flux's `Result.Objects()`: the changes per document, merged across files (in file
    /// path order), the change lists concatenated.
    public var objects: [ResourceIdentifier: [SetterChange]] {
        var merged: [ResourceIdentifier: [SetterChange]] = [:]
        for path in fileChanges.keys.sorted() {
            guard let objects = fileChanges[path] else { continue }
            for (object, changes) in objects { merged[object, default: []].append(contentsOf: changes) }
        }
        return merged
    }

    /// Flux's `Result.Changes()`: every change once, de-duplicated by value. Flux's order
    /// follows Go map iteration; Ferry's is deterministic: files in path order, documents in
    /// identifier order, changes in file order.
    public var changes: [SetterChange] {
        var seen = Set<SetterChange>()
        var ordered: [SetterChange] = []
        for path in fileChanges.keys.sorted() {
            guard let objects = fileChanges[path] else { continue }
            for object in objects.keys.sorted() {
                for change in objects[object] ?? [] where seen.insert(change).inserted { ordered.append(change) }
            }
        }
        return ordered
    }
}

/// An ImagePolicy's result as the setters use it: its `status.latestRef`.
public struct PolicyLatestRef: Hashable, Sendable, Codable {
    /// The policy's namespace.
    public var namespace: String
    /// The policy's name.
    public var name: String
    /// `latestRef.name`: the ImageRepository's `spec.image`, verbatim.
    public var image: String
    /// `latestRef.tag`.
    public var tag: String
    /// `latestRef.digest` (`sha256:…`), when the policy reflects digests.
    public var digest: String?

    /// Creates a policy result.
    public init(namespace: String, name: String, image: String, tag: String, digest: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.image = image
        self.tag = tag
        self.digest = digest
    }

    /// The full reference the `NS:NAME` setter writes: `image:tag`, plus `@digest` when there is one.
    public var reference: String {
        if let digest, !digest.isEmpty { return "\(image):\(tag)@\(digest)" }
        return "\(image):\(tag)"
    }

    /// The setter name prefix, `namespace:name`.
    public var setterName: String { "\(namespace):\(name)" }
}
