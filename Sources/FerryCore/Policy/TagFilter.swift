/// `spec.filterTags`: keeps the tags a Go regular expression matches (anywhere in the tag) and,
/// with an `extract` template, orders the expanded value instead of the tag, as Flux's
/// `RegexFilter` does.
///
/// Improvement over Flux: an `extract` that refers to a group the pattern does not define is
/// rejected when the filter is built, instead of silently expanding to an empty string.
public struct TagFilter: Sendable {
    /// The longest pattern accepted, in bytes.
    public static let maximumPatternLength = 4096

    /// The compiled pattern.
    public let regexp: GoRegexp
    /// The extract template; `nil` when the tag itself is ordered.
    public let extract: ExpandTemplate?
    /// The spec the filter was built from.
    public let spec: TagFilterSpec
    /// `extract` bound to the pattern's groups.
    private let boundExtract: ExpandTemplate.Bound?

    /// Compiles a filter.
    ///
    /// - Throws: ``PolicyError`` for an invalid or too long pattern, or an extract that names a
    ///   group the pattern does not have.
    public init(_ spec: TagFilterSpec) throws(PolicyError) {
        self.spec = spec
        regexp = try Self.compile(spec.pattern, field: .filterPattern)
        guard !spec.extract.isEmpty else {
            extract = nil
            boundExtract = nil
            return
        }
        let template = ExpandTemplate(spec.extract)
        for reference in template.references where !Self.defines(regexp, reference) {
            let available = regexp.groupNames.enumerated().dropFirst().map { index, name in name.isEmpty ? "$\(index)" : "$\(name)" }
            let group: String
            switch reference {
            case .number(let number): group = String(number)
            case .name(let name): group = name
            }
            throw PolicyError.unknownExtractGroup(extract: spec.extract, group: group, pattern: spec.pattern, available: available)
        }
        extract = template
        boundExtract = ExpandTemplate.Bound(template, regexp: regexp)
    }

    /// Matches a tag and works out the value to order for it.
    ///
    /// - Parameters:
    ///   - tag: The tag's UTF-8.
    ///   - offsets: A buffer for the match's offsets, reused across calls.
    ///   - extracted: Receives the expansion of `extract`, when the filter has one.
    ///   - budget: Matching steps left; what this match takes is deducted.
    /// - Returns: `nil` when the pattern does not match; otherwise whether the value is
    ///   `extracted` (true) or the tag itself (false).
    /// - Throws: ``GoRegexpError`` when the matching budget runs out.
    func value(
        for tag: UnsafeBufferPointer<UInt8>, offsets: inout [Int], extracted: inout [UInt8], budget: inout MatchBudget
    ) throws(GoRegexpError) -> Bool? {
        guard let boundExtract else { return try regexp.matches(bytes: tag, budget: &budget) ? false : nil }
        guard try regexp.firstMatch(bytes: tag, offsets: &offsets, budget: &budget) else { return nil }
        extracted.removeAll(keepingCapacity: true)
        boundExtract.expand(offsets: offsets, subject: tag, into: &extracted)
        return true
    }

    /// The value to order for a tag, or `nil` when the pattern does not match it.
    ///
    /// - Throws: ``GoRegexpError`` when the matching budget runs out.
    func value(for tag: String, budget: inout MatchBudget) throws(GoRegexpError) -> String? {
        var offsets: [Int] = []
        var extracted: [UInt8] = []
        var tag = tag
        let outcome = tag.withUTF8 { bytes in
            Result { () throws(GoRegexpError) in try value(for: bytes, offsets: &offsets, extracted: &extracted, budget: &budget) }
        }
        guard let isExtracted = try outcome.get() else { return nil }
        return isExtracted ? String(decoding: extracted, as: UTF8.self) : tag
    }

    /// Compiles a user-supplied pattern for a spec field.
    static func compile(_ pattern: String, field: PolicyError.Field) throws(PolicyError) -> GoRegexp {
        guard pattern.utf8.count <= maximumPatternLength else {
            throw PolicyError.patternTooLong(field, pattern, limit: maximumPatternLength)
        }
        do {
            return try GoRegexp(pattern)
        } catch {
            throw PolicyError.invalidPattern(field, pattern, error)
        }
    }

    /// Whether a template reference names a group of the expression (`$0` is the whole match).
    private static func defines(_ regexp: GoRegexp, _ reference: ExpandTemplate.Reference) -> Bool {
        switch reference {
        case .number(let number): return number <= regexp.numberOfGroups
        case .name(let name): return regexp.groupIndex(named: name) != nil
        }
    }
}
