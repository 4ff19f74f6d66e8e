/// A URL as Go's `net/url.URL` holds it, parsed by ``init(parsing:)`` (Go's `url.Parse`) and
/// printed by ``string`` (Go's `URL.String()`); Sprig's `urlParse` and `urlJoin` use these.
///
/// Parsing follows Go 1.25's `net/url`, which Flux is built with: a bracketed host must be an
/// IPv6 address (the fix for CVE-2025-47912); colons in a host outside brackets are not
/// checked (Go 1.26's `urlstrictcolons` applies only to modules declaring Go 1.26).
///
/// Fields hold Go's bytes; text that percent-decodes to bytes that are not UTF-8 (`%ff`) shows
/// U+FFFD in Swift strings.
struct GoURL: Hashable, Sendable {
    var scheme: [UInt8] = []
    var opaque: [UInt8] = []
    var user: GoUserinfo?
    var host: [UInt8] = []
    var path: [UInt8] = []
    var rawPath: [UInt8] = []
    var omitHost = false
    var forceQuery = false
    var rawQuery: [UInt8] = []
    var fragment: [UInt8] = []
    var rawFragment: [UInt8] = []

    init() {}

    /// Go's `url.Parse`.
    /// - Throws: ``GoURLError`` with Go's message.
    init(parsing text: String) throws(GoURLError) {
        let raw = Array(text.utf8)
        let hash = raw.firstIndex(of: UInt8(ascii: "#"))
        let withoutFragment = Array(raw[..<(hash ?? raw.endIndex)])
        do {
            self = try Self.parse(withoutFragment)
        } catch {
            throw GoURLError(url: withoutFragment, error)
        }
        guard let hash, hash + 1 < raw.count else { return }
        do {
            try setFragment(Array(raw[(hash + 1)...]))
        } catch {
            throw GoURLError(url: raw, error)
        }
    }

