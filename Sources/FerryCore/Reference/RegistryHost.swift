/// Byte-level rules for the registry part of an image reference: which strings are valid URI authorities, and which
/// registries go-containerregistry contacts over plain HTTP.
///
/// Everything here works on UTF-8 bytes, as Go does, so that combining characters and other non-ASCII input are
/// judged exactly as Flux judges them.
enum RegistryHost {
    // MARK: - Authority validation

    /// Whether `host` is what go-containerregistry accepts as a registry: Go's `url.Parse("//" + host)` must succeed
    /// and give back `host` unchanged as the URL's host.
    ///
    /// That means: no control characters; no `#`, `?`, `/`, `@` or `%` (each either fails or changes the host); an
    /// optional `:port` of ASCII digits (possibly none, and without an upper bound); only the characters Go leaves
    /// unescaped in hosts, plus any non-ASCII bytes. A `[` may only open the authority, and must then enclose an IPv6
    /// address, not an IPv4 one (Go 1.24.8 / 1.25.2 and later, the fix for CVE-2025-47912).
    static func isValidAuthority(_ host: Substring) -> Bool {
        let bytes = Array(host.utf8)
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F {
                return false
            }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "%"):
                return false
            default:
                continue
            }
        }
        if let open = bytes.lastIndex(of: UInt8(ascii: "[")) {
            guard open == 0, let close = bytes.lastIndex(of: UInt8(ascii: "]")), close > open else {
                return false
            }
            return isValidOptionalPort(bytes[(close + 1)...]) && isBracketedIPv6(bytes[(open + 1)..<close])
        }
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")), !isValidOptionalPort(bytes[colon...]) {
            return false
        }
        return bytes.allSatisfy { $0 >= 0x80 || isUnescapedHostByte($0) }
    }

    /// Go's `validOptionalPort`: empty, or `:` followed by any number of ASCII digits.
    private static func isValidOptionalPort(_ port: ArraySlice<UInt8>) -> Bool {
        guard let first = port.first else {
            return true
        }
        return first == UInt8(ascii: ":") && port.dropFirst().allSatisfy(isDigit)
    }

    /// ASCII bytes that Go's URL parser leaves unescaped in a host: letters, digits, RFC 3986 sub-delimiters, `:`,
    /// brackets, `<`, `>`, `"`, and the unreserved marks `-`, `_`, `.`, `~`.
    private static func isUnescapedHostByte(_ byte: UInt8) -> Bool {
        if isDigit(byte) || isLetter(byte) {
            return true
        }
        return #"!$&'()*+,;=:[]<>"-_.~"#.utf8.contains(byte)
    }

    /// What Go's `netip.ParseAddr` accepts between the brackets: an IPv6 address (IPv4-mapped forms included), never a
    /// plain IPv4 address. Zones are impossible here because `%` was rejected earlier.
    private static func isBracketedIPv6(_ text: ArraySlice<UInt8>) -> Bool {
        // ParseAddr dispatches on the first '.' or ':'; a '.' first means IPv4, which brackets may not hold.
        guard let marker = text.first(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }),
            marker == UInt8(ascii: ":")
        else {
            return false
        }
        return isIPv6Address(text)
    }

    /// Go's `netip` IPv6 grammar (without a zone): up to eight groups of one to four hex digits, at most one `::`
    /// standing for at least one zero group, and an optional dotted IPv4 address in place of the last two groups.
    static func isIPv6Address(_ text: ArraySlice<UInt8>) -> Bool {
        var rest = text
        var filled = 0
        var ellipsis: Int?
        if rest.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            ellipsis = 0
            rest = rest.dropFirst(2)
            if rest.isEmpty {
                return true
            }
        }
        while filled < 16 {
            let digits = rest.prefix(while: { hexValue($0) != nil })
            guard !digits.isEmpty, digits.count <= 4 else {
                return false
            }
            let afterDigits = rest.dropFirst(digits.count)
            if afterDigits.first == UInt8(ascii: ".") {
                guard ellipsis != nil || filled == 12, filled + 4 <= 16, ipv4Octets(rest) != nil else {
                    return false
                }
                rest = []
                filled += 4
                break
            }
            filled += 2
            rest = afterDigits
            if rest.isEmpty {
                break
            }
            guard rest.first == UInt8(ascii: ":"), rest.count > 1 else {
                return false
            }
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: ":") {
                guard ellipsis == nil else {
                    return false
                }
                ellipsis = filled
                rest = rest.dropFirst()
                if rest.isEmpty {
                    break
                }
            }
        }
        guard rest.isEmpty else {
            return false
        }
        // Too few groups need a '::' to fill the gap; a full set of groups leaves nothing for '::' to stand for.
        return filled < 16 ? ellipsis != nil : ellipsis == nil
    }

    /// Go's `netip` IPv4 grammar: exactly four decimal fields, each 0–255, with no leading zeros and no empty fields.
    static func ipv4Octets(_ text: some Collection<UInt8>) -> [UInt8]? {
        var octets: [UInt8] = []
        var value = 0
        var digitCount = 0
        for byte in text {
            if isDigit(byte) {
                if digitCount == 1 && value == 0 {
                    return nil
                }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digitCount += 1
                if value > 255 {
                    return nil
                }
            } else if byte == UInt8(ascii: ".") {
                guard digitCount > 0, octets.count < 3 else {
                    return nil
                }
                octets.append(UInt8(value))
                value = 0
                digitCount = 0
            } else {
                return nil
            }
        }
        guard digitCount > 0, octets.count == 3 else {
            return nil
        }
        octets.append(UInt8(value))
        return octets
    }

    // MARK: - Scheme

    /// Whether go-containerregistry would talk plain HTTP to `registry` when the user did not ask for it: private
    /// IPv4 addresses, `localhost`, `*.local` and `*.localhost`, and the loopback addresses `127.0.0.1` and `::1`.
    ///
    /// The `*.local` rule follows go-containerregistry as Flux ships it (its `reLocal`); upstream narrowed it to
    /// `*.localhost` in v0.21.6 (PR 2281). The loopback rules are anchored as upstream fixed them in PR 2314: the older
    /// substring match also sent `127.0.0.1.example.com` and `[2001:db8::1]` over HTTP.
    static func prefersPlainHTTP(_ registry: String) -> Bool {
        if isRFC1918(registry) {
            return true
        }
        if registry == "localhost" || registry.utf8.starts(with: "localhost:".utf8) {
            return true
        }
        let withoutPort = strippingShortPort(registry)
        for candidate in [registry.utf8[...], withoutPort].compactMap({ $0 }) {
            if candidate.hasSuffix(".local".utf8) || candidate.hasSuffix(".localhost".utf8) {
                return true
            }
        }
        if registry == "127.0.0.1" || withoutPort.map({ $0.elementsEqual("127.0.0.1".utf8) }) == true {
            return true
        }
        if registry == "::1" || registry == "[::1]" || withoutPort.map({ $0.elementsEqual("[::1]".utf8) }) == true {
            return true
        }
        return false
    }

    /// go-containerregistry's `isRFC1918`: the text before the first `:` is an IPv4 address in 10/8, 172.16/12 or
    /// 192.168/16.
    private static func isRFC1918(_ registry: String) -> Bool {
        let hostPart = registry.utf8.prefix(while: { $0 != UInt8(ascii: ":") })
        guard let octets = ipv4Octets(hostPart) else {
            return false
        }
        switch (octets[0], octets[1]) {
        case (10, _), (172, 16...31), (192, 168):
            return true
        default:
            return false
        }
    }

    /// `registry` without a trailing `:` and one to five digits (the `(?::\d{1,5})?$` of go-containerregistry's
    /// patterns), or `nil` when it has no such suffix.
    private static func strippingShortPort(_ registry: String) -> Substring.UTF8View? {
        let bytes = registry.utf8[...]
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else {
            return nil
        }
        let digits = bytes[bytes.index(after: colon)...]
        guard (1...5).contains(digits.count), digits.allSatisfy(isDigit) else {
            return nil
        }
        return bytes[..<colon]
    }

    // MARK: - Characters

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Collection where Element == UInt8 {
    /// Byte-wise suffix test (Go's `strings.HasSuffix`).
    fileprivate func hasSuffix(_ suffix: some Collection<UInt8>) -> Bool {
        count >= suffix.count && dropFirst(count - suffix.count).elementsEqual(suffix)
    }
}
