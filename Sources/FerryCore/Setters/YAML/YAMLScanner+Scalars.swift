/// Plain, quoted and block scalars, decoded as yaml.v3 decodes them (line folding, escapes, chomping). A value that
/// is spelled exactly as stored keeps pointing into the input; only the others are copied.
extension YAMLScanner {
    mutating func scanPlainScalar() throws(YAMLSyntaxError) -> YAMLToken {
        var decoded: [UInt8] = []
        var copying = false
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        var whitespaces: [UInt8] = []
        var leadingBlanks = false
        let minimumColumn = indent + 1
        let start = mark
        var end = mark
        outer: while true {
            if isDocumentIndicator(mark.offset) || current == UInt8(ascii: "#") { break }
            while !isBlankZ(mark.offset) {
                let c = current
                if c == UInt8(ascii: ":") && isBlankZ(mark.offset + 1) { break }
                if flowLevel > 0
                    && (c == UInt8(ascii: ",") || c == UInt8(ascii: "?") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
                        || c == UInt8(ascii: "{") || c == UInt8(ascii: "}"))
                {
                    break
                }
                if leadingBlanks {
                    if !copying {
                        decoded = Array(input[start.offset..<end.offset])
                        copying = true
                    }
                    if leadingBreak.first == 0x0A {
                        if trailingBreaks.isEmpty { decoded.append(0x20) } else { decoded.append(contentsOf: trailingBreaks) }
                    } else {
                        decoded.append(contentsOf: leadingBreak)
                        decoded.append(contentsOf: trailingBreaks)
                    }
                    leadingBreak.removeAll(keepingCapacity: true)
                    trailingBreaks.removeAll(keepingCapacity: true)
                    leadingBlanks = false
                } else if !whitespaces.isEmpty {
                    if copying { decoded.append(contentsOf: whitespaces) }
                    whitespaces.removeAll(keepingCapacity: true)
                }
                if copying {
                    read(into: &decoded)
                } else {
                    skip()
                }
                end = mark
            }
            guard isBlank(mark.offset) || isBreak(mark.offset) else { break }
            while isBlank(mark.offset) || isBreak(mark.offset) {
                if isBlank(mark.offset) {
                    if leadingBlanks && mark.column < minimumColumn && current == 0x09 {
                        throw YAMLSyntaxError("found a tab character that violates indentation", at: mark, context: "while scanning a plain scalar")
                    }
                    if !leadingBlanks { whitespaces.append(current) }
                    skip()
                } else if !leadingBlanks {
                    whitespaces.removeAll(keepingCapacity: true)
                    readLine(into: &leadingBreak)
                    leadingBlanks = true
                } else {
                    readLine(into: &trailingBreaks)
                }
            }
            if flowLevel == 0 && mark.column < minimumColumn { break outer }
        }
        var token = scalarToken(.plain, start: start, end: end)
        token.value = store(copying ? decoded : nil, raw: start.offset..<end.offset)
        if leadingBlanks { simpleKeyAllowed = true }
        return token
    }

