extension TemplateJSON {
    /// Encodes `value` as Go's `json.Marshal` does: map keys sorted, struct fields by their
    /// JSON names (embedded structs inlined), `<`, `>` and `&` escaped when `escapeHTML`.
    /// - Parameters:
    ///   - value: The value.
    ///   - indent: The indentation per level (`json.MarshalIndent`), or `nil` for compact output.
    ///   - escapeHTML: Whether `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`.
    /// - Throws: ``TemplateJSONError`` for values JSON cannot hold (NaN, infinities, functions,
    ///   maps with struct keys), with Go's message.
    public static func encode(_ value: TemplateValue, indent: String? = nil, escapeHTML: Bool = true) throws(TemplateJSONError) -> String {
        var writer = JSONWriter(indent: indent, escapeHTML: escapeHTML)
        try writer.write(value, depth: 0)
        return String(decoding: writer.out, as: UTF8.self)
    }
}

struct JSONWriter {
    let indent: String?
    let escapeHTML: Bool
    var out: [UInt8] = []

    private func unsupported(_ message: String) -> TemplateJSONError { TemplateJSONError(line: nil, column: nil, message: message) }

    private mutating func newline(_ depth: Int) {
        guard let indent else { return }
        out.append(0x0A)
        for _ in 0..<depth { out.append(contentsOf: indent.utf8) }
    }

    mutating func write(_ value: TemplateValue, depth: Int) throws(TemplateJSONError) {
        guard depth < TemplateJSON.maxDepth else { throw unsupported("json: unsupported value: encountered a cycle or a value nested too deeply") }
        switch value {
        case .missing, .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number, _): out.append(contentsOf: String(number).utf8)
        case .float(let number):
            guard number.isFinite else { throw unsupported("json: unsupported value: \(GoFloatFormat.format(number, UInt8(ascii: "g"), precision: -1))") }
            out.append(contentsOf: Self.number(number).utf8)
        case .string(let text): writeString(text)
        case .slice(let slice):
            out.append(UInt8(ascii: "["))
            for (index, element) in slice.elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                try write(element, depth: depth + 1)
            }
            if !slice.elements.isEmpty { newline(depth) }
            out.append(UInt8(ascii: "]"))
        case .map(let map):
            var entries: [(String, TemplateValue)] = []
            for (key, element) in map.entries {
                switch key {
                case .string(let text): entries.append((text, element))
                case .int(let number, _): entries.append((String(number), element))
                default: throw unsupported("json: unsupported type: \(map.type)")
                }
            }
            entries.sort { GoOrder.compareBytes($0.0, $1.0) < 0 }
            try writeObject(entries, depth: depth)
        case .structure(let structure):
            if let native = structure.native {
                try writeNative(native)
            } else {
                try writeObject(Self.fields(of: structure), depth: depth)
            }
        case .function(let function):
            throw unsupported("json: unsupported type: \(function.type)")
        }
    }

    /// Library values: a `time.Time` as its `MarshalJSON` (RFC 3339 with nanoseconds, years
    /// 0–9999 and zone hours under 24 only), named integers as numbers, a location as `{}`.
    private mutating func writeNative(_ native: TemplateNative) throws(TemplateJSONError) {
        switch native {
        case .time(let time):
            let text = time.format(GoTime.rfc3339Nano)
            let problem: String?
            if !(0...9999).contains(time.civil.year) {
                problem = "year outside of range [0,9999]"
            } else if abs(time.location.zone.offset) / 3600 >= 24 {
                problem = "timezone hour outside of range [0,23]"
            } else {
                problem = nil
            }
            if let problem { throw unsupported("json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: \(problem)") }
            writeString(text)
        case .location:
            out.append(contentsOf: "{}".utf8)
        case .duration, .month, .weekday:
            out.append(contentsOf: String(native.integer ?? 0).utf8)
        }
    }

    private mutating func writeObject(_ entries: [(String, TemplateValue)], depth: Int) throws(TemplateJSONError) {
        out.append(UInt8(ascii: "{"))
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            writeString(entry.0)
            out.append(UInt8(ascii: ":"))
            if indent != nil { out.append(UInt8(ascii: " ")) }
            try write(entry.1, depth: depth + 1)
        }
        if !entries.isEmpty { newline(depth) }
        out.append(UInt8(ascii: "}"))
    }

    /// A struct's JSON members: fields by JSON name, embedded structs' fields inlined,
    /// `omitempty` fields left out when empty.
    private static func fields(of structure: TemplateStruct) -> [(String, TemplateValue)] {
        var members: [(String, TemplateValue)] = []
        for field in structure.fields {
            if field.embedded && field.json == nil, case .structure(let inner) = field.value {
                members += fields(of: inner)
                continue
            }
            if field.omitEmpty && isEmpty(field.value) { continue }
            members.append((field.json ?? field.name, field.value))
        }
        return members
    }

    private static func isEmpty(_ value: TemplateValue) -> Bool {
        switch value {
        case .missing, .null: return true
        case .bool(let flag): return !flag
        case .int(let number, _): return number == 0
        case .float(let number): return number == 0
        case .string(let text): return text.isEmpty
        case .slice(let slice): return slice.elements.isEmpty
        case .map(let map): return map.count == 0
        case .structure, .function: return false
        }
    }

    /// Go's JSON number text: `%f`-style, or exponent form below 1e-6 and from 1e21, `e-7` not `e-07`.
    static func number(_ value: Double) -> String {
        let magnitude = value.magnitude
        let exponential = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)
        var text = GoFloatFormat.format(value, exponential ? UInt8(ascii: "e") : UInt8(ascii: "f"), precision: -1)
        if exponential {
            var bytes = Array(text.utf8)
            let count = bytes.count
            if count >= 4 && bytes[count - 4] == UInt8(ascii: "e") && bytes[count - 3] == UInt8(ascii: "-") && bytes[count - 2] == UInt8(ascii: "0") {
                bytes[count - 2] = bytes[count - 1]
                bytes.removeLast()
                text = String(decoding: bytes, as: UTF8.self)
            }
        }
        return text
    }

    private mutating func writeString(_ text: String) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            case "\u{08}": out.append(contentsOf: "\\b".utf8)
            case "\u{0C}": out.append(contentsOf: "\\f".utf8)
            case "<", ">", "&":
                if escapeHTML {
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(scalar.value >> 4)])
                    out.append(hex[Int(scalar.value & 0xF)])
                } else {
                    out.append(UInt8(scalar.value))
                }
            case "\u{2028}": out.append(contentsOf: "\\u2028".utf8)
            case "\u{2029}": out.append(contentsOf: "\\u2029".utf8)
            default:
                if scalar.value < 0x20 {
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(scalar.value >> 4)])
                    out.append(hex[Int(scalar.value & 0xF)])
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
