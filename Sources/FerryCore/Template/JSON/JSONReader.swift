struct JSONReader {
    let bytes: [UInt8]
    let integers: Bool
    var index = 0

    init(bytes: [UInt8], integers: Bool) {
        self.bytes = bytes
        self.integers = integers
    }

    func error(_ message: String) -> TemplateJSONError {
        var line = 1
        var column = 1
        for byte in bytes[..<Swift.min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return TemplateJSONError(line: line, column: column, message: message)
    }

    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte < 0x80 { return GoQuote.quoteRune(Unicode.Scalar(byte)) }
        return "non-ASCII byte"
    }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(depth: Int) throws(TemplateJSONError) -> TemplateValue {
        guard depth < TemplateJSON.maxDepth else { throw error("exceeded max depth of \(TemplateJSON.maxDepth)") }
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("invalid character \(describeCurrent()) looking for beginning of value")
        }
    }

    private mutating func literal(_ word: String, _ value: TemplateValue) throws(TemplateJSONError) -> TemplateValue {
        let expected = Array(word.utf8)
        for byte in expected {
            guard index < bytes.count else { throw error("unexpected end of JSON input") }
            guard bytes[index] == byte else { throw error("invalid character \(describeCurrent()) in literal \(word) (expecting \(GoQuote.quoteRune(Unicode.Scalar(byte))))") }
            index += 1
        }
        return value
    }

    private mutating func object(depth: Int) throws(TemplateJSONError) -> TemplateValue {
        index += 1
        let map = TemplateMap(type: .anyMap)
        skipSpace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .map(map)
        }
        while true {
            skipSpace()
            guard index < bytes.count else { throw error("unexpected end of JSON input") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw error("invalid character \(describeCurrent()) looking for beginning of object key string") }
            let key = try string()
            skipSpace()
            guard index < bytes.count else { throw error("unexpected end of JSON input") }
            guard bytes[index] == UInt8(ascii: ":") else { throw error("invalid character \(describeCurrent()) after object key") }
            index += 1
            skipSpace()
            map[.string(key)] = try value(depth: depth + 1)
            skipSpace()
            guard index < bytes.count else { throw error("unexpected end of JSON input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw error("invalid character \(describeCurrent()) after object key:value pair") }
            index += 1
            return .map(map)
        }
    }

    private mutating func array(depth: Int) throws(TemplateJSONError) -> TemplateValue {
        index += 1
        var elements: [TemplateValue] = []
        skipSpace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .list(elements)
        }
        while true {
            skipSpace()
            elements.append(try value(depth: depth + 1))
            skipSpace()
            guard index < bytes.count else { throw error("unexpected end of JSON input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw error("invalid character \(describeCurrent()) after array element") }
            index += 1
            return .list(elements)
        }
    }

    private mutating func number() throws(TemplateJSONError) -> TemplateValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ reader: inout JSONReader) -> Int {
            let begin = reader.index
            while reader.index < reader.bytes.count, reader.bytes[reader.index] >= 0x30, reader.bytes[reader.index] <= 0x39 { reader.index += 1 }
            return reader.index - begin
        }
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            throw error("invalid character \(describeCurrent()) in numeric literal")
        }
        var isInteger = true
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            if digits(&self) == 0 { throw error(index < bytes.count ? "invalid character \(describeCurrent()) after decimal point in numeric literal" : "unexpected end of JSON input") }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            if digits(&self) == 0 { throw error(index < bytes.count ? "invalid character \(describeCurrent()) in exponent of numeric literal" : "unexpected end of JSON input") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger && integers, let value = Int64(text) { return .int(value, .int) }
        guard let value = Double(text), value.isFinite else { throw error("number \(text) is out of range for float64") }
        return .float(value)
    }

    mutating func string() throws(TemplateJSONError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("unexpected end of JSON input") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("unexpected end of JSON input") }
                let code = bytes[index]
                index += 1
                switch code {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                        }
                    }
                    let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: String(decoded).utf8)
                default:
                    index -= 1
                    throw error("invalid character \(describeCurrent()) in string escape code")
                }
            default:
                if byte < 0x20 { throw error("invalid character \(describeCurrent()) in string literal") }
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func hex4() throws(TemplateJSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("unexpected end of JSON input") }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("invalid character \(describeCurrent()) in \\u hexadecimal character escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
