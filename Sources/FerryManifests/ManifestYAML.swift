/// A YAML value to print as `flux … --export` prints objects: `sigs.k8s.io/yaml` output (go-yaml v2 emitter),
/// map keys sorted, sequences not indented under their key, strings quoted only where a plain scalar would not
/// read back as the same string.
public indirect enum ManifestYAML: Sendable, Hashable {
    /// A string.
    case string(String)
    /// `true` / `false`.
    case bool(Bool)
    /// An integer.
    case integer(Int64)
    /// A sequence.
    case list([ManifestYAML])
    /// A mapping (printed with keys sorted).
    case map([String: ManifestYAML])

    /// The document text, ending in a newline.
    public var text: String {
        var out = ""
        switch self {
        case .map(let members) where !members.isEmpty: Self.writeMap(members, indent: 0, into: &out)
        case .list(let items) where !items.isEmpty: Self.writeList(items, indent: 0, into: &out)
        default: out = Self.scalar(self) + "\n"
        }
        return out
    }

    /// `flux … --export` output: `---`, the document, and the blank line `Println` adds.
    public var exportText: String { "---\n" + text + "\n" }

    private static func writeMap(_ members: [String: ManifestYAML], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let value = members[key] else { continue }
            switch value {
            case .map(let child) where !child.isEmpty:
                out += pad + quoted(key) + ":\n"
                writeMap(child, indent: indent + 2, into: &out)
            case .list(let items) where !items.isEmpty:
                out += pad + quoted(key) + ":\n"
                writeList(items, indent: indent, into: &out)
            case .string(let text) where text.contains("\n"):
                out += pad + quoted(key) + ": " + literal(text, indent: indent + 2)
            default:
                out += pad + quoted(key) + ": " + scalar(value) + "\n"
            }
        }
    }

    private static func writeList(_ items: [ManifestYAML], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .map(let child) where !child.isEmpty:
                var nested = ""
                writeMap(child, indent: indent + 2, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            case .list(let inner) where !inner.isEmpty:
                var nested = ""
                writeList(inner, indent: indent + 2, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            default:
                out += pad + "- " + scalar(item) + "\n"
            }
        }
    }

    private static func scalar(_ value: ManifestYAML) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .list: "[]"
        case .map: "{}"
        }
    }

    private static func literal(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var body = text
        let chomp = body.hasSuffix("\n") ? (body.hasSuffix("\n\n") ? "+" : "") : "-"
        if body.hasSuffix("\n") { body.removeLast() }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
        return "|" + chomp + "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The string as go-yaml v2 writes it: double-quoted when a plain scalar would read back as
    /// something else (`""`, `"true"`, `"1"`, `"1.5"`, `"2024-01-15"`: the encoder asks for double
    /// quotes then), else plain when the emitter allows it, else single-quoted (`'#channel'`,
    /// `'>=1.0.0'`), else double-quoted.
    static func quoted(_ text: String) -> String {
        if !resolvesToOtherType(text) {
            if isPlainAllowed(text) { return text }
            if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) {
                return "'" + text.replacing("'", with: "''") + "'"
            }
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static let reservedWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
        "off", "Off", "OFF", "null", "Null", "NULL", "~", "<<", "=",
    ]

    /// Whether go-yaml v2 resolves the plain scalar to a type other than string (null, bool,
    /// number, base-60 float, merge key, timestamp).
    private static func resolvesToOtherType(_ text: String) -> Bool {
        text.isEmpty || reservedWords.contains(text) || looksNumeric(text) || looksLikeTimestamp(text)
    }

    /// `2006-1-2`, optionally followed by a time after `T`, `t` or a space (go-yaml v2's
    /// timestamp layouts).
    private static func looksLikeTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(from start: Int, min: Int, max: Int) -> Int? {
            var end = start
            while end < bytes.count, end - start < max, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            return end - start >= min ? end : nil
        }
        guard let year = digits(from: 0, min: 4, max: 4), year < bytes.count, bytes[year] == UInt8(ascii: "-"),
            let month = digits(from: year + 1, min: 1, max: 2), month < bytes.count, bytes[month] == UInt8(ascii: "-"),
            let day = digits(from: month + 1, min: 1, max: 2)
        else { return false }
        if day == bytes.count { return true }
        return [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[day]) && day + 1 < bytes.count
    }

    private static func isPlainAllowed(_ text: String) -> Bool {
        if text.isEmpty { return false }
        let scalars = Array(text.unicodeScalars)
        if scalars.first == " " || scalars.last == " " || scalars.first == "\t" || scalars.last == "\t" { return false }
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        for (index, scalar) in scalars.enumerated() {
            if scalar.value < 0x20 || scalar.value == 0x7f { return false }
            let followedBySpace = index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t"
            let precededBySpace = index > 0 && (scalars[index - 1] == " " || scalars[index - 1] == "\t")
            if index == 0 {
                switch scalar {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`": return false
                case "?", ":", "-": if followedBySpace { return false }
                default: break
                }
            } else {
                switch scalar {
                case ":": if followedBySpace { return false }
                case "#": if precededBySpace { return false }
                default: break
                }
            }
        }
        return true
    }

    private static func looksNumeric(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if body.isEmpty { return false }
        if [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"].contains(String(body)) { return true }
        if body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            return body.count > 2 && body.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" }
        }
        let digits = body.filter { $0 != "_" }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        // Floats: digits with one dot and an optional exponent, or sexagesimal (1:20).
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: Character = " "
        for character in body {
            if character.isASCII, character.isNumber {
                sawDigit = true
            } else if character == ".", !sawDot, !sawExponent {
                sawDot = true
            } else if (character == "e" || character == "E"), sawDigit, !sawExponent {
                sawExponent = true
            } else if (character == "+" || character == "-"), previous == "e" || previous == "E" {
                // exponent sign
            } else if character == ":" || character == "_" {
                // sexagesimal or separators
            } else {
                return false
            }
            previous = character
        }
        return sawDigit
    }
}
