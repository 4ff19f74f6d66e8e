/// Reads the `headers` key of a Provider Secret: a YAML map of header names to values (N-21), e.g.
/// `X-Api-Key: abc` lines or a flow map `{X-Api-Key: abc}`. Only the flat string maps Flux accepts are read
/// (`yaml.Unmarshal` into `map[string]string`); values are secrets and never appear in errors.
public enum HeaderMap {
    /// Why a headers document could not be read: the line and what was expected (never the value).
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// 1-based line.
        public let line: Int
        /// What is wrong.
        public let reason: String

        public var description: String { "line \(line): \(reason)" }
    }

    /// Parses `text`.
    public static func parse(_ text: String) throws(ParseError) -> [String: String] {
        var result: [String: String] = [:]
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.hasPrefix("{") {
            guard trimmed.hasSuffix("}") else { throw ParseError(line: 1, reason: "a flow map must end with }") }
            for item in splitFlow(String(trimmed.dropFirst().dropLast())) where !item.trimmingASCIIWhitespace().isEmpty {
                let (key, value) = try pair(item, line: 1)
                result[key] = value
            }
            return result
        }
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            let content = line.trimmingASCIIWhitespace()
            if content.isEmpty || content.hasPrefix("#") || content == "---" { continue }
            if line.first == " " || line.first == "\t" {
                throw ParseError(line: offset + 1, reason: "nested values are not allowed: headers is a map of names to strings")
            }
            let (key, value) = try pair(content, line: offset + 1)
            result[key] = value
        }
        return result
    }

    private static func pair(_ item: String, line: Int) throws(ParseError) -> (String, String) {
        let scalars = Array(item.unicodeScalars)
        var index = 0
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ":", index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t" {
                break
            }
            index += 1
        }
        guard index < scalars.count else { throw ParseError(line: line, reason: "expected `Name: value`") }
        let key = try scalar(String(String.UnicodeScalarView(scalars[..<index])), line: line)
        let value = try scalar(String(String.UnicodeScalarView(scalars[(index + 1)...])), line: line)
        guard !key.isEmpty else { throw ParseError(line: line, reason: "a header name is empty") }
        return (key, value)
    }

    private static func scalar(_ raw: String, line: Int) throws(ParseError) -> String {
        var text = raw.trimmingASCIIWhitespace()
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            text = String(text.dropFirst().dropLast())
            var out = ""
            var escaped = false
            for character in text {
                if escaped {
                    switch character {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    default: throw ParseError(line: line, reason: "unsupported escape in a double-quoted string")
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    out.append(character)
                }
            }
            return out
        }
        if text.hasPrefix("'"), text.hasSuffix("'"), text.count >= 2 {
            return String(text.dropFirst().dropLast()).replacing("''", with: "'")
        }
        if let hash = text.firstRange(of: " #") { text = String(text[..<hash.lowerBound]).trimmingASCIIWhitespace() }
        if text.hasPrefix("[") || text.hasPrefix("{") || text.hasPrefix("|") || text.hasPrefix(">") {
            throw ParseError(line: line, reason: "header values must be plain strings")
        }
        return text
    }

    private static func splitFlow(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == "," {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        return items
    }
}
