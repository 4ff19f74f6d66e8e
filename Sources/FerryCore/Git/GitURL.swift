/// A Git remote address as `GitRepository.spec.url` holds it: `scheme://[user[:password]@]host[:port]/path`.
///
/// Schemes: `http`, `https`, `ssh` (what Flux accepts) and `file` and `git` (loopback tests and
/// `git daemon`). The user information is kept apart so that it can be handed to Git as a
/// credential and never appear in a URL that Git prints.
public struct GitURL: Hashable, Sendable, CustomStringConvertible {
    /// The scheme, lowercased: `https`, `http`, `ssh`, `git` or `file`.
    public let scheme: String
    /// The user name from the user information, percent-decoded; empty when there is none.
    public let username: String
    /// The password from the user information, percent-decoded; `nil` when there is none.
    public let password: String?
    /// The host (`[…]` kept for IPv6) and optional `:port`: Flux's `url.Host`.
    public let host: String
    /// The path, starting with `/` (may be empty for `https://host`).
    public let path: String

    /// Parses a URL.
    ///
    /// - Parameter text: The URL, e.g. `https://user:token@git.example.com/team/fleet.git`.
    /// - Throws: ``GitConfigurationError`` when there is no `scheme://`, or an unknown scheme.
    public init(_ text: String) throws(GitConfigurationError) {
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw .invalidURL("\"\(GitURL.redacting(text))\" has no scheme (expected https://, http://, ssh:// or file://)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard ["http", "https", "ssh", "git", "file"].contains(scheme) else {
            throw .unsupportedTransport(scheme)
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var username = ""
        var password: String?
        var host = authority
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            host = authority[authority.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                username = GitURL.percentDecoded(userinfo[..<colon])
                password = GitURL.percentDecoded(userinfo[userinfo.index(after: colon)...])
            } else {
                username = GitURL.percentDecoded(userinfo)
            }
        }
        if scheme != "file" && host.isEmpty {
            throw .invalidURL("\"\(GitURL.redacting(text))\" has no host")
        }
        self.scheme = scheme
        self.username = username
        self.password = password
        self.host = String(host)
        self.path = String(rest[authorityEnd...])
    }

    /// The URL without user information: what Git is given and what messages may show.
    public var withoutCredentials: String { "\(scheme)://\(host)\(path)" }

    /// The URL for Git over SSH with the user name the connection logs in as (Flux defaults it to `git`).
    public func withUser(_ user: String) -> String {
        user.isEmpty ? withoutCredentials : "\(scheme)://\(GitURL.percentEncodedUser(user))@\(host)\(path)"
    }

    /// Whether the transport is SSH.
    public var isSSH: Bool { scheme == "ssh" }

    /// Whether the transport is HTTP or HTTPS.
    public var isHTTP: Bool { scheme == "http" || scheme == "https" }

    /// ``withoutCredentials``.
    public var description: String { withoutCredentials }

    /// Removes the user information of every `scheme://user[:password]@` URL in a text, so that
    /// a message Git printed can be shown. Text without such URLs is returned unchanged.
    ///
    /// - Parameter text: Any text, e.g. Git's standard error.
    /// - Returns: The text with `scheme://` directly followed by the host wherever a URL carried credentials.
    public static func redacting(_ text: String) -> String {
        guard text.contains("@") else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var remaining = text[...]
        while let separator = remaining.firstRange(of: "://") {
            output += remaining[..<separator.upperBound]
            let after = remaining[separator.upperBound...]
            // The authority ends at the first character that cannot be in one.
            let authorityEnd = after.firstIndex { $0 == "/" || $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\n" || $0 == "\t" || $0 == ">" }
                ?? after.endIndex
            let authority = after[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                output += authority[authority.index(after: at)...]
            } else {
                output += authority
            }
            remaining = after[authorityEnd...]
        }
        output += remaining
        return output
    }

    static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes a user-information part (user name or password) for a URL.
    public static func percentEncodedUser(_ user: String) -> String {
        var output = ""
        for byte in user.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                output += "%"
                output.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                output.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0xF)]))
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