    mutating func scanFlowScalar(single: Bool) throws(YAMLSyntaxError) -> YAMLToken {
        let start = mark
        let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        skip()
        let contentStart = mark.offset
        var decoded: [UInt8] = []
        var copying = false
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        var whitespaces: [UInt8] = []
        while true {
            if isDocumentIndicator(mark.offset) {
                throw YAMLSyntaxError("found unexpected document indicator", at: mark, context: "while scanning a quoted scalar")
            }
            if isZ(mark.offset) { throw YAMLSyntaxError("found unexpected end of stream", at: mark, context: "while scanning a quoted scalar") }
            var leadingBlanks = false
            while !isBlankZ(mark.offset) {
                let c = current
                if single && c == quote && byte(mark.offset + 1) == quote {
                    startCopying(&decoded, &copying, from: contentStart)
                    decoded.append(quote)
                    skip()
                    skip()
                } else if c == quote {
                    break
                } else if !single && c == UInt8(ascii: "\\") && isBreak(mark.offset + 1) {
                    startCopying(&decoded, &copying, from: contentStart)
                    skip()
                    skipLine()
                    leadingBlanks = true
                    break
                } else if !single && c == UInt8(ascii: "\\") {
                    startCopying(&decoded, &copying, from: contentStart)
                    try scanEscape(into: &decoded)
                } else if copying {
                    read(into: &decoded)
                } else {
                    skip()
                }
            }
            if current == quote { break }
            let segmentEnd = mark.offset
            while isBlank(mark.offset) || isBreak(mark.offset) {
                if isBlank(mark.offset) {
                    if !leadingBlanks { whitespaces.append(current) }
                    skip()
                } else {
                    if !copying {
                        decoded = Array(input[contentStart..<segmentEnd])
                        copying = true
                    }
                    if !leadingBlanks {
                        whitespaces.removeAll(keepingCapacity: true)
                        readLine(into: &leadingBreak)
                        leadingBlanks = true
                    } else {
                        readLine(into: &trailingBreaks)
                    }
                }
            }
            if leadingBlanks {
                if leadingBreak.first == 0x0A {
                    if trailingBreaks.isEmpty { decoded.append(0x20) } else { decoded.append(contentsOf: trailingBreaks) }
                } else {
                    decoded.append(contentsOf: leadingBreak)
                    decoded.append(contentsOf: trailingBreaks)
                }
                leadingBreak.removeAll(keepingCapacity: true)
                trailingBreaks.removeAll(keepingCapacity: true)
            } else {
                if copying { decoded.append(contentsOf: whitespaces) }
                whitespaces.removeAll(keepingCapacity: true)
            }
        }
        let contentEnd = mark.offset
        skip()
        var token = scalarToken(single ? .singleQuoted : .doubleQuoted, start: start, end: mark)
        token.value = store(copying ? decoded : nil, raw: contentStart..<contentEnd)
        return token
    }

    /// Switches a scalar from pointing into the input to a copy, at the first character stored differently.
    private func startCopying(_ decoded: inout [UInt8], _ copying: inout Bool, from start: Int) {
        guard !copying else { return }
        decoded = Array(input[start..<mark.offset])
        copying = true
    }

    /// One escape sequence of a double-quoted scalar, at the backslash.
    private mutating func scanEscape(into out: inout [UInt8]) throws(YAMLSyntaxError) {
        let context = "while parsing a quoted scalar"
        var codeLength = 0
        switch byte(mark.offset + 1) {
        case UInt8(ascii: "0"): out.append(0)
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"), 0x09: out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: " "): out.append(0x20)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "'"): out.append(0x27)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "N"): out.append(contentsOf: [0xC2, 0x85])
        case UInt8(ascii: "_"): out.append(contentsOf: [0xC2, 0xA0])
        case UInt8(ascii: "L"): out.append(contentsOf: [0xE2, 0x80, 0xA8])
        case UInt8(ascii: "P"): out.append(contentsOf: [0xE2, 0x80, 0xA9])
        case UInt8(ascii: "x"): codeLength = 2
        case UInt8(ascii: "u"): codeLength = 4
        case UInt8(ascii: "U"): codeLength = 8
        default: throw YAMLSyntaxError("found unknown escape character", at: mark, context: context)
        }
        skip()
        skip()
        guard codeLength > 0 else { return }
        var value: UInt32 = 0
        for k in 0..<codeLength {
            guard isHexDigit(mark.offset + k) else { throw YAMLSyntaxError("did not find expected hexadecimal number", at: mark, context: context) }
            value = value << 4 | hexValue(mark.offset + k)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw YAMLSyntaxError("found invalid Unicode character escape code", at: mark, context: context)
        }
        out.append(contentsOf: String(scalar).utf8)
        for _ in 0..<codeLength { skip() }
    }

