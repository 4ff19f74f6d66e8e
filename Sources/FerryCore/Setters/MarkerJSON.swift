/// Decodes a marker comment's JSON as Go's `json.Unmarshal` into `map[string]string` does, which is how kyaml reads
/// `{"$imagepolicy": "ns:name"}`: one complete JSON object whose values are strings (or `null`, read as the empty
/// string), surrounded by nothing but JSON whitespace. Later duplicate keys win; `null` alone decodes to no map.
enum MarkerJSON {
    /// Why a comment is not a JSON object of strings.
    struct Failure: Error, Equatable {
        let message: String
    }

    /// The object's members, or `nil` for a JSON `null`.
    static func decodeObjectOfStrings(_ text: ArraySlice<UInt8>) throws(Failure) -> [String: String]? {
        var reader = Reader(bytes: Array(text))
        reader.skipWhitespace()
        if reader.consume("null") {
            reader.skipWhitespace()
            guard reader.atEnd else { throw Failure(message: "unexpected text after the JSON value") }
            return nil
        }
        guard reader.peek == UInt8(ascii: "{") else {
            throw Failure(message: reader.atEnd ? "the comment is empty" : "the comment is not a JSON object")
        }
        reader.position += 1
        var members: [String: String] = [:]
        reader.skipWhitespace()
        if reader.peek == UInt8(ascii: "}") {
            reader.position += 1
        } else {
            while true {
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: "\"") else { throw Failure(message: "expected a string key in the JSON object") }
                let key = try reader.readString()
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: ":") else { throw Failure(message: "expected ':' after the key \"\(key)\"") }
                reader.position += 1
                reader.skipWhitespace()
                if reader.peek == UInt8(ascii: "\"") {
                    members[key] = try reader.readString()
                } else if reader.consume("null") {
                    members[key] = ""
                } else {
                    throw Failure(message: "the value of \"\(key)\" is not a string")
                }
                reader.skipWhitespace()
                if reader.peek == UInt8(ascii: ",") {
                    reader.position += 1
                    continue
                }
                guard reader.peek == UInt8(ascii: "}") else { throw Failure(message: "expected ',' or '}' in the JSON object") }
                reader.position += 1
                break
            }
        }
        reader.skipWhitespace()
        guard reader.atEnd else { throw Failure(message: "unexpected text after the JSON object") }
        return members
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let b = peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { position += 1 }
        }

        mutating func consume(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard bytes.count - position >= utf8.count, bytes[position..<position + utf8.count].elementsEqual(utf8) else { return false }
            position += utf8.count
            return true
        }

        /// A JSON string at the opening quote, with Go's escapes (`\uXXXX` surrogate pairs; a lone surrogate becomes
        /// U+FFFD).
        mutating func readString() throws(Failure) -> String {
            position += 1
            var out: [UInt8] = []
            while true {
                guard let b = peek else { throw Failure(message: "unterminated string in the JSON object") }
                position += 1
                if b == UInt8(ascii: "\"") { break }
                if b < 0x20 { throw Failure(message: "control character in a JSON string") }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    continue
                }
                guard let escape = peek else { throw Failure(message: "unterminated string in the JSON object") }
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\"), position + 1 < bytes.count,
                        bytes[position + 1] == UInt8(ascii: "u")
                    {
                        let save = position
                        position += 2
                        let low = try readHex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                        }
                    }
                    out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
                default:
                    throw Failure(message: "invalid escape in a JSON string")
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        private mutating func readHex4() throws(Failure) -> UInt32 {
            guard bytes.count - position >= 4 else { throw Failure(message: "invalid \\u escape in a JSON string") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[position]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: throw Failure(message: "invalid \\u escape in a JSON string")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}
