/// An absolute `http`/`https` URL split into its parts, as far as building notification requests needs (Go's
/// `url.ParseRequestURI` for the addresses Flux accepts). Addresses may embed secrets (Slack and Teams webhook
/// paths, userinfo), so ``description`` shows only scheme and authority.
public struct WebAddress: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https` (lower-cased).
    public var scheme: String
    /// `user:password` before `@`, if any.
    public var userinfo: String?
    /// The host name or IP literal (IPv6 in brackets).
    public var host: String
    /// The port, if written.
    public var port: Int?
    /// The path, starting with `/` (empty when none was written).
    public var path: String
    /// The query after `?`, without it.
    public var query: String?

    /// Parses `text`; `nil` unless it is an absolute http(s) URL with a host.
    public init?(_ text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = Substring(text[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let path = String(rest[authorityEnd...])
        var userinfo: String?
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        var host = String(authority)
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[...close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()), (0...65535).contains(value) else { return nil }
                port = value
            } else if !after.isEmpty {
                return nil
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            let portText = authority[authority.index(after: colon)...]
            if !portText.isEmpty {
                guard let value = Int(portText), (0...65535).contains(value) else { return nil }
                port = value
            }
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { return nil }
        self.scheme = scheme
        self.userinfo = userinfo
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }

    /// `host` or `host:port`.
    public var authority: String { port.map { "\(host):\($0)" } ?? host }

    /// `scheme://authority` (no userinfo).
    public var origin: String { "\(scheme)://\(authority)" }

    /// The whole URL, without userinfo.
    public var string: String { origin + path + (query.map { "?" + $0 } ?? "") }

    /// Scheme and authority only: safe to log.
    public var description: String { origin }

    /// This address with its path replaced.
    public func withPath(_ newPath: String, query newQuery: String? = nil) -> WebAddress {
        var copy = self
        copy.path = newPath
        copy.query = newQuery
        return copy
    }
}
