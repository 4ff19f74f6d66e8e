/// Anchors, aliases, tags and directives.
extension YAMLScanner {
    /// `&name` or `*name`: letters, digits, `_` and `-` (libyaml's rule), followed by a blank or one of `?:,]}%@` and
    /// a backquote.
    mutating func scanAnchor(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) -> YAMLToken {
        let start = mark
        skip()
        let nameStart = mark.offset
        while isWordCharacter(mark.offset) { skip() }
        let nameEnd = mark.offset
        let c = current
        let endsWell =
            isBlankZ(mark.offset) || c == UInt8(ascii: "?") || c == UInt8(ascii: ":") || c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "}") || c == UInt8(ascii: "%") || c == UInt8(ascii: "@") || c == UInt8(ascii: "`")
        guard nameEnd > nameStart, endsWell else {
            throw YAMLSyntaxError(
                "did not find expected alphabetic or numeric character", at: mark,
                context: kind == .anchor ? "while scanning an anchor" : "while scanning an alias")
        }
        var token = YAMLToken(kind: kind, start: start, end: mark)
        token.first = nameStart..<nameEnd
        return token
    }

    /// `!<verbatim>`, `!suffix`, `!handle!suffix` or `!`; it must be followed by a blank or the end of a line.
    mutating func scanTag() throws(YAMLSyntaxError) -> YAMLToken {
        let start = mark
        var handle = mark.offset..<mark.offset
        var suffix = mark.offset..<mark.offset
        if byte(mark.offset + 1) == UInt8(ascii: "<") {
            skip()
            skip()
            suffix = try scanTagURI(context: "while scanning a tag", allowEmpty: false)
            guard current == UInt8(ascii: ">") else {
                throw YAMLSyntaxError("did not find the expected '>'", at: mark, context: "while scanning a tag")
            }
            skip()
        } else {
            let handleStart = mark.offset
            skip()
            while isWordCharacter(mark.offset) { skip() }
            if current == UInt8(ascii: "!") && mark.offset > handleStart {
                skip()
                handle = handleStart..<mark.offset
                suffix = try scanTagURI(context: "while scanning a tag", allowEmpty: false)
            } else {
                // Not a handle after all: `!` is the handle and everything after it the suffix (or `!` alone).
                handle = handleStart..<handleStart + 1
                let rest = try scanTagURI(context: "while scanning a tag", allowEmpty: true)
                suffix = handleStart + 1..<rest.upperBound
            }
        }
        guard isBlankZ(mark.offset) else {
            throw YAMLSyntaxError("did not find expected whitespace or line break", at: mark, context: "while scanning a tag")
        }
        var token = YAMLToken(kind: .tag, start: start, end: mark)
        token.first = handle
        token.second = suffix
        return token
    }

    /// The characters libyaml allows in a tag URI, with `%XX` escapes.
    private mutating func scanTagURI(context: String, allowEmpty: Bool) throws(YAMLSyntaxError) -> Range<Int> {
        let begin = mark.offset
        while true {
            let c = current
            if isWordCharacter(mark.offset) || Self.uriPunctuation.contains(c) {
                if c == UInt8(ascii: "%") {
                    guard isHexDigit(mark.offset + 1), isHexDigit(mark.offset + 2) else {
                        throw YAMLSyntaxError("did not find URI escaped octet", at: mark, context: context)
                    }
                    skip()
                    skip()
                }
                skip()
            } else {
                break
            }
        }
        if mark.offset == begin && !allowEmpty {
            throw YAMLSyntaxError("did not find expected tag URI", at: mark, context: context)
        }
        return begin..<mark.offset
    }

    private static let uriPunctuation: Set<UInt8> = Set(";/?:@&=+$,.!~*'()[]%".utf8)

    /// `%YAML major.minor` or `%TAG handle prefix`, with an optional comment.
    mutating func scanDirective() throws(YAMLSyntaxError) -> YAMLToken {
        let start = mark
        skip()
        let nameStart = mark.offset
        while isWordCharacter(mark.offset) { skip() }
        let name = input[nameStart..<mark.offset]
        guard !name.isEmpty else { throw YAMLSyntaxError("could not find expected directive name", at: mark, context: "while scanning a directive") }
        guard isBlankZ(mark.offset) else {
            throw YAMLSyntaxError("found unexpected non-alphabetical character", at: mark, context: "while scanning a directive")
        }
        var token: YAMLToken
        if name.elementsEqual("YAML".utf8) {
            while isBlank(mark.offset) { skip() }
            let versionStart = mark.offset
            try scanVersionNumber()
            guard current == UInt8(ascii: ".") else {
                throw YAMLSyntaxError("did not find expected digit or '.' character", at: mark, context: "while scanning a %YAML directive")
            }
            skip()
            try scanVersionNumber()
            token = YAMLToken(kind: .versionDirective, start: start, end: mark)
            token.first = versionStart..<mark.offset
        } else if name.elementsEqual("TAG".utf8) {
            while isBlank(mark.offset) { skip() }
            let handleStart = mark.offset
            guard current == UInt8(ascii: "!") else {
                throw YAMLSyntaxError("did not find expected '!'", at: mark, context: "while parsing a %TAG directive")
            }
            skip()
            while isWordCharacter(mark.offset) { skip() }
            if current == UInt8(ascii: "!") {
                skip()
            } else if mark.offset - handleStart != 1 {
                throw YAMLSyntaxError("did not find expected '!'", at: mark, context: "while parsing a %TAG directive")
            }
            let handle = handleStart..<mark.offset
            guard isBlank(mark.offset) else {
                throw YAMLSyntaxError("did not find expected whitespace", at: mark, context: "while scanning a %TAG directive")
            }
            while isBlank(mark.offset) { skip() }
            let prefix = try scanTagURI(context: "while parsing a %TAG directive", allowEmpty: false)
            guard isBlankZ(mark.offset) else {
                throw YAMLSyntaxError("did not find expected whitespace or line break", at: mark, context: "while scanning a %TAG directive")
            }
            token = YAMLToken(kind: .tagDirective, start: start, end: mark)
            token.first = handle
            token.second = prefix
        } else {
            throw YAMLSyntaxError("found unknown directive name", at: start, context: "while scanning a directive")
        }
        while isBlank(mark.offset) { skip() }
        if current == UInt8(ascii: "#") {
            while !isBreakZ(mark.offset) { skip() }
        }
        guard isBreakZ(mark.offset) else {
            throw YAMLSyntaxError("did not find expected comment or line break", at: mark, context: "while scanning a directive")
        }
        skipLine()
        return token
    }

    private mutating func scanVersionNumber() throws(YAMLSyntaxError) {
        var length = 0
        while byte(mark.offset) >= 0x30 && byte(mark.offset) <= 0x39 {
            length += 1
            guard length <= 2 else {
                throw YAMLSyntaxError("found extremely long version number", at: mark, context: "while scanning a %YAML directive")
            }
            skip()
        }
        guard length > 0 else { throw YAMLSyntaxError("did not find expected version number", at: mark, context: "while scanning a %YAML directive") }
    }
}
