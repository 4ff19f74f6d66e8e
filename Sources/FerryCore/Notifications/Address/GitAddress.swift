/// A Git repository address as the commit-status providers read it (Flux's `parseGitAddress` over
/// `whilp/git-urls`): `https://host/org/repo(.git)`, `ssh://git@host/org/repo` or scp-style `git@host:org/repo`.
public struct GitAddress: Sendable, Hashable {
    /// `https://host[:port]` (`ssh` becomes `https`; `http` stays).
    public var host: String
    /// The repository path without leading `/` and trailing `.git`, e.g. `org/repo` or `org/project/_git/repo`.
    public var id: String

    /// Parses `text`; `nil` when it is none of the accepted forms.
    public init?(_ text: String) {
        var scheme: String
        var rest: Substring
        if let separator = text.firstRange(of: "://") {
            scheme = text[..<separator.lowerBound].lowercased()
            rest = text[separator.upperBound...]
            guard ["http", "https", "ssh", "git"].contains(scheme) else { return nil }
            if let at = rest.firstIndex(of: "@"), rest[..<at].firstIndex(of: "/") == nil { rest = rest[rest.index(after: at)...] }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            let authority = String(rest[..<slash])
            let path = rest[slash...]
            guard !authority.isEmpty else { return nil }
            if scheme == "ssh" || scheme == "git" { scheme = "https" }
            host = "\(scheme)://\(authority)"
            id = Self.trimmed(path)
        } else if let colon = text.firstIndex(of: ":") {
            // scp-like: [user@]host:path
            var authority = text[..<colon]
            if let at = authority.firstIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            guard !authority.isEmpty, !authority.contains("/") else { return nil }
            host = "https://\(authority)"
            id = Self.trimmed(text[text.index(after: colon)...])
        } else {
            return nil
        }
        guard !id.isEmpty else { return nil }
    }

    private static func trimmed(_ path: Substring) -> String {
        var id = path.drop { $0 == "/" }
        if id.hasSuffix(".git") { id = id.dropLast(4) }
        return String(id)
    }
}
