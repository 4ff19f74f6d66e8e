extension TagSelector {
    /// Selects like ``select(from:)`` and says, for every tag, why it was selected, outranked
    /// or dropped.
    ///
    /// - Parameter tags: The repository's tags, in store order.
    /// - Returns: One decision per input tag, in input order, and the result.
    public func explain(_ tags: [String]) -> Explanation {
        explain(TagList(tags))
    }

    /// Selects like ``select(from:)`` and says, for every tag, why it was selected, outranked
    /// or dropped.
    ///
    /// - Parameter tags: The repository's tags, in store order.
    /// - Returns: One decision per input tag, in input order, and the result.
    public func explain(_ tags: TagList) -> Explanation {
        var log = DropLog()
        let candidates: Candidates
        do {
            candidates = try gather(tags, recorder: &log)
        } catch {
            return Explanation(decisions: dropDecisions(tags, log.notes), result: .failure(error))
        }
        var decisions = dropDecisions(tags, log.notes)
        let result: Result<Selection, SelectionError>
        do {
            let winner = try policy.latestIndex(in: candidates.values) { slot in tags[candidates.positions[slot]] }
            result = .success(
                Selection(
                    tag: tags[candidates.positions[winner]], value: candidates.values[winner],
                    candidateCount: candidates.values.count, ignoredTooLong: candidates.ignoredTooLong))
            for (slot, position) in candidates.positions.enumerated() {
                decisions[position] = judge(slot, against: winner, candidates, tags)
            }
        } catch {
            result = .failure(error)
            for (slot, position) in candidates.positions.enumerated() {
                decisions[position] = judgeWithoutWinner(slot, candidates, tags)
            }
        }
        return Explanation(decisions: decisions, result: result)
    }

    private func dropDecisions(_ tags: TagList, _ notes: [Int: DropNote]) -> [TagDecision] {
        tags.enumerated().map { index, tag in
            switch notes[index] {
            case .tooLong:
                return TagDecision(
                    tag: tag, value: nil, outcome: .dropped,
                    reason: "longer than \(Self.maximumTagLength) bytes, the most a tag can have", rule: .tooLong)
            case .filterMismatch:
                return TagDecision(tag: tag, value: nil, outcome: .dropped, reason: "does not match filterTags.pattern", rule: .filterPattern)
            case let .superseded(later, value):
                return TagDecision(
                    tag: tag, value: value, outcome: .dropped,
                    reason: "later tag \"\(tags[later])\" extracts the same value and replaces it", rule: .filterExtract)
            case nil:
                return TagDecision(tag: tag, value: tag, outcome: .dropped, reason: "not considered")
            }
        }
    }

    private func judge(_ slot: Int, against winner: Int, _ candidates: Candidates, _ tags: TagList) -> TagDecision {
        let tag = tags[candidates.positions[slot]]
        let value = candidates.values[slot]
        let winningTag = tags[candidates.positions[winner]]
        let winningValue = candidates.values[winner]
        func decision(_ outcome: TagDecision.Outcome, _ reason: String) -> TagDecision {
            TagDecision(tag: tag, value: value, outcome: outcome, reason: reason, rule: outcome == .dropped ? TagDecision.Rule(droppedFor: reason) : nil)
        }
        switch policy {
        case .semver(let range):
            guard let version = Version(fluxTag: value) else {
                return decision(.dropped, Self.notAVersionReason(value))
            }
            if let reason = range.rejectionReason(for: version) {
                return decision(.dropped, "outside the range: \(reason)")
            }
            if slot == winner { return decision(.selected, "highest version in range \"\(range.text)\"") }
            guard let best = Version(fluxTag: winningValue) else { preconditionFailure("invariant: the winner parsed as a version") }
            if version == best {
                return decision(.outranked, "same version as \"\(winningTag)\", which comes first; the first of equal versions wins")
            }
            return decision(.outranked, "lower than \(best.original) (\"\(winningTag)\")")
        case .alphabetical(let order):
            if slot == winner {
                return decision(.selected, order == .ascending ? "last in byte order" : "first in byte order")
            }
            return decision(.outranked, "\(order == .ascending ? "before" : "after") \"\(winningValue)\" in byte order")
        case .numerical(let order):
            if slot == winner { return decision(.selected, order == .ascending ? "greatest number" : "least number") }
            let number = GoFloat.parse(value)
            if number == GoFloat.parse(winningValue) {
                return decision(.outranked, "equal to \"\(winningValue)\" (\"\(winningTag)\"), which comes later; the last of equal numbers wins")
            }
            return decision(.outranked, "\(order == .ascending ? "less" : "greater") than \(winningValue) (\"\(winningTag)\")")
        }
    }

    private func judgeWithoutWinner(_ slot: Int, _ candidates: Candidates, _ tags: TagList) -> TagDecision {
        let value = candidates.values[slot]
        let tag = tags[candidates.positions[slot]]
        switch policy {
        case .semver(let range):
            guard let version = Version(fluxTag: value) else {
                return TagDecision(tag: tag, value: value, outcome: .dropped, reason: Self.notAVersionReason(value), rule: .notAVersion)
            }
            let reason = range.rejectionReason(for: version).map { "outside the range: \($0)" } ?? "in range"
            return TagDecision(tag: tag, value: value, outcome: .dropped, reason: reason, rule: TagDecision.Rule(droppedFor: reason))
        case .numerical where GoFloat.parse(value) == nil:
            return TagDecision(tag: tag, value: value, outcome: .dropped, reason: "not a number, which fails the whole numerical policy", rule: .notANumber)
        case .numerical, .alphabetical:
            return TagDecision(tag: tag, value: value, outcome: .dropped, reason: "not ordered: the policy failed")
        }
    }

    private static func notAVersionReason(_ value: String) -> String {
        let dots = value.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
        if dots < 2 { return "not a version: Flux needs three dot-separated parts (MAJOR.MINOR.PATCH)" }
        return "not a semantic version"
    }
}

