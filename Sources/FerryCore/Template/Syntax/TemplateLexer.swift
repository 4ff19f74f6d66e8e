/// Go's template lexer (`text/template/parse/lex.go`), over UTF-8 bytes, with the default
/// delimiters `{{` and `}}`, trim markers and comments.
struct TemplateLexer {
    private let input: [UInt8]
    private var position = 0
    private var start = 0
    private var atEOF = false
    private var line = 1
    private var startLine = 1
    private var parenDepth = 0
    private(set) var tokens: [TemplateToken] = []

    private static let leftDelim = Array("{{".utf8)
    private static let rightDelim = Array("}}".utf8)
    private static let leftComment = Array("/*".utf8)
    private static let rightComment = Array("*/".utf8)

    private enum State { case text, leftDelim, comment, rightDelim, insideAction, space, identifier, field, variable, char, number, quote, rawQuote }

    /// Lexes all of `text` up to the end or the first error.
    static func tokens(of text: String) -> [TemplateToken] {
        var lexer = TemplateLexer(input: Array(text.utf8))
        lexer.run()
        return lexer.tokens
    }

    private init(input: [UInt8]) {
        self.input = input
    }

    private mutating func run() {
        var state: State? = .text
        while let current = state {
            switch current {
            case .text: state = lexText()
            case .leftDelim: state = lexLeftDelim()
            case .comment: state = lexComment()
            case .rightDelim: state = lexRightDelim()
            case .insideAction: state = lexInsideAction()
            case .space: state = lexSpace()
            case .identifier: state = lexIdentifier()
            case .field: state = lexFieldOrVariable(.field)
            case .variable: state = atTerminator() ? emitting(.variable) : lexFieldOrVariable(.variable)
            case .char: state = lexQuoted(.charConstant, terminator: UInt8(ascii: "'"), message: "unterminated character constant")
            case .number: state = lexNumber()
            case .quote: state = lexQuoted(.string, terminator: UInt8(ascii: "\""), message: "unterminated quoted string")
            case .rawQuote: state = lexRawQuote()
            }
        }
    }

    // MARK: Reading

    private static let eof: UInt32 = 0xFFFF_FFFF

    private mutating func next() -> UInt32 {
        guard position < input.count else {
            atEOF = true
            return Self.eof
        }
        let (scalar, width) = decode(at: position)
        position += width
        if scalar == 0x0A { line += 1 }
        return scalar
    }

    private mutating func peek() -> UInt32 {
        let scalar = next()
        backup()
        return scalar
    }

    private mutating func backup() {
        guard !atEOF, position > 0 else { return }
        var back = position - 1
        while back > 0 && input[back] & 0xC0 == 0x80 && position - back < 4 { back -= 1 }
        if input[back] == 0x0A { line -= 1 }
        position = back
    }

