/// A JSON value that serialises byte for byte as Go's `encoding/json` `Marshal` does: object members in the
/// order given (Go writes struct fields in declaration order), maps with sorted keys, and Go's string escaping
/// (`<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes). Notification payloads are built from it so that the bytes
/// Ferry sends, and the HMAC over them, are the bytes Flux would send.
public indirect enum GoJSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case integer(Int64)
    /// A string.
    case string(String)
    /// An array.
    case array([GoJSON])
    /// An object, members in this order.
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The key.
        public var key: String
        /// The value.
        public var value: GoJSON

        /// Creates a member.
        public init(_ key: String, _ value: GoJSON) {
            self.key = key
            self.value = value
        }
    }

    /// An object from `key: value` pairs, in order.
    public static func fields(_ members: [(String, GoJSON)]) -> GoJSON {
        .object(members.map { Member($0.0, $0.1) })
    }

    /// A Go `map[string]string`: keys sorted by byte order, as `encoding/json` writes maps.
    public static func stringMap(_ map: [String: String]) -> GoJSON {
        .object(map.keys.sorted(by: GoJSON.byteOrder).map { Member($0, .string(map[$0] ?? "")) })
    }

    /// A Go `[]string`.
    public static func strings(_ values: [String]) -> GoJSON { .array(values.map(GoJSON.string)) }

    /// Byte-order comparison of two strings, as Go's `sort.Strings` and `strings.Compare` order them.
    public static func byteOrder(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// The serialised bytes, without a trailing newline (as `json.Marshal`).
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    /// The serialised text.
    public var text: String { String(decoding: encoded(), as: UTF8.self) }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .null:
            out += Array("null".utf8)
        case .bool(let value):
            out += Array((value ? "true" : "false").utf8)
        case .integer(let value):
            out += Array(String(value).utf8)
        case .string(let value):
            GoJSON.writeString(value, to: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                GoJSON.writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Go's `encodeState.string` with HTML escaping on (the `json.Marshal` default), Go 1.22 and later.
    static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: out += [0x5c, 0x22]
            case 0x5c: out += [0x5c, 0x5c]
            case 0x0a: out += [0x5c, UInt8(ascii: "n")]
            case 0x0d: out += [0x5c, UInt8(ascii: "r")]
            case 0x09: out += [0x5c, UInt8(ascii: "t")]
            case 0x08: out += [0x5c, UInt8(ascii: "b")]
            case 0x0c: out += [0x5c, UInt8(ascii: "f")]
            case 0x00..<0x20, 0x3c, 0x3e, 0x26:
                let byte = UInt8(scalar.value)
                out += [0x5c, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            case 0x2028: out += Array("\\u2028".utf8)
            case 0x2029: out += Array("\\u2029".utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
