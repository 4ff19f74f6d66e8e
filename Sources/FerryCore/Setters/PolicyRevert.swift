/// Undoing what one commit did to one policy's marked fields (`ferry rollback`): find the
/// change, check the fields still hold what the commit wrote, and write the earlier values
/// back into those fields only. Pure: files in, files out.
public struct PolicyRevert: Sendable, Hashable {
    /// The policy's namespace.
    public var namespace: String
    /// The policy's name.
    public var name: String
    /// The files (paths as given) where the commit changed the policy's fields.
    public var files: [String]
    /// What the commit wrote.
    public var from: PolicyMarkers.Values
    /// What the fields held before it.
    public var to: PolicyMarkers.Values

    /// The change a commit made to the policy's fields, or `nil` when it made none.
    ///
    /// - Parameters:
    ///   - before: The files the commit changed, as its parent had them (absent: new files).
    ///   - after: The same files as the commit has them.
    public static func find(namespace: String, name: String, before: [String: ManifestFile], after: [ManifestFile]) -> PolicyRevert? {
        var files: [String] = []
        var oldFields: [PolicyMarkers.Field] = []
        var newFields: [PolicyMarkers.Field] = []
        for file in after {
            guard let parent = before[file.path] else { continue }
            let old = PolicyMarkers.fields(namespace: namespace, name: name, in: parent)
            let new = PolicyMarkers.fields(namespace: namespace, name: name, in: file)
            guard !new.isEmpty, old.count == new.count, old != new else { continue }
            files.append(file.path)
            oldFields += old
            newFields += new
        }
        guard !files.isEmpty else { return nil }
        return PolicyRevert(namespace: namespace, name: name, files: files.sorted(), from: PolicyMarkers.Values(newFields), to: PolicyMarkers.Values(oldFields))
    }

    /// The tag the commit brought in and rollback quarantines (`nil` when only a digest changed).
    public var badTag: String? { from.tag != to.tag ? from.tag : nil }

    /// Writes the earlier values into the policy's fields of `current` (the files as they are
    /// now), leaving every other byte, and every other policy's marker, as it is.
    ///
    /// - Throws: ``PolicyRevertError`` when a field no longer holds what the commit wrote.
    public func apply(to current: [ManifestFile]) throws(PolicyRevertError) -> SetterRewriteResult {
        for file in current where files.contains(file.path) {
            let now = PolicyMarkers.Values(PolicyMarkers.fields(namespace: namespace, name: name, in: file))
            if now != from {
                throw PolicyRevertError(policy: "\(namespace):\(name)", file: file.path, expected: from.description, found: now.description)
            }
        }
        let reference = PolicyLatestRef(
            namespace: namespace, name: name, image: to.image ?? from.image ?? "", tag: to.tag ?? from.tag ?? "", digest: to.digest)
        let rewriter: SetterRewriter
        do {
            rewriter = try SetterRewriter(policies: [reference])
        } catch {
            throw PolicyRevertError(policy: "\(namespace):\(name)", file: files.first ?? "", expected: from.description, found: error.description)
        }
        return rewriter.rewrite(current.filter { files.contains($0.path) })
    }
}

/// The fields a rollback would revert were changed after the commit.
public struct PolicyRevertError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `NS:NAME`.
    public let policy: String
    /// The file.
    public let file: String
    /// What the commit wrote.
    public let expected: String
    /// What the file holds now.
    public let found: String

    public var description: String {
        "the fields of policy \(policy) in \(file) changed after the commit being reverted: it wrote \(expected), the file now holds \(found); "
            + "revert by hand, or roll back the newer commit first"
    }
}