/// Why each tag was or was not selected, from ``TagSelector/explain(_:)``.
public struct Explanation: Sendable {
    /// One decision per input tag, in input order.
    public let decisions: [TagDecision]
    /// The selection, or why there is none.
    public let result: Result<Selection, SelectionError>
}

/// What happened to one tag.
public struct TagDecision: Sendable, Hashable {
    /// The outcome for a tag.
    public enum Outcome: String, Sendable, Hashable {
        /// The tag the policy selected.
        case selected
        /// A candidate that lost to the selected tag.
        case outranked
        /// Not a candidate (too long, filtered out, replaced by a later tag with the same
        /// value, not a version, outside the range, not a number).
        case dropped
    }

    /// The tag.
    public let tag: String
    /// The value ordered for it (the tag, or its extracted value); `nil` when it was dropped
    /// before a value existed.
    public let value: String?
    /// The outcome.
    public let outcome: Outcome
    /// Why, as a short phrase.
    public let reason: String
    /// The rule that dropped the tag, when it was dropped by one.
    public let rule: Rule?

    /// Creates a decision.
    public init(tag: String, value: String?, outcome: Outcome, reason: String, rule: Rule? = nil) {
        self.tag = tag
        self.value = value
        self.outcome = outcome
        self.reason = reason
        self.rule = rule
    }

    /// The rule that drops a tag, for `ferry explain policy`.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// Matched the ImageRepository's `spec.exclusionList` (so it was never stored).
        case exclusionList = "exclusion-list"
        /// Longer than a tag may be.
        case tooLong = "too-long"
        /// Did not match `filterTags.pattern`.
        case filterPattern = "filter-pattern"
        /// A later tag extracted the same value (`filterTags.extract`).
        case filterExtract = "filter-extract"
        /// Not a version Flux's tag parser reads.
        case notAVersion = "not-a-version"
        /// Outside the semver range.
        case semverRange = "semver-range"
        /// A prerelease, and the range admits none.
        case prerelease = "prerelease"
        /// Not a number, for a numerical policy.
        case notANumber = "not-a-number"
        /// In quarantine (`ferry rollback`).
        case quarantine = "quarantine"
        /// Seen for less than `ferry.dev/minimum-age`.
        case minimumAge = "minimum-age"

        /// The rule a semver reason names.
        init(droppedFor reason: String) {
            if reason.hasPrefix("not a ") {
                self = .notAVersion
            } else if reason.contains("prerelease, and the range admits none") {
                self = .prerelease
            } else {
                self = .semverRange
            }
        }
    }
}
