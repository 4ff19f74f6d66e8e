/// `ferry.dev/quarantined-tags`: the quarantine of an ImagePolicy in cluster mode, where Flux's CRD schema would prune
/// `status.quarantinedTags` and there is no state file. The value is a JSON array with one object per tag:
///
/// ```json
/// [{"tag":"1.1.0","reason":"rolled back by ferry rollback","since":"2026-12-01T15:02:11Z","commit":"3f2a9c1…"}]
/// ```
///
/// `tag` is required and non-empty, each tag appears once; `reason`, `since` (RFC 3339) and `commit` are optional
/// strings; no other member is allowed. `ferry rollback` and `ferry release-tag` with `--kubeconfig` write it by merge
/// patch; the policy reconciler of `ferry controller` honours it like the state file's quarantine.
public enum PolicyQuarantineAnnotation {
    /// The annotation key.
    public static let key = "ferry.dev/quarantined-tags"
    /// The field path in errors.
    public static let field = "metadata.annotations[\(key)]"
    /// The members an entry may have.
    static let members: Set<String> = ["tag", "reason", "since", "commit"]

    /// Reads the annotation's value.
    ///
    /// - Throws: ``SpecError`` naming the annotation, the value and what is wrong.
    public static func parse(_ text: String) throws(SpecError) -> [QuarantinedTag] {
        func invalid(_ problem: String) -> SpecError { SpecError(field: field, value: text, problem: problem) }
        let value: TemplateValue
        do {
            value = try TemplateJSON.decode(text)
        } catch {
            throw invalid("is not JSON (\(error.description)); write a JSON array such as [{\"tag\":\"1.1.0\",\"reason\":\"broken\"}]")
        }
        guard case .slice(let slice) = value else { throw invalid("must be a JSON array of objects with a \"tag\"") }
        var entries: [QuarantinedTag] = []
        for (index, element) in slice.elements.enumerated() {
            guard case .map(let map) = element else { throw invalid("entry \(index) is not a JSON object") }
            var strings: [String: String] = [:]
            for (key, member) in map.entries {
                guard case .string(let name) = key else { throw invalid("entry \(index) has a member whose name is not a string") }
                guard members.contains(name) else {
                    throw invalid("entry \(index) has the member \"\(name)\", but only tag, reason, since and commit are allowed")
                }
                guard case .string(let string) = member else { throw invalid("entry \(index): \(name) must be a string") }
                strings[name] = string
            }
            guard let tag = strings["tag"], !tag.isEmpty else { throw invalid("entry \(index) has no tag") }
            guard !entries.contains(where: { $0.tag == tag }) else { throw invalid("the tag \(tag) appears twice") }
            if let since = strings["since"], !since.isEmpty, Timestamp(rfc3339: since) == nil {
                throw invalid("entry \(index): since \"\(since)\" is not an RFC 3339 time")
            }
            entries.append(QuarantinedTag(tag: tag, reason: strings["reason"] ?? "", since: strings["since"] ?? "", commit: strings["commit"]))
        }
        return entries
    }

    /// The annotation's value for `entries`: compact JSON, members in the order tag, reason, since, commit.
    public static func render(_ entries: [QuarantinedTag]) -> String {
        let array = GoJSON.array(entries.map { entry in
            var members: [(String, GoJSON)] = [("tag", .string(entry.tag)), ("reason", .string(entry.reason)), ("since", .string(entry.since))]
            if let commit = entry.commit, !commit.isEmpty { members.append(("commit", .string(commit))) }
            return .fields(members)
        })
        return String(decoding: array.encoded(), as: UTF8.self)
    }
}

extension ImagePolicy {
    /// The quarantine of ``PolicyQuarantineAnnotation``: empty when the annotation is absent or empty, an error naming
    /// the annotation and the value when it cannot be read.
    public var annotatedQuarantine: Result<[QuarantinedTag], SpecError> {
        guard let text = metadata.annotations[PolicyQuarantineAnnotation.key], !text.isEmpty else { return .success([]) }
        do {
            return .success(try PolicyQuarantineAnnotation.parse(text))
        } catch {
            return .failure(error)
        }
    }

    /// The quarantine the policy honours: the state store's entries, then the annotation's (an annotated tag replaces a
    /// stored entry for the same tag).
    public func quarantine(stored: [QuarantinedTag]) -> Result<[QuarantinedTag], SpecError> {
        annotatedQuarantine.map { annotated in
            stored.filter { entry in !annotated.contains { $0.tag == entry.tag } } + annotated
        }
    }
}
