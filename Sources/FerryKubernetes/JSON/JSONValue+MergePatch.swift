/// JSON merge patches (RFC 7386), the `application/merge-patch+json` body.
extension JSONValue {
    /// The merge patch that turns `old` into `new`: changed members, removed members as
    /// `null`, arrays replaced whole. Nil when they are equal.
    public static func mergePatch(from old: JSONValue, to new: JSONValue) -> JSONValue? {
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else {
            if old == new { return Optional.none }
            return .some(new)
        }
        var patch: [(String, JSONValue)] = []
        let oldByKey = Dictionary(oldMembers, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(newMembers.map(\.0))
        for (key, value) in newMembers {
            if let previous = oldByKey[key] {
                if let change = mergePatch(from: previous, to: value) { patch.append((key, change)) }
            } else {
                patch.append((key, value))
            }
        }
        for (key, _) in oldMembers where !newKeys.contains(key) { patch.append((key, .null)) }
        if patch.isEmpty { return Optional.none }
        return .some(.object(patch))
    }

    /// Applies a merge patch to this value (RFC 7386 §2).
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result: JSONValue = if case .object = self { self } else { .object([]) }
        for (key, value) in patchMembers {
            if value == .null {
                result = result.removing(key)
            } else {
                result = result.setting(key, to: (result[key] ?? .null).applyingMergePatch(value))
            }
        }
        return result
    }
}
