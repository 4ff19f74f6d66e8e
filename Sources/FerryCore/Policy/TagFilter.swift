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

    /// Compiles a filter.
    ///
    /// - Throws: ``PolicyError`` for an invalid or too long pattern, or an extract that names a
    ///   group the pattern does not have.
    public init(_ spec: TagFilterSpec) throws(PolicyError) {
        self.spec = spec
        regexp = try Self.compile(spec.pattern, field: .filterPattern)
        guard !spec.extract.isEmpty else {
            extract = nil
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
    }

    /// The value to order for a tag, or `nil` when the pattern does not match it.
    ///
    /// - Throws: ``GoRegexpError`` when the matching budget runs out.
    func value(for tag: String, budget: inout MatchBudget) throws(GoRegexpError) -> String? {
        guard let match = try regexp.firstMatch(in: tag, budget: &budget) else { return nil }
        guard let extract else { return tag }
        return extract.expand(match: match, subject: tag, regexp: regexp)
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
