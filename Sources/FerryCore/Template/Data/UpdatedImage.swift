/// One image an update moved to a new reference, as `.Updated.Images` lists it.
public struct UpdatedImage: Sendable, Hashable {
    /// The policy that selected it.
    public var policyNamespace: String
    /// The policy's name.
    public var policyName: String
    /// The image name as the policy's ImageRepository spells it (`latestRef.name`), e.g. `ghcr.io/org/app`.
    public var imageName: String
    /// The tag before the update, when a setter recorded it (`""` otherwise).
    public var oldTag: String
    /// The tag after the update.
    public var newTag: String
    /// The digest after the update, if the policy reflects digests.
    public var digest: String?

    /// Creates an updated image.
    public init(policyNamespace: String, policyName: String, imageName: String, oldTag: String, newTag: String, digest: String? = nil) {
        self.policyNamespace = policyNamespace
        self.policyName = policyName
        self.imageName = imageName
        self.oldTag = oldTag
        self.newTag = newTag
        self.digest = digest
    }

    /// The full new reference, `image:tag[@digest]`; the item prints as this.
    public var reference: String {
        if let digest, !digest.isEmpty { return "\(imageName):\(newTag)@\(digest)" }
        return "\(imageName):\(newTag)"
    }
}

extension CommitTemplateData {
    /// The images the update moved, one per policy whose setters changed a field, sorted by
    /// reference. A policy's old tag comes from its `:tag` setter's old value, or the tag of
    /// its full-reference setter's old value. Without the policy's latest reference, a
    /// full-reference change alone still gives an image.
    public var updatedImages: [UpdatedImage] {
        var byPolicy: [String: [SetterChange]] = [:]
        for change in result.changes {
            let parts = change.setter.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2 else { continue }
            byPolicy["\(parts[0]):\(parts[1])", default: []].append(change)
        }
        var images: [UpdatedImage] = []
        for (key, changes) in byPolicy {
            let parts = key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let full = changes.first { $0.setter == key }
            let tagChange = changes.first { $0.setter == key + ":tag" }
            let oldTag = tagChange?.oldValue ?? full.map { Self.tag(of: $0.oldValue) } ?? ""
            if let policy = policies.first(where: { $0.setterName == key }) {
                images.append(UpdatedImage(
                    policyNamespace: policy.namespace, policyName: policy.name, imageName: policy.image, oldTag: oldTag,
                    newTag: policy.tag, digest: policy.digest))
            } else if let full {
                let (image, tag, digest) = Self.split(full.newValue)
                images.append(UpdatedImage(policyNamespace: parts[0], policyName: parts[1], imageName: image, oldTag: oldTag, newTag: tag, digest: digest))
            }
        }
        return images.sorted { ($0.reference, $0.policyNamespace, $0.policyName) < ($1.reference, $1.policyNamespace, $1.policyName) }
    }

    /// `image:tag@digest` split into its parts (the tag is after the last `:` that follows the last `/`).
    static func split(_ reference: String) -> (image: String, tag: String, digest: String?) {
        var rest = Substring(reference)
        var digest: String?
        if let at = rest.lastIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let slash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[slash...].lastIndex(of: ":") {
            return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]), digest)
        }
        return (String(rest), "", digest)
    }

    static func tag(of reference: String) -> String { split(reference).tag }
}
