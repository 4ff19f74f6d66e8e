/// A tag an ImagePolicy must not select until it is released (`ferry rollback` puts it there,
/// `ferry release-tag` takes it out). Kept in the state store; shown in the policy's status as
/// Ferry's `status.quarantinedTags`.
public struct QuarantinedTag: Sendable, Hashable, Codable {
    /// The tag.
    public var tag: String
    /// Why, e.g. `rolled back by ferry rollback`.
    public var reason: String
    /// When it was put in quarantine, RFC 3339.
    public var since: String
    /// The commit that was reverted (its full hash), when there was one.
    public var commit: String?

    /// Creates an entry.
    public init(tag: String, reason: String, since: String, commit: String? = nil) {
        self.tag = tag
        self.reason = reason
        self.since = since
        self.commit = commit
    }

    /// The gate's reason text: the reason and the commit.
    public var holdReason: String {
        guard let commit, !commit.isEmpty else { return reason }
        return "\(reason) (commit \(commit.prefix(7)))"
    }
}
