/// Reads a tag-list page, `{"name": "…", "tags": ["…", …]}`, straight from the response bytes: no intermediate
/// JSON tree and no Foundation decoder, so a 100,000-tag listing costs little more than its strings.
///
/// Any valid JSON is accepted (members in any order, unknown members skipped, `"tags": null`); anything else is
/// reported with the byte offset where it went wrong.
struct TagListParser {
    /// What one page held.
    struct Page {
        var name: String?
        var tags: [String]
    }

    /// Why a page is not a tag list.
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String
    }

    /// Parses a page, appending its tags to `tags`.
    static func parse(_ bytes: UnsafeRawBufferPointer, into tags: inout [String]) throws(Failure) -> String? {
        var reader = JSONByteReader(bytes.bindMemory(to: UInt8.self))
        return try reader.tagList(into: &tags)
    }

    /// Parses a page from an array (tests and small bodies).
    static func parse(_ bytes: [UInt8]) throws(Failure) -> Page {
        var tags: [String] = []
        let result: Result<String?, Failure> = bytes.withUnsafeBytes { buffer in
            do throws(Failure) { return .success(try parse(buffer, into: &tags)) } catch { return .failure(error) }
        }
        return Page(name: try result.get(), tags: tags)
    }
}

/// A cursor over JSON text, for the shapes registries send.
struct JSONByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    typealias Failure = TagListParser.Failure

    private func fail(_ message: String) -> Failure { Failure(offset: offset, message: message) }

    mutating func tagList(into tags: inout [String]) throws(Failure) -> String? {
        var name: String?
        var sawTags = false
        skipSpace()
        try expect(UInt8(ascii: "{"), "a JSON object")
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
        } else {
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a member name")
                skipSpace()
                switch key {
                case "name" where peek() == UInt8(ascii: "\""): name = try string()
                case "tags":
                    sawTags = true
                    try tagArray(into: &tags)
                default: try skipValue(depth: 0)
                }
                skipSpace()
                guard let next = peek() else { throw fail("the object is not closed") }
                offset += 1
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else {
                    offset -= 1
                    throw fail("expected ',' or '}' in the object")
                }
            }
        }
        skipSpace()
        guard offset == bytes.count else { throw fail("unexpected text after the object") }
        guard sawTags else { throw Failure(offset: 0, message: "the object has no \"tags\" member") }
        return name
    }

    private mutating func tagArray(into tags: inout [String]) throws(Failure) {
        if matchLiteral("null") { return }
        try expect(UInt8(ascii: "["), "an array of tags or null for \"tags\"")
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else { throw fail("a tag must be a string") }
            tags.append(try string())
            skipSpace()
            guard let next = peek() else { throw fail("the tags array is not closed") }
            offset += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else {
                offset -= 1
                throw fail("expected ',' or ']' in the tags array")
            }
        }
    }

    // MARK: - Primitives

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard peek() == byte else { throw fail(peek() == nil ? "the text ends where \(what) was expected" : "expected \(what)") }
        offset += 1
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] { return false }
        offset += count
        return true
    }

    /// A JSON string; the fast path slices the bytes when there is no escape.
    mutating func string() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw fail("a control character inside a string") }
            offset += 1
        }
        throw fail("a string is not closed")
    }

    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var out = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = peek() else { throw fail("a string is not closed") }
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): appendScalar(try unicodeEscape(), to: &out)
                default:
                    offset -= 1
                    throw fail("an invalid escape in a string")
                }
            default:
                if byte < 0x20 {
                    offset -= 1
                    throw fail("a control character inside a string")
                }
                out.append(byte)
            }
        }
        throw fail("a string is not closed")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// A `\uXXXX` escape (after the `u`), joining surrogate pairs; a lone surrogate becomes U+FFFD as in Go.
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        let first = try hex4()
        if (0xD800..<0xDC00).contains(first), offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
            let saved = offset
            offset += 2
            let second = try hex4()
            if (0xDC00..<0xE000).contains(second), let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) {
                return scalar
            }
            offset = saved
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(scalar)).utf8)
    }

    /// Skips any JSON value (members the reader does not need).
    mutating func skipValue(depth: Int) throws(Failure) {
        guard depth < 64 else { throw fail("values nested too deeply") }
        skipSpace()
        guard let first = peek() else { throw fail("the text ends where a value was expected") }
        switch first {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = first == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            offset += 1
            skipSpace()
            if peek() == close {
                offset += 1
                return
            }
            while true {
                skipSpace()
                if first == UInt8(ascii: "{") {
                    _ = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"), "':' after a member name")
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                guard let next = peek() else { throw fail("a value is not closed") }
                offset += 1
                if next == close { return }
                guard next == UInt8(ascii: ",") else {
                    offset -= 1
                    throw fail("expected ',' between values")
                }
            }
        default:
            if matchLiteral("true") || matchLiteral("false") || matchLiteral("null") { return }
            let start = offset
            while let byte = peek(), (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "+-.eE".utf8.contains(byte) { offset += 1 }
            guard offset > start else { throw fail("an invalid value") }
        }
    }
}
