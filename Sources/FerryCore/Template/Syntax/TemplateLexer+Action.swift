extension TemplateLexer {
    mutating func lexInsideAction() -> State? {
        if atRightDelim().delim {
            if parenDepth == 0 { return .rightDelim }
            return error("unclosed left paren")
        }
        let scalar = next()
        switch scalar {
        case Self.eof:
            return error("unclosed action")
        case _ where Self.isSpace(scalar):
            backup()
            return .space
        case UInt32(UInt8(ascii: "=")):
            emit(.assign)
        case UInt32(UInt8(ascii: ":")):
            if next() != UInt32(UInt8(ascii: "=")) { return error("expected :=") }
            emit(.declare)
        case UInt32(UInt8(ascii: "|")):
            emit(.pipe)
        case UInt32(UInt8(ascii: "\"")):
            return .quote
        case UInt32(UInt8(ascii: "`")):
            return .rawQuote
        case UInt32(UInt8(ascii: "$")):
            return .variable
        case UInt32(UInt8(ascii: "'")):
            return .char
        case UInt32(UInt8(ascii: ".")):
            if position < input.count {
                let following = input[position]
                if following < UInt8(ascii: "0") || following > UInt8(ascii: "9") { return .field }
            }
            backup()
            return .number
        case UInt32(UInt8(ascii: "+")), UInt32(UInt8(ascii: "-")), 0x30...0x39:
            backup()
            return .number
        case _ where Self.isAlphaNumeric(scalar):
            backup()
            return .identifier
        case UInt32(UInt8(ascii: "(")):
            emit(.leftParen)
            parenDepth += 1
        case UInt32(UInt8(ascii: ")")):
            emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return error("unexpected right paren U+0029 ')'") }
        case 0x21...0x7E:
            emit(.char)
        default:
            return error("unrecognized character in action: \(Self.describe(scalar))")
        }
        return .insideAction
    }

    /// Go's `%#U`: `U+0041 'A'`.
    static func describe(_ scalar: UInt32) -> String {
        var digits = String(scalar, radix: 16, uppercase: true)
        if digits.count < 4 { digits = String(repeating: "0", count: 4 - digits.count) + digits }
        var text = "U+" + digits
        if let unicode = Unicode.Scalar(scalar), GoQuote.isPrint(unicode) {
            text += " '"
            text.unicodeScalars.append(unicode)
            text += "'"
        }
        return text
    }

    mutating func lexSpace() -> State? {
        var count = 0
        while Self.isSpace(peek()) {
            _ = next()
            count += 1
        }
        if hasRightTrimMarker(at: position - 1) && hasPrefix(Self.rightDelim, at: position + 1) {
            backup()
            if count == 1 { return .rightDelim }
        }
        emit(.space)
        return .insideAction
    }

    mutating func lexIdentifier() -> State? {
        while true {
            let scalar = next()
            if Self.isAlphaNumeric(scalar) { continue }
            backup()
            let word = text(start..<position)
            if !atTerminator() { return error("bad character \(Self.describe(scalar))") }
            if let keyword = TemplateToken.keywords[word], keyword != .dot {
                emit(keyword)
            } else if word.hasPrefix(".") {
                emit(.field)
            } else if word == "true" || word == "false" {
                emit(.bool)
            } else {
                emit(.identifier)
            }
            return .insideAction
        }
    }

    mutating func lexFieldOrVariable(_ kind: TemplateToken.Kind) -> State? {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return .insideAction
        }
        var scalar: UInt32
        repeat {
            scalar = next()
        } while Self.isAlphaNumeric(scalar)
        backup()
        if !atTerminator() { return error("bad character \(Self.describe(scalar))") }
        emit(kind)
        return .insideAction
    }

    mutating func atTerminator() -> Bool {
        let scalar = peek()
        if Self.isSpace(scalar) { return true }
        switch scalar {
        case Self.eof, 0x2E, 0x2C, 0x7C, 0x3A, 0x29, 0x28: return true
        default: return hasPrefix(Self.rightDelim, at: position)
        }
    }

    mutating func lexQuoted(_ kind: TemplateToken.Kind, terminator: UInt8, message: String) -> State? {
        while true {
            let scalar = next()
            if scalar == UInt32(UInt8(ascii: "\\")) {
                let escaped = next()
                if escaped != Self.eof && escaped != 0x0A { continue }
                return error(message)
            }
            if scalar == Self.eof || scalar == 0x0A { return error(message) }
            if scalar == UInt32(terminator) { break }
        }
        emit(kind)
        return .insideAction
    }

    mutating func lexRawQuote() -> State? {
        while true {
            let scalar = next()
            if scalar == Self.eof { return error("unterminated raw quoted string") }
            if scalar == UInt32(UInt8(ascii: "`")) { break }
        }
        emit(.rawString)
        return .insideAction
    }

    mutating func lexNumber() -> State? {
        if !scanNumber() { return error("bad number syntax: \(GoQuote.quote(text(start..<position)))") }
        let sign = peek()
        if sign == UInt32(UInt8(ascii: "+")) || sign == UInt32(UInt8(ascii: "-")) {
            if !scanNumber() || input[position - 1] != UInt8(ascii: "i") {
                return error("bad number syntax: \(GoQuote.quote(text(start..<position)))")
            }
            emit(.complex)
        } else {
            emit(.number)
        }
        return .insideAction
    }

    mutating func accept(_ valid: String) -> Bool {
        let scalar = next()
        if scalar != Self.eof, valid.unicodeScalars.contains(where: { $0.value == scalar }) { return true }
        backup()
        return false
    }

    mutating func acceptRun(_ valid: String) {
        while true {
            let scalar = next()
            if scalar == Self.eof || !valid.unicodeScalars.contains(where: { $0.value == scalar }) { break }
        }
        backup()
    }

    mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if Self.isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }
}
