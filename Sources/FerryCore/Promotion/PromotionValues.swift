/// What another environment's files currently run: the values of their `$imagepolicy`-marked fields, per policy, read
/// without changing anything. Promotion writes these values, instead of the policies' latest images, into the target
/// environment's files.
///
/// ```swift
/// let staging = PromotionValues.read(files)           // the files under ./clusters/staging
/// let plan = staging.promote(policies)                // the automation's policies
/// plan.policies    // [PolicyLatestRef(name: "app", image: "ghcr.io/org/app", tag: "1.4.0")]: what staging runs
/// ```
///
/// A marker `NS:NAME` gives image and tag (and digest, after `@`); `NS:NAME:name`, `NS:NAME:tag` and `NS:NAME:digest`
/// give one part each.
public struct PromotionValues: Sendable, Hashable {
    /// One marked value.
    public struct Occurrence: Sendable, Hashable {
        /// The file, relative to the folder read.
        public var path: String
        /// 1-based line.
        public var line: Int
        /// The value as the file has it.
        public var value: String
    }

    /// The parts of one policy's image that the files give.
    public struct Parts: Sendable, Hashable {
        /// The image name (without tag or digest).
        public var image: String?
        /// The tag.
        public var tag: String?
        /// The digest.
        public var digest: String?
    }

    /// Every marked value, by setter name (`flux-system:app`, `flux-system:app:tag`).
    public private(set) var occurrences: [String: [Occurrence]] = [:]

    /// Nothing read.
    public init() {}

    /// Reads the marked values of `files`. Files that are not YAML, and documents that are not mappings, are skipped
    /// (as the setters skip them).
    public static func read(_ files: [ManifestFile]) -> PromotionValues {
        var values = PromotionValues()
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let stream = try? YAMLStream(parsing: file.bytes) else { continue }
            for document in stream.documents where document.root == .mapping {
                for value in document.values {
                    let effective = value.lineComments.isEmpty ? value.headComments : value.lineComments
                    guard let text = stream.commentText(effective) else { continue }
                    let setter: String
                    switch MarkerComment.read(text) {
                    case .marker(let name), .markerWithoutDollar(let name): setter = name
                    case .notAMarker, .malformed: continue
                    }
                    let token = stream.tokens[value.token]
                    values.occurrences[setter, default: []].append(
                        Occurrence(path: file.path, line: token.start.line + 1, value: stream.string(of: token)))
                }
            }
        }
        return values
    }

    /// The parts the files give for policy `namespace:name`, or an error when two places disagree.
    public func parts(namespace: String, name: String) -> Result<Parts, PromotionConflict> {
        let policy = "\(namespace):\(name)"
        var parts = Parts()
        func single(_ setter: String) -> Result<String?, PromotionConflict> {
            let found = occurrences[setter] ?? []
            let distinct = Set(found.map(\.value))
            guard distinct.count <= 1 else { return .failure(PromotionConflict(setter: setter, occurrences: found)) }
            return .success(found.first?.value)
        }
        switch single(policy) {
        case .failure(let conflict): return .failure(conflict)
        case .success(let full):
            if let full {
                let split = Self.split(full)
                parts = Parts(image: split.image, tag: split.tag, digest: split.digest)
            }
        }
        for (suffix, keyPath) in [("name", \Parts.image), ("tag", \Parts.tag), ("digest", \Parts.digest)] {
            switch single(policy + ":" + suffix) {
            case .failure(let conflict): return .failure(conflict)
            case .success(let value):
                guard let value else { continue }
                if let earlier = parts[keyPath: keyPath], earlier != value {
                    return .failure(PromotionConflict(setter: policy, occurrences: (occurrences[policy] ?? []) + (occurrences[policy + ":" + suffix] ?? [])))
                }
                parts[keyPath: keyPath] = value
            }
        }
        return .success(parts)
    }

    /// What to write for each of `policies`: the image and tag (and digest) the files run, with the policy's own image
    /// name where the files give only a tag. Policies the files do not mark, or mark with no tag, are left out.
    public func promote(_ policies: [PolicyLatestRef]) -> PromotionPlan {
        var plan = PromotionPlan()
        for policy in policies {
            switch parts(namespace: policy.namespace, name: policy.name) {
            case .failure(let conflict):
                plan.conflicts.append(conflict)
            case .success(let parts):
                guard let tag = parts.tag, !tag.isEmpty else {
                    plan.notFound.append(policy.setterName)
                    continue
                }
                plan.policies.append(
                    PolicyLatestRef(namespace: policy.namespace, name: policy.name, image: parts.image ?? policy.image, tag: tag, digest: parts.digest))
            }
        }
        return plan
    }

    /// `registry:5000/org/app:1.2@sha256:…` → image, tag, digest. The tag is after the last `:` of the last path segment.
    static func split(_ reference: String) -> (image: String, tag: String?, digest: String?) {
        var rest = Substring(reference)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]), digest)
        }
        return (String(rest), nil, digest)
    }
}

/// What promotion writes.
public struct PromotionPlan: Sendable, Hashable {
    /// The policies with the source environment's values.
    public var policies: [PolicyLatestRef] = []
    /// Setter names of policies the source files do not mark with a tag (nothing is promoted for them).
    public var notFound: [String] = []
    /// Policies whose source values disagree (nothing is promoted for them).
    public var conflicts: [PromotionConflict] = []

    /// An empty plan.
    public init() {}
}

/// Two marked fields of the source environment that give one policy different values.
public struct PromotionConflict: Error, Sendable, Hashable, CustomStringConvertible {
    /// The setter name.
    public var setter: String
    /// Where it is marked.
    public var occurrences: [PromotionValues.Occurrence]

    public var description: String {
        let places = occurrences.map { "\"\($0.value)\" (\($0.path):\($0.line))" }.joined(separator: ", ")
        return "the promotion source runs more than one value for \(setter): \(places); make them agree before promoting"
    }
}
