/// Chooses the latest tag from a repository's tags exactly as Flux's ImagePolicy does:
/// filter (and extract), then order with the policy, then map the winning value back to its
/// original tag.
///
/// Order and ties are deterministic. Candidates keep the order of the input list; when several
/// tags extract to the same value, the last of them stands for it (as in Flux's filter map).
/// Among equal versions a SemVer policy keeps the first candidate, and among equal numbers a
/// numerical policy keeps the last, which is what Flux does for the tag order its store keeps
/// (descending byte order). Flux, unlike Ferry, passes filtered candidates in random order.
///
/// ```swift
/// let selector = try TagSelector(policy: ImagePolicyChoice(semver: SemVerPolicy(range: "^1.x")))
/// try selector.select(from: ["1.0.0", "1.4.2", "2.0.0"]).tag  // "1.4.2"
/// ```
public struct TagSelector: Sendable {
    /// Tags longer than this are ignored: the OCI distribution spec allows at most 128
    /// characters.
    public static let maximumTagLength = 128
    /// Regular-expression steps one selection may spend before it gives up.
    public static let matchingBudget = 500_000_000

    /// How candidates are ordered.
    public let policy: TagPolicy
    /// The optional `filterTags`.
    public let filter: TagFilter?

    /// Builds a selector from ImagePolicy spec fields.
    ///
    /// - Throws: ``PolicyError`` naming the invalid field and value.
    public init(policy: ImagePolicyChoice, filterTags: TagFilterSpec? = nil) throws(PolicyError) {
        self.policy = try TagPolicy(policy)
        self.filter = try filterTags.map { spec throws(PolicyError) in try TagFilter(spec) }
    }

    /// Selects the latest tag.
    ///
    /// - Parameter tags: The repository's tags, in store order.
    /// - Throws: ``SelectionError`` when nothing can be selected.
    public func select(from tags: [String]) throws(SelectionError) -> Selection {
        var ignore = IgnoreDrops()
        let candidates = try gather(tags, recorder: &ignore)
        let winner = try policy.latestIndex(in: candidates.values, originals: candidates.originals)
        return Selection(
            tag: candidates.originals[winner], value: candidates.values[winner],
            candidateCount: candidates.values.count, ignoredTooLong: candidates.ignoredTooLong)
    }

    // MARK: - Candidates

    /// The values a policy orders, with the tags they come from.
    struct Candidates {
        var values: [String]
        var originals: [String]
        /// For each candidate, its index in the input.
        var positions: [Int]
        var ignoredTooLong = 0
    }

    /// Why a tag did not become a candidate, recorded for ``explain(_:)``.
    enum DropNote {
        case tooLong
        case filterMismatch
        case superseded(byIndex: Int, value: String)
    }

    /// Receives the reasons tags are dropped while candidates are gathered.
    protocol DropRecorder {
        mutating func record(_ index: Int, _ note: DropNote)
    }

    /// Discards the reasons: the fast path of ``select(from:)``.
    struct IgnoreDrops: DropRecorder {
        func record(_ index: Int, _ note: DropNote) {}
    }

    /// Keeps the reasons, for ``explain(_:)``.
    struct DropLog: DropRecorder {
        var notes: [Int: DropNote] = [:]
        mutating func record(_ index: Int, _ note: DropNote) { notes[index] = note }
    }

    /// Filters and extracts, telling the recorder why each dropped tag was dropped.
    func gather<Recorder: DropRecorder>(_ tags: [String], recorder: inout Recorder) throws(SelectionError) -> Candidates {
        var kept: [Int] = []
        var ignoredTooLong = 0
        for (index, tag) in tags.enumerated() {
            if tag.utf8.count > Self.maximumTagLength {
                ignoredTooLong += 1
                recorder.record(index, .tooLong)
            } else {
                kept.append(index)
            }
        }

        guard let filter else {
            let values = ignoredTooLong == 0 ? tags : kept.map { tags[$0] }
            if values.isEmpty { throw SelectionError.noTags() }
            return Candidates(values: values, originals: values, positions: kept, ignoredTooLong: ignoredTooLong)
        }

        var budget = MatchBudget(steps: Self.matchingBudget)
        var candidates = Candidates(values: [], originals: [], positions: [], ignoredTooLong: ignoredTooLong)
        var superseded: [Bool] = []
        var slotForValue: [String: Int] = [:]
        for index in kept {
            let value: String?
            do {
                value = try filter.value(for: tags[index], budget: &budget)
            } catch {
                throw SelectionError.matchingBudgetExhausted(pattern: filter.spec.pattern, steps: Self.matchingBudget)
            }
            guard let value else {
                recorder.record(index, .filterMismatch)
                continue
            }
            let slot = candidates.values.count
            if let previous = slotForValue.updateValue(slot, forKey: value) {
                superseded[previous] = true
                recorder.record(candidates.positions[previous], .superseded(byIndex: index, value: value))
            }
            candidates.values.append(value)
            candidates.originals.append(tags[index])
            candidates.positions.append(index)
            superseded.append(false)
        }
        if superseded.contains(true) {
            let keep = superseded.indices.filter { !superseded[$0] }
            candidates.values = keep.map { candidates.values[$0] }
            candidates.originals = keep.map { candidates.originals[$0] }
            candidates.positions = keep.map { candidates.positions[$0] }
        }
        if candidates.values.isEmpty {
            throw kept.isEmpty ? SelectionError.noTags() : SelectionError.nothingMatchedFilter(pattern: filter.spec.pattern, tags: kept.count)
        }
        return candidates
    }
}

/// The outcome of a selection.
public struct Selection: Sendable, Hashable {
    /// The selected tag, as the registry lists it.
    public let tag: String
    /// The value that won: the tag itself, or what `filterTags.extract` made of it.
    public let value: String
    /// How many candidates the policy ordered.
    public let candidateCount: Int
    /// How many tags were ignored for being longer than ``TagSelector/maximumTagLength``.
    public let ignoredTooLong: Int
}
