/// An absolute `http`/`https` URL split into the parts the client needs, and reference resolution for `Link`
/// headers (RFC 3986 §5.2, enough for the references registries send).
struct RegistryURL: Hashable, Sendable, CustomStringConvertible {
    /// `http` or `https`.
    var scheme: String
    /// `host[:port]` as written (lower-cased host).
    var authority: String
    /// The path, starting with `/`.
    var path: String
    /// The query without `?`, or `nil`.
    var query: String?

    init(scheme: String, authority: String, path: String, query: String? = nil) {
        self.scheme = scheme
        self.authority = authority
        self.path = path.isEmpty ? "/" : path
        self.query = query
    }

    /// Parses `scheme://authority/path?query`; `nil` for anything else (user info is refused: no credentials in URLs).
    init?(parsing text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = text[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        let pathAndQuery = rest[authorityEnd...]
        let queryStart = pathAndQuery.firstIndex(of: "?")
        let path = queryStart.map { pathAndQuery[..<$0] } ?? pathAndQuery
        let query = queryStart.map { String(pathAndQuery[pathAndQuery.index(after: $0)...]) }
        self.init(scheme: scheme, authority: authority.lowercased(), path: String(path), query: query)
    }

    /// The origin, `scheme://authority`.
    var origin: String { "\(scheme)://\(authority)" }

    var description: String { origin + path + (query.map { "?" + $0 } ?? "") }

    /// The `Host` header value: the authority without a default port.
    var hostHeader: String {
        if scheme == "https", authority.hasSuffix(":443") { return String(authority.dropLast(4)) }
        if scheme == "http", authority.hasSuffix(":80") { return String(authority.dropLast(3)) }
        return authority
    }

    /// Resolves a reference (absolute, scheme-relative, path-absolute, query-only or path-relative) against this URL.
    func resolving(_ reference: String) -> RegistryURL? {
        if reference.contains("://") { return RegistryURL(parsing: reference) }
        if reference.hasPrefix("//") { return RegistryURL(parsing: scheme + ":" + reference) }
        var rest = Substring(reference)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let queryStart = rest.firstIndex(of: "?")
        let refPath = String(queryStart.map { rest[..<$0] } ?? rest)
        let refQuery = queryStart.map { String(rest[rest.index(after: $0)...]) }
        if refPath.isEmpty { return RegistryURL(scheme: scheme, authority: authority, path: path, query: refQuery ?? query) }
        let merged: String
        if refPath.hasPrefix("/") {
            merged = refPath
        } else {
            let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
            merged = directory + refPath
        }
        return RegistryURL(scheme: scheme, authority: authority, path: Self.removingDotSegments(merged), query: refQuery)
    }

    private static func removingDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." { continue }
            if segment == ".." {
                if output.count > 1 { output.removeLast() }
                continue
            }
            if index == 0 && segment.isEmpty && !output.isEmpty { continue }
            output.append(segment)
        }
        let joined = output.joined(separator: "/")
        return joined.hasPrefix("/") ? joined : "/" + joined
    }
}
