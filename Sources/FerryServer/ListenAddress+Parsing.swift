extension ListenAddress {
    /// Parses `HOST:PORT`, `:PORT` (every IPv4 interface) or `[IPV6]:PORT`, as Go's `net.Listen`
    /// takes them (except that `:PORT` binds IPv4 only).
    ///
    /// - Parameter text: The address as written on the command line.
    /// - Throws: ``ListenAddressError`` saying what is wrong and what was expected.
    public init(parsing text: String) throws(ListenAddressError) {
        func fail(_ reason: String) -> ListenAddressError { ListenAddressError(value: text, reason: reason) }
        guard !text.isEmpty else { throw fail("it is empty; give HOST:PORT, :PORT or [IPv6]:PORT, e.g. 127.0.0.1:9292") }
        if text.contains("://") { throw fail("it looks like a URL; give HOST:PORT without a scheme, e.g. 127.0.0.1:9292") }
        if let bad = text.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value >= 0x7F }) {
            throw fail("it contains \(bad.value == 0x20 ? "a space" : "the character U+\(String(bad.value, radix: 16, uppercase: true))")")
        }

        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw fail("the IPv6 address has no closing ']'") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else {
                throw fail(rest.isEmpty ? "it has no port; add one after the brackets, e.g. [::1]:9292" : "expected ':' and a port after ']'")
            }
            portText = rest.dropFirst()
            guard Self.isIPv6(host) else { throw fail("\"\(host)\" inside the brackets is not an IPv6 address") }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                if text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                    throw fail("a port needs a ':' before it; give :\(text) for every interface or 127.0.0.1:\(text) for this machine only")
                }
                throw fail("it has no port; give HOST:PORT or :PORT, e.g. \(text):9292")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { throw fail("an IPv6 address needs brackets, e.g. [::1]:9292") }
            if !host.isEmpty, !Self.isHostName(host) {
                throw fail("\"\(host)\" is not a host name or an IP address")
            }
        }
        guard !portText.isEmpty else { throw fail("the port is missing after ':'") }
        guard portText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), portText.count <= 5, let port = Int(portText),
            port <= 65535
        else {
            throw fail("the port \"\(portText)\" is not a number from 0 to 65535")
        }
        self.init(host: host.isEmpty ? "0.0.0.0" : String(host), port: port)
    }

    /// Letters, digits, `-`, `_` and `.` in dot-separated labels (this also covers IPv4 addresses).
    private static func isHostName(_ host: Substring) -> Bool {
        guard host.utf8.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63
                && label.utf8.allSatisfy { byte in
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                }
        }
    }

    /// Hex groups separated by `:` (at most one `::`), optionally ending in an IPv4 address, with an
    /// optional `%zone`.
    private static func isIPv6(_ host: Substring) -> Bool {
        var address = host
        if let percent = host.firstIndex(of: "%") {
            guard host.index(after: percent) < host.endIndex else { return false }
            address = host[..<percent]
        }
        guard address.contains(":") else { return false }
        let doubleColons = address.utf8.indices.filter { index in
            address.utf8[index] == UInt8(ascii: ":") && address.utf8.index(after: index) < address.utf8.endIndex
                && address.utf8[address.utf8.index(after: index)] == UInt8(ascii: ":")
        }
        guard doubleColons.count <= 1, !address.contains(":::") else { return false }
        var groups = address.split(separator: ":", omittingEmptySubsequences: true)
        var limit = 8
        if let last = groups.last, last.contains(".") {
            let octets = last.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ Int($0).map { (0...255).contains($0) } ?? false }) else { return false }
            groups.removeLast()
            limit = 6
        }
        guard groups.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }) else { return false }
        return doubleColons.isEmpty ? groups.count == limit : groups.count < limit
    }
}

/// A listen address that cannot be parsed, with what is wrong with it.
public struct ListenAddressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The address as given.
    public var value: String
    /// What is wrong, as a clause.
    public var reason: String

    /// Creates an error.
    public init(value: String, reason: String) {
        self.value = value
        self.reason = reason
    }

    /// `invalid listen address "…": <reason>`.
    public var description: String { "invalid listen address \"\(value)\": \(reason)" }
}
