/// A replacement of a byte range.
struct TextEdit: Hashable, Sendable {
    var range: Range<Int>
    var replacement: [UInt8]
}

/// Writes a new value in place of a marked scalar, keeping the scalar's style where the value allows it.
///
/// The choice of style follows what Flux's output would be (kyaml's `FormatNonStringStyle`, then yaml.v3's
/// encoder and emitter), applied to this one scalar only:
///
/// - A plain scalar stays plain unless the new value would read as something else: YAML 1.1 non-strings (`1.10`,
///   `yes`, …), the empty string and timestamps are double-quoted; a value plain style cannot carry here (`: `,
///   ` #`, a leading indicator, and in a flow collection any of `,[]{}:?`) is single-quoted, or double-quoted when
///   single quotes cannot carry it either.
/// - A single-quoted scalar stays single-quoted (double-quoted if single quotes cannot carry the value); a
///   double-quoted scalar stays double-quoted.
/// - A literal or folded block scalar stays a block scalar with strip chomping (`|-`, `>-`); a value a block scalar
///   cannot carry becomes a double-quoted scalar on the header's line.
/// - A value with a line break is double-quoted (Flux would write a literal block).
enum ScalarRendering {
    /// yaml.v3's `yaml_emitter_analyze_scalar`, for the styles a value allows.
    struct Analysis: Equatable {
        var multiline = false
        var flowPlainAllowed = true
        var blockPlainAllowed = true
        var singleQuotedAllowed = true
        var blockAllowed = true
        var leadingSpace = false
    }

