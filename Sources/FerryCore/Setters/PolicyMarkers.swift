/// Reads the fields `$imagepolicy` markers mark, without changing anything: which values a
/// policy's markers hold in a file, and which other policies a file has markers for. Used by
/// `ferry rollback` (to diff a commit) and `ferry explain policy` (to say why a file changes).
public enum PolicyMarkers {
    /// One marked field of a policy.
    public struct Field: Sendable, Hashable {
        /// The object the field is in.
        public var object: ResourceIdentifier
        /// The setter: `NS:NAME`, `NS:NAME:tag`, `NS:NAME:name` or `NS:NAME:digest`.
        public var setter: String
        /// The field's current value.
        public var value: String

        /// Creates a field.
        public init(object: ResourceIdentifier, setter: String, value: String) {
            self.object = object
            self.setter = setter
            self.value = value
        }

        /// The setter's field: `reference`, `tag`, `name` or `digest`.
        public var kind: String {
            let parts = setter.split(separator: ":")
            return parts.count == 3 ? String(parts[2]) : "reference"
        }
    }

    /// The values a policy's fields give: the image, the tag and the digest, each when some
    /// marker tells it.
    public struct Values: Sendable, Hashable, CustomStringConvertible {
        public var image: String?
        public var tag: String?
        public var digest: String?

        /// Creates values.
        public init(image: String? = nil, tag: String? = nil, digest: String? = nil) {
            self.image = image
            self.tag = tag
            self.digest = digest
        }

        /// Reads them from fields: `:tag`, `:name` and `:digest` markers, and full references (`image:tag@digest`).
        public init(_ fields: [Field]) {
            for field in fields {
                switch field.kind {
                case "tag": tag = tag ?? field.value
                case "name": image = image ?? field.value
                case "digest": digest = digest ?? (field.value.isEmpty ? nil : field.value)
                default:
                    let parts = Self.split(field.value)
                    image = image ?? parts.image
                    tag = tag ?? parts.tag
                    digest = digest ?? parts.digest
                }
            }
        }

        /// `image:tag@digest` with the parts known.
        public var description: String {
            var text = image ?? ""
            if let tag { text += (text.isEmpty ? "" : ":") + tag }
            if let digest { text += "@" + digest }
            return text
        }

        /// Splits a reference into image, tag and digest (a `:` after the last `/` starts the tag).
        static func split(_ reference: String) -> (image: String, tag: String?, digest: String?) {
            var rest = Substring(reference)
            var digest: String?
            if let at = rest.firstIndex(of: "@") {
                digest = String(rest[rest.index(after: at)...])
                rest = rest[..<at]
            }
            let slash = rest.lastIndex(of: "/") ?? rest.startIndex
            if let colon = rest[slash...].lastIndex(of: ":") {
                return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]), digest)
            }
            return (String(rest), nil, digest)
        }
    }

    /// A probe policy whose every value differs from any real one, so the rewriter reports each
    /// marked field's current value as a change's old value.
    static func probe(namespace: String, name: String) -> PolicyLatestRef {
        PolicyLatestRef(
            namespace: namespace, name: name, image: "ferry-probe.invalid/probe", tag: "ferry-probe-0",
            digest: "sha256:" + String(repeating: "0", count: 64))
    }

    /// The fields `policy` (`namespace`, `name`) marks in `file`, ordered by object, then file order.
    public static func fields(namespace: String, name: String, in file: ManifestFile) -> [Field] {
        guard let rewriter = try? SetterRewriter(policies: [probe(namespace: namespace, name: name)]) else {
            preconditionFailure("invariant: the probe reference is valid")
        }
        let result = rewriter.rewrite([file]).result
        var fields: [Field] = []
        for (_, objects) in result.fileChanges {
            for object in objects.keys.sorted() {
                for change in objects[object] ?? [] { fields.append(Field(object: object, setter: change.setter, value: change.oldValue)) }
            }
        }
        return fields
    }

    /// The other policies (`NS:NAME`) `file` has markers for, besides `namespace:name`.
    public static func otherPolicies(namespace: String, name: String, in file: ManifestFile) -> [String] {
        guard let rewriter = try? SetterRewriter(policies: [probe(namespace: namespace, name: name)]) else {
            preconditionFailure("invariant: the probe reference is valid")
        }
        var names: Set<String> = []
        for diagnostic in rewriter.rewrite([file]).diagnostics where diagnostic.code == .unknownPolicy {
            let prefix = "no policy \""
            guard diagnostic.message.hasPrefix(prefix) else { continue }
            let rest = diagnostic.message.dropFirst(prefix.count)
            guard let end = rest.firstIndex(of: "\"") else { continue }
            names.insert(String(rest[..<end]))
        }
        return names.sorted()
    }
}
