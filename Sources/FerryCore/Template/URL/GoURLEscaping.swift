/// Percent-encoding as Go's `net/url` does it, part by part of a URL (RFC 3986 with Go's
/// deviations).
enum GoURLEscaping {
    /// The part of a URL being escaped or unescaped (Go's `encoding`).
    enum Mode { case path, pathSegment, host, zone, userPassword, queryComponent, fragment }

    /// Go's `shouldEscape`.
    static func shouldEscape(_ byte: UInt8, _ mode: Mode) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return false
        default:
            break
        }
        if mode == .host || mode == .zone {
            // Sub-delimiters, and the characters of a port and an IPv6 literal, which Parse
            // rejects escaped (hosts may escape only non-ASCII bytes).
            if Array("!$&'()*+,;=:[]<>\"".utf8).contains(byte) { return false }
        }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return byte == UInt8(ascii: "?")
            case .pathSegment: return byte == UInt8(ascii: "/") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "?")
            case .userPassword:
                return byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":")
            case .queryComponent: return true
            case .fragment: return false
            case .host, .zone: break
            }
        default:
            break
        }
        if mode == .fragment {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return true
    }

    /// Go's `escape`.
    static func escape(_ bytes: [UInt8], _ mode: Mode) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == UInt8(ascii: " ") && mode == .queryComponent {
                out.append(UInt8(ascii: "+"))
            } else if shouldEscape(byte, mode) {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// Go's `unescape`: `%XX` decoded (and `+` as a space in a query component).
    /// - Throws: `invalid URL escape "%zz"`, or for a host `invalid character "{" in host name`.
    static func unescape(_ bytes: [UInt8], _ mode: Mode) throws(GoURLError.Message) -> [UInt8] {
        var index = 0
        var escapes = 0
        var plus = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "%"):
                escapes += 1
                guard index + 2 < bytes.count, hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil else {
                    throw escapeError(Array(bytes[index..<min(index + 3, bytes.count)]))
                }
                let triple = Array(bytes[index..<(index + 3)])
                let isPercent = triple == Array("%25".utf8)
                let high = hexValue(bytes[index + 1]) ?? 0
                let value = high << 4 | (hexValue(bytes[index + 2]) ?? 0)
                // A host may escape only non-ASCII bytes, but %25 for the zone's percent (RFC 6874).
                if mode == .host && high < 8 && !isPercent { throw escapeError(triple) }
                if mode == .zone && !isPercent && value != UInt8(ascii: " ") && shouldEscape(value, .host) { throw escapeError(triple) }
                index += 3
            case UInt8(ascii: "+"):
                plus = mode == .queryComponent
                index += 1
            default:
                if (mode == .host || mode == .zone) && bytes[index] < 0x80 && shouldEscape(bytes[index], mode) {
                    throw GoURLError.Message("invalid character \(GoQuote.quoteBytes([bytes[index]])) in host name")
                }
                index += 1
            }
        }
        if escapes == 0 && !plus { return bytes }
        var out: [UInt8] = []
        index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "%"):
                out.append((hexValue(bytes[index + 1]) ?? 0) << 4 | (hexValue(bytes[index + 2]) ?? 0))
                index += 3
            case UInt8(ascii: "+"):
                out.append(mode == .queryComponent ? UInt8(ascii: " ") : UInt8(ascii: "+"))
                index += 1
            default:
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func escapeError(_ bytes: [UInt8]) -> GoURLError.Message {
        GoURLError.Message("invalid URL escape " + GoQuote.quoteBytes(bytes))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Go's `validEncoded`: nothing that escaping would have changed, sub-delimiters and `%` allowed.
    static func isValidEncoded(_ bytes: [UInt8], _ mode: Mode) -> Bool {
        let allowed = Array("!$&'()*+,;=:@[]%".utf8)
        return bytes.allSatisfy { allowed.contains($0) || !shouldEscape($0, mode) }
    }

    /// Go's `validUserinfo`: unreserved characters, sub-delimiters, `:`, `%` and `@`.
    static func isValidUserinfo(_ bytes: [UInt8]) -> Bool {
        let allowed = Array("-._:~!$&'()*+,;=%@".utf8)
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || byte.isASCIIDigit || allowed.contains(byte)
        }
    }
}
