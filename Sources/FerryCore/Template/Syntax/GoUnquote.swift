/// Go's `strconv.Unquote` and `UnquoteChar` for the literals a template can hold:
/// `"…"` with Go escapes, `` `…` `` raw strings and `'c'` character constants.
enum GoUnquote {
    /// The value of a quoted literal, or `nil` when Go reports `invalid syntax`.
    static func unquote(_ quoted: String) -> String? {
        let bytes = Array(quoted.utf8)
        guard bytes.count >= 2, let quote = bytes.first, bytes.last == quote else { return nil }
        let body = Array(bytes[1..<(bytes.count - 1)])
        switch quote {
        case UInt8(ascii: "`"):
            if body.contains(UInt8(ascii: "`")) { return nil }
            return String(decoding: body.filter { $0 != 0x0D }, as: UTF8.self)
        case UInt8(ascii: "\""):
            if body.contains(0x0A) { return nil }
            var result: [UInt8] = []
            var index = 0
            while index < body.count {
                if body[index] == UInt8(ascii: "\"") { return nil }
                if body[index] != UInt8(ascii: "\\") {
                    result.append(body[index])
                    index += 1
                    continue
                }
                guard let (bytes, length) = escape(body, index + 1, quote: UInt8(ascii: "\"")) else { return nil }
                result.append(contentsOf: bytes)
                index += 1 + length
            }
            return String(decoding: result, as: UTF8.self)
        default:
            return nil
        }
    }

    /// The code point of a character constant such as `'a'` or `'\n'`, or `nil`.
    static func unquoteCharacter(_ quoted: String) -> Unicode.Scalar? {
        let bytes = Array(quoted.utf8)
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "'"), bytes.last == UInt8(ascii: "'") else { return nil }
        let body = Array(bytes[1..<(bytes.count - 1)])
        if body.first == UInt8(ascii: "\\") {
            guard let (decoded, length) = escape(body, 1, quote: UInt8(ascii: "'")), length + 1 == body.count else { return nil }
            return String(decoding: decoded, as: UTF8.self).unicodeScalars.first
        }
        let text = String(decoding: body, as: UTF8.self)
        guard text.unicodeScalars.count == 1 else { return nil }
        return text.unicodeScalars.first
    }

    /// Whether the constant starts with one well-formed character (so the error is
    /// "malformed character constant" rather than "invalid syntax").
    static func isSingleCharacterPrefix(_ quoted: String) -> Bool {
        let scalars = Array(quoted.unicodeScalars)
        return scalars.count > 3 && scalars[1] != "\\"
    }

    /// Decodes the escape after a backslash at `start`; returns the UTF-8 and the bytes consumed.
    private static func escape(_ body: [UInt8], _ start: Int, quote: UInt8) -> ([UInt8], Int)? {
        guard start < body.count else { return nil }
        let code = body[start]
        func hexValue(_ count: Int) -> UInt32? {
            guard start + count < body.count + 0, start + count <= body.count - 0 else { return nil }
            var value: UInt32 = 0
            for offset in 1...count {
                guard start + offset < body.count, let digit = hexDigit(body[start + offset]) else { return nil }
                value = value * 16 + digit
            }
            return value
        }
        switch code {
        case UInt8(ascii: "a"): return ([0x07], 1)
        case UInt8(ascii: "b"): return ([0x08], 1)
        case UInt8(ascii: "f"): return ([0x0C], 1)
        case UInt8(ascii: "n"): return ([0x0A], 1)
        case UInt8(ascii: "r"): return ([0x0D], 1)
        case UInt8(ascii: "t"): return ([0x09], 1)
        case UInt8(ascii: "v"): return ([0x0B], 1)
        case UInt8(ascii: "\\"): return ([0x5C], 1)
        case quote: return ([quote], 1)
        case UInt8(ascii: "x"):
            guard let value = hexValue(2) else { return nil }
            return (value < 0x80 ? [UInt8(value)] : Array(String(Unicode.Scalar(UInt8(value))).utf8), 3)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = code == UInt8(ascii: "u") ? 4 : 8
            guard let value = hexValue(count), let scalar = Unicode.Scalar(value) else { return nil }
            return (Array(String(scalar).utf8), count + 1)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard start + 2 < body.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<3 {
                let digit = body[start + offset]
                guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "7") else { return nil }
                value = value * 8 + UInt32(digit - UInt8(ascii: "0"))
            }
            guard value <= 255 else { return nil }
            return (value < 0x80 ? [UInt8(value)] : Array(String(Unicode.Scalar(UInt8(value))).utf8), 3)
        default:
            return nil
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
