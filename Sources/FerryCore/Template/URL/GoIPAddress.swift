/// Go's `netip.ParseAddr`, as far as `net/url` uses it since Go 1.24.8 and 1.25.2 (the fix for
/// CVE-2025-47912): whether a bracketed host is an IP address, which kind, and Go's message
/// when it is not (`ParseAddr("12345::"): each group must have 4 or less digits (at "12345::")`).
enum GoIPAddress {
    /// The kind of address `text` holds.
    enum Kind { case v4, v6 }

    /// Parses `text` as `netip.ParseAddr` does.
    /// - Returns: The kind of address.
    /// - Throws: Go's `parseAddrError` text.
    static func parse(_ text: [UInt8]) throws(GoURLError.Message) -> Kind {
        for byte in text {
            switch byte {
            case UInt8(ascii: "."):
                try parseIPv4(text, text[...])
                return .v4
            case UInt8(ascii: ":"):
                try parseIPv6(text)
                return .v6
            case UInt8(ascii: "%"):
                throw failure(text, "missing IPv6 address")
            default:
                continue
            }
        }
        throw failure(text, "unable to parse IP")
    }

    private static func failure(_ input: [UInt8], _ message: String, at: ArraySlice<UInt8> = []) -> GoURLError.Message {
        var text = "ParseAddr(" + GoQuote.quoteBytes(input) + "): " + message
        if !at.isEmpty { text += " (at " + GoQuote.quoteBytes(Array(at)) + ")" }
        return GoURLError.Message(text)
    }

    /// Go's `parseIPv4Fields`: four decimal fields, no leading zeros; errors name the whole input.
    private static func parseIPv4(_ input: [UInt8], _ text: ArraySlice<UInt8>) throws(GoURLError.Message) {
        var value = 0
        var fields = 0
        var digits = 0
        for index in text.indices {
            let byte = text[index]
            if byte.isASCIIDigit {
                if digits == 1 && value == 0 { throw failure(input, "IPv4 field has octet with leading zero") }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if value > 255 { throw failure(input, "IPv4 field has value >255") }
            } else if byte == UInt8(ascii: ".") {
                if index == text.startIndex || index == text.endIndex - 1 || text[index - 1] == UInt8(ascii: ".") {
                    throw failure(input, "IPv4 field must have at least one digit", at: text[index...])
                }
                if fields == 3 { throw failure(input, "IPv4 address too long") }
                fields += 1
                value = 0
                digits = 0
            } else {
                throw failure(input, "unexpected character", at: text[index...])
            }
        }
        if fields < 3 { throw failure(input, "IPv4 address too short") }
    }

    /// Go's `parseIPv6`: hex groups of at most four digits, one `::`, an optional embedded
    /// IPv4 address and an optional `%zone`.
    private static func parseIPv6(_ input: [UInt8]) throws(GoURLError.Message) {
        var rest = input[...]
        if let percent = input.firstIndex(of: UInt8(ascii: "%")) {
            rest = input[..<percent]
            if percent == input.count - 1 { throw failure(input, "zone must be a non-empty string") }
        }
        let end = rest.endIndex
        var filled = 0
        var ellipsis = -1
        if rest.starts(with: "::".utf8) {
            ellipsis = 0
            rest = rest.dropFirst(2)
            if rest.isEmpty { return }
        }
        while filled < 16 {
            var offset = 0
            var accumulator: UInt32 = 0
            for byte in rest {
                guard let digit = hexValue(byte) else { break }
                accumulator = (accumulator << 4) + digit
                if offset > 3 { throw failure(input, "each group must have 4 or less digits", at: rest) }
                if accumulator > 0xFFFF { throw failure(input, "IPv6 field has value >=2^16", at: rest) }
                offset += 1
            }
            if offset == 0 { throw failure(input, "each colon-separated field must have at least one digit", at: rest) }
            if rest.dropFirst(offset).first == UInt8(ascii: ".") {
                if ellipsis < 0 && filled != 12 {
                    throw failure(input, "embedded IPv4 address must replace the final 2 fields of the address", at: rest)
                }
                if filled + 4 > 16 { throw failure(input, "too many hex fields to fit an embedded IPv4 at the end of the address", at: rest) }
                try parseIPv4(input, input[rest.startIndex..<end])
                rest = rest[end...]
                filled += 4
                break
            }
            filled += 2
            rest = rest.dropFirst(offset)
            guard let next = rest.first else { break }
            if next != UInt8(ascii: ":") { throw failure(input, "unexpected character, want colon", at: rest) }
            if rest.count == 1 { throw failure(input, "colon must be followed by more characters", at: rest) }
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: ":") {
                if ellipsis >= 0 { throw failure(input, "multiple :: in address", at: rest) }
                ellipsis = filled
                rest = rest.dropFirst()
                if rest.isEmpty { break }
            }
        }
        if !rest.isEmpty { throw failure(input, "trailing garbage after address", at: rest) }
        if filled < 16 {
            if ellipsis < 0 { throw failure(input, "address string too short") }
        } else if ellipsis >= 0 {
            throw failure(input, "the :: must expand to at least one field of zeros")
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