    private func decode(at index: Int) -> (UInt32, Int) {
        let first = input[index]
        if first < 0x80 { return (UInt32(first), 1) }
        var iterator = input[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar.value, UTF8.width(scalar)) }
        return (0xFFFD, 1)
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: input[range], as: UTF8.self) }

    private func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        index + prefix.count <= input.count && input[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    private func countNewlines(_ range: Range<Int>) -> Int {
        range.isEmpty ? 0 : input[range].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private mutating func emit(_ kind: TemplateToken.Kind) {
        tokens.append(TemplateToken(kind: kind, position: start, value: text(start..<position), line: startLine))
        start = position
        startLine = line
    }

    private mutating func emitting(_ kind: TemplateToken.Kind) -> State {
        emit(kind)
        return .insideAction
    }

    private mutating func ignore() {
        line += countNewlines(start..<position)
        start = position
        startLine = line
    }

    private mutating func error(_ message: String) -> State? {
        tokens.append(TemplateToken(kind: .error, position: start, value: message, line: startLine))
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
    private static func isSpace(_ scalar: UInt32) -> Bool { scalar == 0x20 || scalar == 0x09 || scalar == 0x0D || scalar == 0x0A }

    static func isAlphaNumeric(_ scalar: UInt32) -> Bool {
        if scalar == UInt32(UInt8(ascii: "_")) { return true }
        guard scalar != Self.eof, let unicode = Unicode.Scalar(scalar) else { return false }
        if scalar < 0x80 {
            return (scalar >= 0x30 && scalar <= 0x39) || (scalar >= 0x41 && scalar <= 0x5A) || (scalar >= 0x61 && scalar <= 0x7A)
        }
        switch unicode.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return false
        }
    }

    private func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 1 < input.count && input[index] == UInt8(ascii: "-") && Self.isSpace(input[index + 1])
    }

    private func hasRightTrimMarker(at index: Int) -> Bool {
        index >= 0 && index + 1 < input.count && Self.isSpace(input[index]) && input[index + 1] == UInt8(ascii: "-")
    }

    private func atRightDelim() -> (delim: Bool, trim: Bool) {
        if hasRightTrimMarker(at: position) && hasPrefix(Self.rightDelim, at: position + 2) { return (true, true) }
        if hasPrefix(Self.rightDelim, at: position) { return (true, false) }
        return (false, false)
    }

    // MARK: States

    private mutating func lexText() -> State? {
        var found: Int?
        var index = position
        while index + 1 < input.count {
            if input[index] == UInt8(ascii: "{") && input[index + 1] == UInt8(ascii: "{") {
                found = index
                break
            }
            index += 1
        }
        if let found {
            position = found
            var trimLength = 0
            if hasLeftTrimMarker(at: found + 2) {
                var end = found
                while end > start && Self.isSpace(input[end - 1]) { end -= 1 }
                trimLength = found - end
            }
            position -= trimLength
            if position > start {
                line += countNewlines(start..<position)
                emit(.text)
            }
            position += trimLength
            ignore()
            return .leftDelim
        }
        position = input.count
        if position > start {
            line += countNewlines(start..<position)
            emit(.text)
        }
        emit(.eof)
        return nil
    }

    private mutating func lexLeftDelim() -> State? {
        position += 2
        let trim = hasLeftTrimMarker(at: position)
        let afterMarker = trim ? 2 : 0
        if hasPrefix(Self.leftComment, at: position + afterMarker) {
            position += afterMarker
            ignore()
            return .comment
        }
        emit(.leftDelim)
        position += afterMarker
        ignore()
        parenDepth = 0
        return .insideAction
    }

    private mutating func lexComment() -> State? {
        position += 2
        var index = position
        var found: Int?
        while index + 1 < input.count {
            if input[index] == UInt8(ascii: "*") && input[index + 1] == UInt8(ascii: "/") {
                found = index
                break
            }
            index += 1
        }
        guard let found else { return error("unclosed comment") }
        position = found + 2
        let (delim, trim) = atRightDelim()
        guard delim else { return error("comment ends before closing delimiter") }
        if trim { position += 2 }
        position += 2
        if trim {
            while position < input.count && Self.isSpace(input[position]) { position += 1 }
        }
        ignore()
        return .text
    }

    private mutating func lexRightDelim() -> State? {
        let trim = hasRightTrimMarker(at: position)
        if trim {
            position += 2
            ignore()
        }
        position += 2
        emit(.rightDelim)
        if trim {
            while position < input.count && Self.isSpace(input[position]) { position += 1 }
            ignore()
        }
        return .text
    }

    private mutating func lexInsideAction() -> State? {
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

    private mutating func lexSpace() -> State? {
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

    private mutating func lexIdentifier() -> State? {
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

    private mutating func lexFieldOrVariable(_ kind: TemplateToken.Kind) -> State? {
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

    private mutating func atTerminator() -> Bool {
        let scalar = peek()
        if Self.isSpace(scalar) { return true }
        switch scalar {
        case Self.eof, 0x2E, 0x2C, 0x7C, 0x3A, 0x29, 0x28: return true
        default: return hasPrefix(Self.rightDelim, at: position)
        }
    }

    private mutating func lexQuoted(_ kind: TemplateToken.Kind, terminator: UInt8, message: String) -> State? {
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

    private mutating func lexRawQuote() -> State? {
        while true {
            let scalar = next()
            if scalar == Self.eof { return error("unterminated raw quoted string") }
            if scalar == UInt32(UInt8(ascii: "`")) { break }
        }
        emit(.rawString)
        return .insideAction
    }

    private mutating func lexNumber() -> State? {
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

    private mutating func accept(_ valid: String) -> Bool {
        let scalar = next()
        if scalar != Self.eof, valid.unicodeScalars.contains(where: { $0.value == scalar }) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while true {
            let scalar = next()
            if scalar == Self.eof || !valid.unicodeScalars.contains(where: { $0.value == scalar }) { break }
        }
        backup()
    }

    private mutating func scanNumber() -> Bool {
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
