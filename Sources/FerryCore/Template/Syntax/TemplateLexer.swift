/// Go's template lexer (`text/template/parse/lex.go`), over UTF-8 bytes, with the default
/// delimiters `{{` and `}}`, trim markers and comments.
struct TemplateLexer {
    let input: [UInt8]
    var position = 0
    var start = 0
    var atEOF = false
    var line = 1
    var startLine = 1
    var parenDepth = 0
    private(set) var tokens: [TemplateToken] = []

    static let leftDelim = Array("{{".utf8)
    static let rightDelim = Array("}}".utf8)
    static let leftComment = Array("/*".utf8)
    static let rightComment = Array("*/".utf8)

    enum State { case text, leftDelim, comment, rightDelim, insideAction, space, identifier, field, variable, char, number, quote, rawQuote }

    /// Lexes all of `text` up to the end or the first error.
    static func tokens(of text: String) -> [TemplateToken] {
        var lexer = TemplateLexer(input: Array(text.utf8))
        lexer.run()
        return lexer.tokens
    }

    private init(input: [UInt8]) {
        self.input = input
    }

    mutating func run() {
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

    static let eof: UInt32 = 0xFFFF_FFFF

    mutating func next() -> UInt32 {
        guard position < input.count else {
            atEOF = true
            return Self.eof
        }
        let (scalar, width) = decode(at: position)
        position += width
        if scalar == 0x0A { line += 1 }
        return scalar
    }

    mutating func peek() -> UInt32 {
        let scalar = next()
        backup()
        return scalar
    }

    mutating func backup() {
        guard !atEOF, position > 0 else { return }
        var back = position - 1
        while back > 0 && input[back] & 0xC0 == 0x80 && position - back < 4 { back -= 1 }
        if input[back] == 0x0A { line -= 1 }
        position = back
    }

    func decode(at index: Int) -> (UInt32, Int) {
        let first = input[index]
        if first < 0x80 { return (UInt32(first), 1) }
        var iterator = input[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar.value, UTF8.width(scalar)) }
        return (0xFFFD, 1)
    }

    func text(_ range: Range<Int>) -> String { String(decoding: input[range], as: UTF8.self) }

    func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        index + prefix.count <= input.count && input[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    func countNewlines(_ range: Range<Int>) -> Int {
        range.isEmpty ? 0 : input[range].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    mutating func emit(_ kind: TemplateToken.Kind) {
        tokens.append(TemplateToken(kind: kind, position: start, value: text(start..<position), line: startLine))
        start = position
        startLine = line
    }

    mutating func emitting(_ kind: TemplateToken.Kind) -> State {
        emit(kind)
        return .insideAction
    }

    mutating func ignore() {
        line += countNewlines(start..<position)
        start = position
        startLine = line
    }

    mutating func error(_ message: String) -> State? {
        tokens.append(TemplateToken(kind: .error, position: start, value: message, line: startLine))
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
    static func isSpace(_ scalar: UInt32) -> Bool { scalar == 0x20 || scalar == 0x09 || scalar == 0x0D || scalar == 0x0A }

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

    func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 1 < input.count && input[index] == UInt8(ascii: "-") && Self.isSpace(input[index + 1])
    }

    func hasRightTrimMarker(at index: Int) -> Bool {
        index >= 0 && index + 1 < input.count && Self.isSpace(input[index]) && input[index + 1] == UInt8(ascii: "-")
    }

    func atRightDelim() -> (delim: Bool, trim: Bool) {
        if hasRightTrimMarker(at: position) && hasPrefix(Self.rightDelim, at: position + 2) { return (true, true) }
        if hasPrefix(Self.rightDelim, at: position) { return (true, false) }
        return (false, false)
    }

    // MARK: States

    mutating func lexText() -> State? {
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

    mutating func lexLeftDelim() -> State? {
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

    mutating func lexComment() -> State? {
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

    mutating func lexRightDelim() -> State? {
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
}