    mutating func scanBlockScalar(literal: Bool) throws(YAMLSyntaxError) -> YAMLToken {
        let context = "while scanning a block scalar"
        let start = mark
        skip()
        var chomping = 0
        var increment = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
            chomping = current == UInt8(ascii: "+") ? 1 : -1
            skip()
            if isDigit(current) {
                guard current != UInt8(ascii: "0") else {
                    throw YAMLSyntaxError("found an indentation indicator equal to 0", at: mark, context: context)
                }
                increment = Int(current - 0x30)
                skip()
            }
        } else if isDigit(current) {
            guard current != UInt8(ascii: "0") else { throw YAMLSyntaxError("found an indentation indicator equal to 0", at: mark, context: context) }
            increment = Int(current - 0x30)
            skip()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                chomping = current == UInt8(ascii: "+") ? 1 : -1
                skip()
            }
        }
        let indicatorsEnd = mark.offset
        while isBlank(mark.offset) { skip() }
        if current == UInt8(ascii: "#") {
            scanLineComment(attachedTo: start.offset)
            while !isBreakZ(mark.offset) { skip() }
        }
        guard isBreakZ(mark.offset) else { throw YAMLSyntaxError("did not find expected comment or line break", at: mark, context: context) }
        let headerLineEnd = mark.offset
        var lineBreak: [UInt8] = [0x0A]
        if byte(mark.offset) == 0x0D {
            lineBreak = byte(mark.offset + 1) == 0x0A ? [0x0D, 0x0A] : [0x0D]
        }
        skipLine()
        let bodyStart = mark.offset
        var end = mark
        var blockIndent = 0
        if increment > 0 { blockIndent = indent >= 0 ? indent + increment : increment }
        var s: [UInt8] = []
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        try scanBlockScalarBreaks(indent: &blockIndent, breaks: &trailingBreaks, end: &end)
        var leadingBlank = false
        var contentEnd = bodyStart
        while mark.column == blockIndent && !isZ(mark.offset) {
            let trailingBlank = isBlank(mark.offset)
            if !literal && !leadingBlank && !trailingBlank && leadingBreak.first == 0x0A {
                if trailingBreaks.isEmpty { s.append(0x20) }
            } else {
                s.append(contentsOf: leadingBreak)
            }
            leadingBreak.removeAll(keepingCapacity: true)
            s.append(contentsOf: trailingBreaks)
            trailingBreaks.removeAll(keepingCapacity: true)
            leadingBlank = isBlank(mark.offset)
            while !isBreakZ(mark.offset) { read(into: &s) }
            contentEnd = mark.offset
            readLine(into: &leadingBreak)
            try scanBlockScalarBreaks(indent: &blockIndent, breaks: &trailingBreaks, end: &end)
        }
        if chomping != -1 { s.append(contentsOf: leadingBreak) }
        if chomping == 1 { s.append(contentsOf: trailingBreaks) }
        var token = scalarToken(literal ? .literal : .folded, start: start, end: end)
        decodedValues.append(s)
        token.value = .decoded(decodedValues.count - 1)
        blockLayouts.append(
            YAMLBlockScalarLayout(
                indicatorsEnd: indicatorsEnd, headerLineEnd: headerLineEnd, bodyStart: bodyStart, contentEnd: contentEnd, indent: blockIndent,
                explicitIndent: increment, lineBreak: lineBreak))
        token.blockLayout = blockLayouts.count - 1
        return token
    }

    /// Empty lines and indentation before a block scalar's next content line; fixes the indentation when it was not
    /// given: the deepest indentation of the leading empty lines or the first content line, at least one more than
    /// the parent's.
    private mutating func scanBlockScalarBreaks(indent blockIndent: inout Int, breaks: inout [UInt8], end: inout YAMLMark) throws(YAMLSyntaxError) {
        end = mark
        var maximumIndent = 0
        while true {
            while (blockIndent == 0 || mark.column < blockIndent) && current == 0x20 { skip() }
            if mark.column > maximumIndent { maximumIndent = mark.column }
            if (blockIndent == 0 || mark.column < blockIndent) && current == 0x09 {
                throw YAMLSyntaxError(
                    "found a tab character where an indentation space is expected", at: mark, context: "while scanning a block scalar")
            }
            guard isBreak(mark.offset) else { break }
            readLine(into: &breaks)
            end = mark
        }
        if blockIndent == 0 {
            blockIndent = max(maximumIndent, indent + 1, 1)
        }
    }

    private func scalarToken(_ style: YAMLScalarStyle, start: YAMLMark, end: YAMLMark) -> YAMLToken {
        var token = YAMLToken(kind: .scalar, start: start, end: end)
        token.style = style
        token.parentIndent = indent
        token.inFlow = flowLevel > 0
        return token
    }

    private mutating func store(_ decoded: [UInt8]?, raw: Range<Int>) -> YAMLScalarValue {
        guard let decoded else { return .raw(raw) }
        decodedValues.append(decoded)
        return .decoded(decodedValues.count - 1)
    }
}
