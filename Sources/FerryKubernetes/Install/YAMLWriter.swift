/// Writes JSON values as block YAML, keys in their order, strings quoted whenever a YAML
/// 1.1 or 1.2 reader could take them for anything but that string.
public enum YAMLWriter {
    /// Documents separated by `---`.
    public static func documents(_ values: [JSONValue]) -> String {
        values.map { "---\n" + document($0) }.joined()
    }

    /// One document, ending in a newline.
    public static func document(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, to output: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            for (key, member) in members {
                output += pad + scalar(.string(key)) + ":"
                writeNested(member, indent: indent, to: &output)
            }
        case .array(let elements) where !elements.isEmpty:
            for element in elements {
                output += pad + "-"
                switch element {
                case .object(let members) where !members.isEmpty:
                    var nested = ""
                    write(element, indent: indent + 2, to: &nested)
                    output += " " + nested.dropFirst(indent + 2)
                    _ = members
                case .array(let inner) where !inner.isEmpty:
                    output += "\n"
                    write(element, indent: indent + 2, to: &output)
                default:
                    output += " " + scalar(element) + "\n"
                }
            }
        default:
            output += pad + scalar(value) + "\n"
        }
    }

    private static func writeNested(_ value: JSONValue, indent: Int, to output: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            write(value, indent: indent + 2, to: &output)
        case .array(let elements) where !elements.isEmpty:
            output += "\n"
            write(value, indent: indent, to: &output)
        default:
            output += " " + scalar(value) + "\n"
        }
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer, .number: return value.jsonText
        case .object: return "{}"
        case .array: return "[]"
        case .string(let text): return needsQuotes(text) ? value.jsonText : text
        }
    }

    private static let reserved: Set<String> = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
        "off", "Off", "OFF", "y", "Y", "n", "N",
    ]

    static func needsQuotes(_ text: String) -> Bool {
        if reserved.contains(text) { return true }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        if ",[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) || first == " " || last == " " || last == ":" { return true }
        if "-?:".unicodeScalars.contains(first) {
            let second = text.unicodeScalars.dropFirst().first
            if second == nil || second == " " || text == "---" { return true }
        }
        if text.contains(": ") || text.contains(" #") || text.contains("\n") || text.contains("\t") || text.contains("\\") { return true }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return true }
        // Anything that starts like a number (int, float, octal, hex, sexagesimal, dates) stays a string only when quoted.
        if let firstCharacter = text.first, firstCharacter.isNumber || firstCharacter == "." || firstCharacter == "+" { return true }
        return false
    }
}
