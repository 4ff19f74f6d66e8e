/// Reads numbers the way Go's `strconv.ParseFloat(s, 64)` does, which is how Flux's numerical
/// policy reads tags.
///
/// Accepted: an optional sign, decimal digits with an optional `.` and exponent (`1e3`), hex
/// floats with a mandatory `p` exponent (`0x1p4`), `_` between digits (`1_000`, `0x_1p0`),
/// and `inf`, `infinity` (optionally signed) and `nan` in any letter case. Rejected: empty
/// text, surrounding space, a bare sign or `.`, misplaced underscores, and values too large for
/// a 64-bit float (Go reports those as range errors, so Flux rejects them too).
enum GoFloat {
    /// The value, or `nil` when Go's `ParseFloat` would return an error.
    static func parse<S: StringProtocol>(_ text: S) -> Double? {
        if let integer = smallInteger(text) { return integer }
        let bytes = Array(text.utf8)
        if let first = bytes.first, !first.isASCIIDigit, first != UInt8(ascii: "."), let special = special(bytes) { return special }
        guard let cleaned = validatedLiteral(bytes) else { return nil }
        guard let value = Double(cleaned) else { return nil }
        return value.isInfinite ? nil : value
    }

    /// The fast path for the common case, an optionally signed run of at most 15 digits: every
    /// such integer is exactly representable, so no rounding question arises.
    /// The value of the UTF-8 `bytes`, or `nil` when Go's `ParseFloat` would return an error.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let integer = smallInteger(bytes: bytes) { return integer }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    private static func smallInteger<S: StringProtocol>(_ text: S) -> Double? {
        if let fast = text.utf8.withContiguousStorageIfAvailable({ smallInteger(bytes: $0) }) { return fast }
        return smallInteger(bytes: Array(text.utf8))
    }

    private static func smallInteger(bytes: some RandomAccessCollection<UInt8>) -> Double? {
        var index = bytes.startIndex
        var negative = false
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }
        let digits = bytes.distance(from: index, to: bytes.endIndex)
        guard digits > 0, digits <= 15 else { return nil }
        var value: Int64 = 0
        while index != bytes.endIndex {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
            index = bytes.index(after: index)
        }
        return negative ? -Double(value) : Double(value)
    }

    /// `inf`, `+inf`, `-infinity`, `nan` (case-insensitive); `+nan` is not accepted by Go.
    private static func special(_ bytes: [UInt8]) -> Double? {
        var index = 0
        var sign: Double = 1
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            index = 1
        }
        let rest = String(decoding: bytes[index...], as: UTF8.self).lowercased()
        if rest == "inf" || rest == "infinity" { return sign * .infinity }
        if index == 0, rest == "nan" { return .nan }
        return nil
    }

    /// Checks the literal against Go's grammar and returns it without underscores, in a form
    /// Swift's `Double(_:)` reads with the same rounding; `nil` on a syntax error.
    private static func validatedLiteral(_ bytes: [UInt8]) -> String? {
        var index = 0
        var output: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            output.append(bytes[index])
            index += 1
        }
        var hex = false
        if index + 2 < bytes.count, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            hex = true
            output += [UInt8(ascii: "0"), UInt8(ascii: "x")]
            index += 2
        }
        var sawDigits = false
        var sawDot = false
        var underscores = false
        mantissa: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "_"):
                underscores = true
            case UInt8(ascii: "."):
                if sawDot { break mantissa }
                sawDot = true
                output.append(byte)
            case _ where byte.isASCIIDigit || (hex && byte.isHexLetter):
                sawDigits = true
                output.append(byte)
            default:
                break mantissa
            }
            index += 1
        }
        guard sawDigits else { return nil }

        let exponentMarker = hex ? UInt8(ascii: "p") : UInt8(ascii: "e")
        if index < bytes.count, bytes[index] | 0x20 == exponentMarker {
            output.append(exponentMarker)
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                output.append(bytes[index])
                index += 1
            }
            guard index < bytes.count, bytes[index].isASCIIDigit else { return nil }
            while index < bytes.count, bytes[index].isASCIIDigit || bytes[index] == UInt8(ascii: "_") {
                if bytes[index] == UInt8(ascii: "_") { underscores = true } else { output.append(bytes[index]) }
                index += 1
            }
        } else if hex {
            return nil  // Go requires the exponent of a hex float.
        }
        guard index == bytes.count else { return nil }
        if underscores && !underscoresAreSeparators(bytes) { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// Go's rule: an underscore must sit between two digits, or between a base prefix and a
    /// digit.
    private static func underscoresAreSeparators(_ bytes: [UInt8]) -> Bool {
        enum Last { case start, digit, underscore, other }
        var index = 0
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { index = 1 }
        var last = Last.start
        var hex = false
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0") {
            let marker = bytes[index + 1] | 0x20
            if marker == UInt8(ascii: "b") || marker == UInt8(ascii: "o") || marker == UInt8(ascii: "x") {
                index += 2
                last = .digit
                hex = marker == UInt8(ascii: "x")
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte.isASCIIDigit || (hex && byte.isHexLetter) {
                last = .digit
            } else if byte == UInt8(ascii: "_") {
                if last != .digit { return false }
                last = .underscore
            } else {
                if last == .underscore { return false }
                last = .other
            }
        }
        return last != .underscore
    }
}

extension UInt8 {
    var isHexLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "f") }
}
