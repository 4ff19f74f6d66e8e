/// A resolved commit with the reference it was reached through, formatted as Flux formats
/// `status.observedSourceRevision` (fluxcd/pkg `git.Commit.String`).
///
/// `refs/heads/main` + hash → `main@sha1:<hash>`; `refs/heads/feature/x` → `feature/x@sha1:<hash>`;
/// `refs/tags/v1.0.0` → `v1.0.0@sha1:<hash>`; `refs/pull/1/head` → `1/head@sha1:<hash>`; no
/// reference (a commit checkout without a branch) → `sha1:<hash>`.
public struct GitRevision: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The full reference name, e.g. `refs/heads/main`; empty when the commit was checked out by hash alone.
    public var reference: String
    /// The full commit hash (40 hex digits for SHA-1).
    public var hash: String

    /// Creates a revision.
    public init(reference: String, hash: String) {
        self.reference = reference
        self.hash = hash
    }

    /// `<algorithm>:<hash>`: `sha1` for 40 hex digits, otherwise Flux's `<unknown>`.
    public var digest: String {
        if hash.isEmpty { return "" }
        return "\(hash.utf8.count == 40 ? "sha1" : "<unknown>"):\(hash)"
    }

    /// The reference without its first two components (`refs/heads/`, `refs/tags/`, `refs/pull/`),
    /// or `nil` when it has fewer than three.
    public var shortReference: String? {
        let parts = reference.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        return String(parts[2])
    }

    /// `<short-ref>@<digest>`, or the digest alone.
    public var description: String {
        if let short = shortReference { return "\(short)@\(digest)" }
        return digest
    }
}
