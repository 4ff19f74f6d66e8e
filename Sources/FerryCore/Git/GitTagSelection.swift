/// Picks the tag a `ref.semver` checkout uses, as fluxcd/pkg `cloneSemVer` does: tags that
/// Flux's tag parser reads as versions (at least two dots) and that satisfy the range; the
/// highest version wins, and among equal versions (`1.0.0+a`, `1.0.0+b`, `v1.0.0`) the one whose
/// commit is newest.
public enum GitTagSelection {
    /// A tag on the remote.
    public struct Candidate: Hashable, Sendable {
        /// The tag name without `refs/tags/`.
        public var name: String
        /// The committer time of the commit it points at (seconds since 1970), when known.
        /// Needed only to break ties between equal versions.
        public var commitTime: Int64?

        /// Creates a candidate.
        public init(name: String, commitTime: Int64? = nil) {
            self.name = name
            self.commitTime = commitTime
        }
    }

    /// Parses a semver checkout range.
    ///
    /// - Throws: ``GitConfigurationError`` `semver parse error: <Masterminds message>`.
    public static func range(_ text: String) throws(GitConfigurationError) -> SemVerRange {
        do { return try SemVerRange(text) } catch { throw .invalidSemVer(error) }
    }

    /// The tags that satisfy the range and have the highest version among them: one tag, or
    /// several that differ only in ways semver ignores (and then need ``select(from:range:)``'s
    /// commit times to break the tie).
    public static func highest(of tags: [String], in range: SemVerRange) -> [String] {
        var best: Version?
        var tied: [String] = []
        for tag in tags {
            guard let version = Version(fluxTag: tag), range.contains(version) else { continue }
            if let current = best {
                if version < current { continue }
                if version == current {
                    tied.append(tag)
                    continue
                }
            }
            best = version
            tied = [tag]
        }
        return tied
    }

    /// The tag to check out, or `nil` when none matches (Flux: `no match found for semver: <range>`).
    ///
    /// Among tied versions the newest commit wins; equal times keep the later tag in `candidates`
    /// (Flux's order among those is Go map order, so random).
    public static func select(from candidates: [Candidate], range: SemVerRange) -> String? {
        let tied = Set(highest(of: candidates.map(\.name), in: range))
        var chosen: Candidate?
        for candidate in candidates where tied.contains(candidate.name) {
            if let current = chosen, (candidate.commitTime ?? .min) < (current.commitTime ?? .min) { continue }
            chosen = candidate
        }
        return chosen?.name
    }

    /// Flux's message when no tag matches.
    public static func noMatchMessage(range: String) -> String { "no match found for semver: \(range)" }
}
