/// `spec.exclusionList` of an ImageRepository: tags matching any of these Go regular
/// expressions (anywhere in the tag) are dropped before they are stored.
///
/// An empty list means the default, `^.*\.sig$` (cosign signature tags); a list the user
/// writes replaces the default. At most 25 patterns, as Flux's CRD allows.
public struct ExclusionList: Sendable {
    /// The patterns used when the list is empty.
    public static let defaultPatterns = ["^.*\\.sig$"]
    /// The most patterns a list may have.
    public static let maximumCount = 25

    /// The effective patterns (Flux's `observedExclusionList`).
    public let patterns: [String]
    private let regexps: [GoRegexp]

    /// Compiles a list.
    ///
    /// - Parameter patterns: `spec.exclusionList` as written; empty for the default.
    /// - Throws: ``PolicyError`` naming the first invalid pattern, or too many patterns.
    public init(_ patterns: [String]) throws(PolicyError) {
        guard patterns.count <= Self.maximumCount else {
            throw PolicyError.tooManyExclusions(count: patterns.count, limit: Self.maximumCount)
        }
        self.patterns = patterns.isEmpty ? Self.defaultPatterns : patterns
        var compiled: [GoRegexp] = []
        for pattern in self.patterns {
            compiled.append(try TagFilter.compile(pattern, field: .exclusionList))
        }
        regexps = compiled
    }

    /// The pattern that excludes a tag, or `nil` when the tag is kept.
    ///
    /// - Throws: ``GoRegexpError`` when the matching budget runs out.
    public func excludingPattern(for tag: String, budget: inout MatchBudget) throws(GoRegexpError) -> String? {
        for (pattern, regexp) in zip(patterns, regexps) where try regexp.matches(tag, budget: &budget) {
            return pattern
        }
        return nil
    }

    /// The tags no pattern matches, in their original order.
    public func apply(to tags: [String], budget: inout MatchBudget) throws(GoRegexpError) -> [String] {
        var kept: [String] = []
        kept.reserveCapacity(tags.count)
        for tag in tags where try excludingPattern(for: tag, budget: &budget) == nil {
            kept.append(tag)
        }
        return kept
    }
}
