/// Go's `strconv.ParseInt(s, 0, 64)` and `ParseUint(s, 0, 64)`: prefixes `0x`, `0o`, `0b`,
/// a leading `0` for octal, and `_` between digits.
enum GoInteger {
    static func parseSigned(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard let magnitude = parseUnsigned(String(body)) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func parseUnsigned(_ text: String) -> UInt64? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        let original = bytes
        var base: UInt64 = 10
        if bytes[0] == UInt8(ascii: "0") {
            if bytes.count >= 3 && (bytes[1] | 0x20) == UInt8(ascii: "b") {
                base = 2
                bytes.removeFirst(2)
            } else if bytes.count >= 3 && (bytes[1] | 0x20) == UInt8(ascii: "o") {
                base = 8
                bytes.removeFirst(2)
            } else if bytes.count >= 3 && (bytes[1] | 0x20) == UInt8(ascii: "x") {
                base = 16
                bytes.removeFirst(2)
            } else {
                base = 8
                bytes.removeFirst(1)
            }
        }
        var value: UInt64 = 0
        var underscores = false
        for byte in bytes {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "_"):
                underscores = true
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < base else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: base)
            let (sum, carry) = product.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        if underscores && !underscoreOK(original) { return nil }
        return value
    }

    /// Go's `underscoreOK`: every `_` sits between digits (or after a base prefix).
    private static func underscoreOK(_ bytes: [UInt8]) -> Bool {
        var saw = UInt8(ascii: "^")
        var index = 0
        let hex = bytes.count >= 2 && bytes[0] == UInt8(ascii: "0") && (bytes[1] | 0x20) == UInt8(ascii: "x")
        if bytes.count >= 2 && bytes[0] == UInt8(ascii: "0") && [UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "x")].contains(bytes[1] | 0x20) {
            index = 2
            saw = UInt8(ascii: "0")
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            let lower = byte | 0x20
            if (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
                continue
            }
            if byte == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }
}
