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
        try select(from: TagList(tags))
    }

    /// Selects the latest tag.
    ///
    /// - Parameter tags: The repository's tags, in store order.
    /// - Throws: ``SelectionError`` when nothing can be selected.
    public func select(from tags: TagList) throws(SelectionError) -> Selection {
        var ignore = IgnoreDrops()
        let candidates = try gather(tags, recorder: &ignore)
        let winner = try policy.latestIndex(in: candidates.values) { slot in tags[candidates.positions[slot]] }
        return Selection(
            tag: tags[candidates.positions[winner]], value: candidates.values[winner],
            candidateCount: candidates.values.count, ignoredTooLong: candidates.ignoredTooLong)
    }

    // MARK: - Candidates

    /// The values a policy orders, with the tags they come from.
    struct Candidates {
        /// The value of each candidate: its tag, or what `extract` made of it.
        var values: TagList
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
        mutating func record(_ index: Int, _ note: @autoclosure () -> DropNote)
    }

    /// Discards the reasons: the fast path of ``select(from:)``.
    struct IgnoreDrops: DropRecorder {
        @inline(__always)
        func record(_ index: Int, _ note: @autoclosure () -> DropNote) {}
    }

    /// Keeps the reasons, for ``explain(_:)``.
    struct DropLog: DropRecorder {
        var notes: [Int: DropNote] = [:]
        mutating func record(_ index: Int, _ note: @autoclosure () -> DropNote) { notes[index] = note() }
    }

    /// Filters and extracts, telling the recorder why each dropped tag was dropped.
    func gather<Recorder: DropRecorder>(_ tags: TagList, recorder: inout Recorder) throws(SelectionError) -> Candidates {
        guard let filter else { return try gatherUnfiltered(tags, recorder: &recorder) }
        var budget = MatchBudget(steps: Self.matchingBudget)
        var candidates = Candidates(values: TagList(), positions: [])
        var superseded: [Bool] = []
        var table = ValueTable()
        var offsets: [Int] = []
        var extracted: [UInt8] = []
        var kept = 0
        try tags.withTagBytes { (bytes: TagBytes) throws(SelectionError) in
            for index in tags.indices {
                let tag = bytes[index]
                guard tag.count <= Self.maximumTagLength else {
                    candidates.ignoredTooLong += 1
                    recorder.record(index, .tooLong)
                    continue
                }
                kept += 1
                let isExtracted: Bool?
                do {
                    isExtracted = try filter.value(for: tag, offsets: &offsets, extracted: &extracted, budget: &budget)
                } catch {
                    throw SelectionError.matchingBudgetExhausted(pattern: filter.spec.pattern, steps: Self.matchingBudget)
                }
                guard let isExtracted else {
                    recorder.record(index, .filterMismatch)
                    continue
                }
                let slot = candidates.values.count
                if isExtracted {
                    extracted.withUnsafeBufferPointer { candidates.values.append(bytes: $0) }
                } else {
                    candidates.values.append(bytes: tag)
                }
                candidates.positions.append(index)
                superseded.append(false)
                if let previous = table.insert(slot, of: candidates.values) {
                    superseded[previous] = true
                    recorder.record(candidates.positions[previous], .superseded(byIndex: index, value: candidates.values[slot]))
                }
            }
        }
        if superseded.contains(true) {
            let keep = superseded.indices.filter { !superseded[$0] }
            var values = TagList()
            values.appendTags(of: candidates.values, at: keep)
            candidates.values = values
            candidates.positions = keep.map { candidates.positions[$0] }
        }
        if candidates.values.isEmpty {
            throw kept == 0 ? SelectionError.noTags() : SelectionError.nothingMatchedFilter(pattern: filter.spec.pattern, tags: kept)
        }
        return candidates
    }

    /// Every tag within the length limit, without a filter.
    private func gatherUnfiltered<Recorder: DropRecorder>(_ tags: TagList, recorder: inout Recorder) throws(SelectionError) -> Candidates {
        let tooLong = tags.indices.filter { tags.utf8Count(at: $0) > Self.maximumTagLength }
        for index in tooLong { recorder.record(index, .tooLong) }
        guard tooLong.count < tags.count else { throw SelectionError.noTags() }
        if tooLong.isEmpty {
            return Candidates(values: tags, positions: Array(tags.indices))
        }
        let kept = tags.indices.filter { tags.utf8Count(at: $0) <= Self.maximumTagLength }
        var values = TagList()
        values.appendTags(of: tags, at: kept)
        return Candidates(values: values, positions: kept, ignoredTooLong: tooLong.count)
    }
}

extension TagList {
    /// Appends the tags of `other` at `positions`, in that order.
    fileprivate mutating func appendTags(of other: TagList, at positions: [Int]) {
        other.withTagBytes { (bytes: TagBytes) in
            for position in positions { append(bytes: bytes[position]) }
        }
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
