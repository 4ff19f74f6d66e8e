/// Applies ImagePolicy results to `$imagepolicy` markers in manifests held in memory, as Flux's `Setters` update
/// strategy does, but changing only the marked scalars, byte for byte.
///
/// For each policy `NS:NAME` four setters exist (Flux's `UpdateWithSetters`):
///
/// | marker                                   | new value                               |
/// | ---------------------------------------- | --------------------------------------- |
/// | `# {"$imagepolicy": "NS:NAME"}`          | `image:tag`, plus `@digest` if any      |
/// | `# {"$imagepolicy": "NS:NAME:tag"}`      | the tag                                 |
/// | `# {"$imagepolicy": "NS:NAME:name"}`     | the image, as the ImageRepository has it |
/// | `# {"$imagepolicy": "NS:NAME:digest"}`   | the digest, or empty when there is none |
///
/// A marker is the line comment of a scalar value, or (when the value has no line comment) its head comment, for
/// example a comment line above a sequence item. Everything else in a file stays as it was: indentation, quoting
/// (unless the new value needs quotes), comments, line endings, document separators.
///
/// ```swift
/// let rewriter = try SetterRewriter(policies: [PolicyLatestRef(namespace: "flux-system", name: "app", image: "ghcr.io/org/app", tag: "1.2.0")])
/// let result = rewriter.rewrite([ManifestFile(path: "deploy.yaml", bytes: Array(yaml.utf8))])
/// result.changedFiles   // deploy.yaml with the new tag
/// result.result         // per file, per object: the changes
/// ```
public struct SetterRewriter: Sendable {
    /// What a setter writes.
    enum Field: Sendable {
        case reference
        case tag
        case name
        case digest
    }

    struct Setter: Sendable {
        var policy: PolicyLatestRef
        var field: Field

        var value: String {
            switch field {
            case .reference: policy.reference
            case .tag: policy.tag
            case .name: policy.image
            case .digest: policy.digest ?? ""
            }
        }
    }

    let setters: [String: Setter]
    let policyNames: Set<String>

    /// Registers the setters of every policy, checking each full reference as Flux does (go-containerregistry's
    /// weak validation). A later policy with the same `namespace:name` replaces an earlier one.
    ///
    /// - Throws: ``SetterError`` for the first policy whose reference is invalid.
    public init(policies: [PolicyLatestRef]) throws(SetterError) {
        var setters: [String: Setter] = [:]
        var names: Set<String> = []
        for policy in policies {
            do {
                _ = try ImageReference(parsing: policy.reference)
            } catch {
                throw SetterError(policy: policy.setterName, reference: policy.reference, cause: error)
            }
            let name = policy.setterName
            names.insert(name)
            setters[name] = Setter(policy: policy, field: .reference)
            setters[name + ":tag"] = Setter(policy: policy, field: .tag)
            setters[name + ":name"] = Setter(policy: policy, field: .name)
            setters[name + ":digest"] = Setter(policy: policy, field: .digest)
        }
        self.setters = setters
        self.policyNames = names
    }

    /// Rewrites the markers in `files`.
    ///
    /// - Parameter files: Candidate files (paths relative to the update path). Files that are not YAML, or have a
    ///   document whose top level is not a mapping, are skipped with a warning.
    /// - Returns: The changed files with their new bytes, the changes per file and object, and the diagnostics.
    public func rewrite(_ files: [ManifestFile]) -> SetterRewriteResult {
        var output = SetterRewriteResult()
        for file in files {
            var rewrite = FileRewrite(file: file, rewriter: self)
            rewrite.run()
            output.diagnostics.append(contentsOf: rewrite.diagnostics)
            output.markerCount += rewrite.markerCount
            if rewrite.parsed { output.filesRead += 1 }
            guard !rewrite.changes.isEmpty, let bytes = rewrite.newBytes else { continue }
            output.changedFiles.append(ManifestFile(path: file.path, bytes: bytes))
            var objects = output.result.fileChanges[file.path] ?? [:]
            for (object, changes) in rewrite.changes { objects[object, default: []].append(contentsOf: changes) }
            output.result.fileChanges[file.path] = objects
        }
        return output
    }

    /// Convenience for ``init(policies:)`` followed by ``rewrite(_:)``.
    public static func rewrite(_ files: [ManifestFile], policies: [PolicyLatestRef]) throws(SetterError) -> SetterRewriteResult {
        try SetterRewriter(policies: policies).rewrite(files)
    }
}
