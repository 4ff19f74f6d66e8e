/// Character classes and cursor movement over the scanned bytes. Offsets past the end read as 0, which never occurs
/// inside valid input (``YAMLScanner/validate(_:)`` rejects NUL), so 0 means "end of stream".
extension YAMLScanner {
    @inline(__always)
    func byte(_ offset: Int) -> UInt8 {
        offset < input.count ? input[offset] : 0
    }

    @inline(__always)
    var current: UInt8 { byte(mark.offset) }

    @inline(__always)
    func isZ(_ offset: Int) -> Bool { offset >= input.count }

    @inline(__always)
    func isBlank(_ offset: Int) -> Bool {
        let b = byte(offset)
        return b == 0x20 || b == 0x09
    }

    /// A line break: CR, LF, NEL (U+0085), LS (U+2028) or PS (U+2029).
    @inline(__always)
    func isBreak(_ offset: Int) -> Bool {
        switch byte(offset) {
        case 0x0A, 0x0D: return true
        case 0xC2: return byte(offset + 1) == 0x85
        case 0xE2: return byte(offset + 1) == 0x80 && (byte(offset + 2) == 0xA8 || byte(offset + 2) == 0xA9)
        default: return false
        }
    }

    @inline(__always)
    func isBreakZ(_ offset: Int) -> Bool { isZ(offset) || isBreak(offset) }

    @inline(__always)
    func isBlankZ(_ offset: Int) -> Bool { isBlank(offset) || isBreakZ(offset) }

    /// libyaml's `is_alpha`: ASCII letters, digits, `_` and `-`.
    @inline(__always)
    func isWordCharacter(_ offset: Int) -> Bool {
        let b = byte(offset)
        return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }

    @inline(__always)
    func isHexDigit(_ offset: Int) -> Bool {
        let b = byte(offset)
        return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    @inline(__always)
    func hexValue(_ offset: Int) -> UInt32 {
        let b = byte(offset)
        if b >= 0x61 { return UInt32(b - 0x61 + 10) }
        if b >= 0x41 { return UInt32(b - 0x41 + 10) }
        return UInt32(b - 0x30)
    }

    /// The byte length of the UTF-8 character starting at `offset`.
    @inline(__always)
    func width(_ offset: Int) -> Int {
        let b = byte(offset)
        if b < 0x80 { return 1 }
        if b & 0xE0 == 0xC0 { return 2 }
        if b & 0xF0 == 0xE0 { return 3 }
        return 4
    }

    /// Whether the UTF-8 byte order mark starts at `offset`.
    func isByteOrderMark(_ offset: Int) -> Bool {
        byte(offset) == 0xEF && byte(offset + 1) == 0xBB && byte(offset + 2) == 0xBF
    }

    /// `---` or `...` at the start of a line, followed by a blank or the end of a line.
    func isDocumentIndicator(_ offset: Int) -> Bool {
        guard mark.column == 0 else { return false }
        let b = byte(offset)
        guard b == 0x2D || b == 0x2E else { return false }
        return byte(offset + 1) == b && byte(offset + 2) == b && isBlankZ(offset + 3)
    }

    /// Advances over one character that is not a line break.
    @inline(__always)
    mutating func skip() {
        if !isBlank(mark.offset) { newlines = 0 }
        mark.offset += width(mark.offset)
        mark.column += 1
    }

    /// Advances over one line break (CR LF counts as one).
    @inline(__always)
    mutating func skipLine() {
        if byte(mark.offset) == 0x0D && byte(mark.offset + 1) == 0x0A {
            mark.offset += 2
        } else if isBreak(mark.offset) {
            mark.offset += width(mark.offset)
        } else {
            return
        }
        mark.column = 0
        mark.line += 1
        newlines += 1
    }

    /// Appends the current character to `out` and advances.
    @inline(__always)
    mutating func read(into out: inout [UInt8]) {
        let w = width(mark.offset)
        out.append(contentsOf: input[mark.offset..<min(mark.offset + w, input.count)])
        skip()
    }

    /// Appends the current line break to `out`, normalised as yaml.v3 does (CR, LF, CR LF and NEL become LF; LS and
    /// PS are kept), and advances.
    @inline(__always)
    mutating func readLine(into out: inout [UInt8]) {
        guard isBreak(mark.offset) else { return }
        let b = byte(mark.offset)
        if b == 0xE2 {
            out.append(contentsOf: input[mark.offset..<mark.offset + 3])
        } else {
            out.append(0x0A)
        }
        skipLine()
    }

    /// Rejects input that yaml.v3's reader refuses: invalid UTF-8 and characters YAML does not allow (C0 controls
    /// other than tab, LF and CR; DEL; C1 controls other than NEL; surrogates; U+FFFE and U+FFFF).
    static func validate(_ input: [UInt8]) throws(YAMLSyntaxError) {
        var offset = 0
        var line = 0
        var column = 0
        let count = input.count
        while offset < count {
            let b = input[offset]
            if b < 0x80 {
                if b == 0x0A {
                    line += 1
                    column = 0
                } else if b == 0x0D {
                    if offset + 1 >= count || input[offset + 1] != 0x0A {
                        line += 1
                        column = 0
                    }
                } else if b < 0x20 && b != 0x09 || b == 0x7F {
                    throw YAMLSyntaxError("control characters are not allowed", at: YAMLMark(offset: offset, line: line, column: column))
                } else {
                    column += 1
                }
                offset += 1
                continue
            }
            let here = YAMLMark(offset: offset, line: line, column: column)
            let length: Int
            var value: UInt32
            if b & 0xE0 == 0xC0 {
                length = 2
                value = UInt32(b & 0x1F)
            } else if b & 0xF0 == 0xE0 {
                length = 3
                value = UInt32(b & 0x0F)
            } else if b & 0xF8 == 0xF0 {
                length = 4
                value = UInt32(b & 0x07)
            } else {
                throw YAMLSyntaxError("invalid leading UTF-8 octet", at: here)
            }
            guard offset + length <= count else { throw YAMLSyntaxError("incomplete UTF-8 octet sequence", at: here) }
            for k in 1..<length {
                let next = input[offset + k]
                guard next & 0xC0 == 0x80 else { throw YAMLSyntaxError("invalid trailing UTF-8 octet", at: here) }
                value = value << 6 | UInt32(next & 0x3F)
            }
            let shortest = value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
            guard shortest == length else { throw YAMLSyntaxError("invalid length of a UTF-8 sequence", at: here) }
            guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { throw YAMLSyntaxError("invalid Unicode character", at: here) }
            let printable = value == 0x85 || (value >= 0xA0 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000
            guard printable else { throw YAMLSyntaxError("control characters are not allowed", at: here) }
            if value == 0x85 || value == 0x2028 || value == 0x2029 {
                line += 1
                column = 0
            } else {
                column += 1
            }
            offset += length
        }
    }
}