    private static func parse(_ raw: [UInt8]) throws(GoURLError.Message) -> GoURL {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) { throw GoURLError.Message("net/url: invalid control character in URL") }
        var url = GoURL()
        if raw == [UInt8(ascii: "*")] {
            url.path = raw
            return url
        }
        let (scheme, afterScheme) = try Self.scheme(raw)
        url.scheme = scheme.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        var rest = afterScheme
        if rest.last == UInt8(ascii: "?") && rest.filter({ $0 == UInt8(ascii: "?") }).count == 1 {
            url.forceQuery = true
            rest.removeLast()
        } else if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            url.rawQuery = Array(rest[(question + 1)...])
            rest = Array(rest[..<question])
        }
        if rest.first != UInt8(ascii: "/") {
            if !url.scheme.isEmpty {
                // A rootless path after a scheme is opaque (RFC 3986).
                url.opaque = rest
                return url
            }
            let segment = rest.prefix { $0 != UInt8(ascii: "/") }
            if segment.contains(UInt8(ascii: ":")) { throw GoURLError.Message("first path segment in URL cannot contain colon") }
        }
        if (!url.scheme.isEmpty || !rest.starts(with: "///".utf8)) && rest.starts(with: "//".utf8) {
            var authority = Array(rest.dropFirst(2))
            rest = []
            if let slash = authority.firstIndex(of: UInt8(ascii: "/")) {
                rest = Array(authority[slash...])
                authority = Array(authority[..<slash])
            }
            (url.user, url.host) = try parseAuthority(scheme: url.scheme, authority)
        } else if !url.scheme.isEmpty && rest.first == UInt8(ascii: "/") {
            url.omitHost = true
        }
        try url.setPath(rest)
        return url
    }

    /// Go's `getScheme`: `scheme:rest` when the text starts with a valid scheme.
    private static func scheme(_ raw: [UInt8]) throws(GoURLError.Message) -> ([UInt8], [UInt8]) {
        for (index, byte) in raw.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if index == 0 { return ([], raw) }
            case UInt8(ascii: ":"):
                if index == 0 { throw GoURLError.Message("missing protocol scheme") }
                return (Array(raw[..<index]), Array(raw[(index + 1)...]))
            default:
                return ([], raw)
            }
        }
        return ([], raw)
    }

    private static func parseAuthority(scheme: [UInt8], _ authority: [UInt8]) throws(GoURLError.Message) -> (GoUserinfo?, [UInt8]) {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        let host = try parseHost(Array(authority[(at.map { $0 + 1 } ?? 0)...]))
        guard let at else { return (nil, host) }
        let userinfo = Array(authority[..<at])
        guard GoURLEscaping.isValidUserinfo(userinfo) else { throw GoURLError.Message("net/url: invalid userinfo") }
        guard let colon = userinfo.firstIndex(of: UInt8(ascii: ":")) else {
            return (GoUserinfo(username: try GoURLEscaping.unescape(userinfo, .userPassword), password: nil), host)
        }
        let username = try GoURLEscaping.unescape(Array(userinfo[..<colon]), .userPassword)
        let password = try GoURLEscaping.unescape(Array(userinfo[(colon + 1)...]), .userPassword)
        return (GoUserinfo(username: username, password: password), host)
    }

    /// Go's `parseHost`: `host[:port]`, or a bracketed IPv6 address with an optional zone.
    private static func parseHost(_ host: [UInt8]) throws(GoURLError.Message) -> [UInt8] {
        if let open = host.lastIndex(of: UInt8(ascii: "[")) {
            if open > 0 { throw GoURLError.Message("invalid IP-literal") }
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else { throw GoURLError.Message("missing ']' in host") }
            let colonPort = Array(host[(close + 1)...])
            guard Self.isValidOptionalPort(colonPort) else {
                throw GoURLError.Message("invalid port \(GoQuote.quoteBytes(colonPort)) after host")
            }
            let port = try GoURLEscaping.unescape(colonPort, .host)
            let hostname = Array(host[1..<max(1, close)])
            var unescaped: [UInt8]
            if let zone = hostname.firstRange(of: Array("%25".utf8)) {
                unescaped = try GoURLEscaping.unescape(Array(hostname[..<zone.lowerBound]), .host)
                unescaped += try GoURLEscaping.unescape(Array(hostname[zone.lowerBound...]), .zone)
            } else {
                unescaped = try GoURLEscaping.unescape(hostname, .host)
            }
            // Only an IPv6 address may stand in brackets (RFC 3986).
            let kind: GoIPAddress.Kind
            do {
                kind = try GoIPAddress.parse(unescaped)
            } catch {
                throw GoURLError.Message("invalid host: " + error.text)
            }
            if kind == .v4 { throw GoURLError.Message("invalid IP-literal") }
            return [UInt8(ascii: "[")] + unescaped + [UInt8(ascii: "]")] + port
        }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            let colonPort = Array(host[colon...])
            guard Self.isValidOptionalPort(colonPort) else {
                throw GoURLError.Message("invalid port \(GoQuote.quoteBytes(colonPort)) after host")
            }
        }
        return try GoURLEscaping.unescape(host, .host)
    }

    /// Go's `validOptionalPort`: empty, or `:` and digits.
    static func isValidOptionalPort(_ port: [UInt8]) -> Bool {
        guard let first = port.first else { return true }
        return first == UInt8(ascii: ":") && port.dropFirst().allSatisfy(\.isASCIIDigit)
    }

    /// Go's `setPath`: the decoded path, and the raw one only when it differs from the default encoding.
    private mutating func setPath(_ escaped: [UInt8]) throws(GoURLError.Message) {
        path = try GoURLEscaping.unescape(escaped, .path)
        rawPath = GoURLEscaping.escape(path, .path) == escaped ? [] : escaped
    }

    private mutating func setFragment(_ escaped: [UInt8]) throws(GoURLError.Message) {
        fragment = try GoURLEscaping.unescape(escaped, .fragment)
        rawFragment = GoURLEscaping.escape(fragment, .fragment) == escaped ? [] : escaped
    }
}

/// Go's `url.Userinfo`: a user name and an optional password.
struct GoUserinfo: Hashable, Sendable {
    var username: [UInt8]
    var password: [UInt8]?

    /// Go's `Userinfo.String()`: `user[:password]`, escaped.
    var string: [UInt8] {
        var out = GoURLEscaping.escape(username, .userPassword)
        if let password { out += [UInt8(ascii: ":")] + GoURLEscaping.escape(password, .userPassword) }
        return out
    }
}