    static func analyze(_ value: String) -> Analysis {
        var analysis = Analysis()
        let scalars = Array(value.unicodeScalars)
        guard !scalars.isEmpty else {
            analysis.flowPlainAllowed = false
            analysis.blockAllowed = false
            return analysis
        }
        var blockIndicators = false
        var flowIndicators = false
        if value.hasPrefix("---") || value.hasPrefix("...") {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        var lineBreaks = false
        var specialCharacters = false
        var tabs = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var previousSpace = false
        var previousBreak = false
        for (i, c) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            let followedByWhitespace = next == nil || next == " " || next == "\t"
            if i == 0 {
                switch c {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
                    flowIndicators = true
                    blockIndicators = true
                case "?", ":":
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case "-":
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch c {
                case ",", "?", "[", "]", "{", "}":
                    flowIndicators = true
                case ":":
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case "#":
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }
            if c == "\t" {
                tabs = true
            } else if !isPrintable(c) {
                specialCharacters = true
            }
            let isBreak = c == "\n" || c == "\r" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
            if c == " " {
                if i == 0 { leadingSpace = true }
                if i == scalars.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i == scalars.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = c == " " || c == "\t" || isBreak
        }
        analysis.multiline = lineBreaks
        analysis.leadingSpace = leadingSpace || scalars[0] == "\t"
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            analysis.flowPlainAllowed = false
            analysis.blockPlainAllowed = false
        }
        if trailingSpace { analysis.blockAllowed = false }
        if breakSpace {
            analysis.flowPlainAllowed = false
            analysis.blockPlainAllowed = false
            analysis.singleQuotedAllowed = false
        }
        if spaceBreak || tabs || specialCharacters {
            analysis.flowPlainAllowed = false
            analysis.blockPlainAllowed = false
            analysis.singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters { analysis.blockAllowed = false }
        if lineBreaks {
            analysis.flowPlainAllowed = false
            analysis.blockPlainAllowed = false
        }
        if flowIndicators { analysis.flowPlainAllowed = false }
        if blockIndicators { analysis.blockPlainAllowed = false }
        return analysis
    }

    /// yaml.v3's `is_printable` (LF, printable ASCII, U+00A0…U+D7FF, U+E000…U+FFFD except the BOM).
    private static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x0A || (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v) || ((0xE000...0xFFFD).contains(v) && v != 0xFEFF)
    }

    /// The edits that put `value` in place of the scalar `token`.
    static func edits(for value: String, replacing token: YAMLToken, in stream: YAMLStream) -> [TextEdit] {
        let range = token.start.offset..<token.end.offset
        let analysis = analyze(value)
        switch token.style {
        case .plain:
            let plainAllowed = token.inFlow ? analysis.flowPlainAllowed : analysis.blockPlainAllowed
            if YAMLScalarResolution.isYAML11NonString(value) || YAMLScalarResolution.yaml3ForcesQuotes(value) || analysis.multiline {
                return [TextEdit(range: range, replacement: doubleQuoted(value))]
            }
            if plainAllowed { return [TextEdit(range: range, replacement: Array(value.utf8))] }
            return [TextEdit(range: range, replacement: analysis.singleQuotedAllowed ? singleQuoted(value) : doubleQuoted(value))]
        case .singleQuoted:
            let quoted = analysis.singleQuotedAllowed && !analysis.multiline ? singleQuoted(value) : doubleQuoted(value)
            return [TextEdit(range: range, replacement: quoted)]
        case .doubleQuoted:
            return [TextEdit(range: range, replacement: doubleQuoted(value))]
        case .literal, .folded:
            guard token.blockLayout >= 0 else { return [TextEdit(range: range, replacement: doubleQuoted(value))] }
            return blockEdits(
                for: value, analysis: analysis, token: token, layout: stream.blockLayouts[token.blockLayout], inputCount: stream.input.count)
        }
    }

    private static func blockEdits(for value: String, analysis: Analysis, token: YAMLToken, layout: YAMLBlockScalarLayout, inputCount: Int)
        -> [TextEdit]
    {
        let header = token.start.offset..<layout.indicatorsEnd
        let hasContent = layout.contentEnd > layout.bodyStart
        guard analysis.blockAllowed, !analysis.multiline, !analysis.leadingSpace, !token.inFlow else {
            var edits = [TextEdit(range: header, replacement: doubleQuoted(value))]
            if hasContent { edits.append(TextEdit(range: layout.headerLineEnd..<layout.contentEnd, replacement: [])) }
            return edits
        }
        var indicators: [UInt8] = [token.style == .literal ? UInt8(ascii: "|") : UInt8(ascii: ">")]
        if layout.explicitIndent > 0 { indicators.append(contentsOf: String(layout.explicitIndent).utf8) }
        indicators.append(UInt8(ascii: "-"))
        // With no content the scanner's indentation is a guess; take the parent's plus two, as an encoder would.
        let indent = hasContent || layout.explicitIndent > 0 ? layout.indent : max(token.parentIndent, 0) + 2
        let line = [UInt8](repeating: 0x20, count: indent) + Array(value.utf8)
        var edits = [TextEdit(range: header, replacement: indicators)]
        if hasContent {
            edits.append(TextEdit(range: layout.bodyStart..<layout.contentEnd, replacement: line))
        } else if layout.headerLineEnd >= inputCount {
            edits.append(TextEdit(range: inputCount..<inputCount, replacement: layout.lineBreak + line))
        } else {
            edits.append(TextEdit(range: layout.bodyStart..<layout.bodyStart, replacement: line + layout.lineBreak))
        }
        return edits
    }

    /// A double-quoted scalar with yaml.v3's escapes.
    static func doubleQuoted(_ value: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for c in value.unicodeScalars {
            switch c {
            case "\0": out.append(contentsOf: Array("\\0".utf8))
            case "\u{07}": out.append(contentsOf: Array("\\a".utf8))
            case "\u{08}": out.append(contentsOf: Array("\\b".utf8))
            case "\t": out.append(contentsOf: Array("\\t".utf8))
            case "\n": out.append(contentsOf: Array("\\n".utf8))
            case "\u{0B}": out.append(contentsOf: Array("\\v".utf8))
            case "\u{0C}": out.append(contentsOf: Array("\\f".utf8))
            case "\r": out.append(contentsOf: Array("\\r".utf8))
            case "\u{1B}": out.append(contentsOf: Array("\\e".utf8))
            case "\"": out.append(contentsOf: Array("\\\"".utf8))
            case "\\": out.append(contentsOf: Array("\\\\".utf8))
            case "\u{85}": out.append(contentsOf: Array("\\N".utf8))
            case "\u{A0}": out.append(contentsOf: Array("\\_".utf8))
            case "\u{2028}": out.append(contentsOf: Array("\\L".utf8))
            case "\u{2029}": out.append(contentsOf: Array("\\P".utf8))
            default:
                if isPrintable(c) {
                    out.append(contentsOf: String(c).utf8)
                } else {
                    let (prefix, width) = c.value <= 0xFF ? ("\\x", 2) : c.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out.append(contentsOf: (prefix + String(repeating: "0", count: width - hex.count) + hex).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// A single-quoted scalar (`'` doubled).
    static func singleQuoted(_ value: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "'")]
        for b in value.utf8 {
            out.append(b)
            if b == UInt8(ascii: "'") { out.append(b) }
        }
        out.append(UInt8(ascii: "'"))
        return out
    }
}
