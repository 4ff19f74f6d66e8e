/// Whitespace and comments between tokens, with yaml.v3's rules for attaching comments:
///
/// - A comment that follows a token on the same line is that token's line comment (after `:` in a block mapping or
///   `,` in a flow collection, the token before the indicator's). A `-` alone gets none.
/// - Whole comment lines are a head comment of the next node, unless yaml.v3 reads them as the foot of what came
///   before: a run of comment lines directly below content (no empty line between) that is followed by an empty
///   line, when that content is not a mapping key's `:`, or a run indented less than the current block.
extension YAMLScanner {
    private struct CommentGroup {
        var start: Int
        var line: Int
        var column: Int
        /// yaml.v3's own line counter and 1-based column at the first `#`, which its rules compare.
        var scanLine: Int
        var scanColumn: Int
        var end: Int
        var text: [UInt8]
    }

    mutating func scanToNextToken() throws(YAMLSyntaxError) {
        let scanMark = mark
        while true {
            if mark.column == 0 && isByteOrderMark(mark.offset) { skip() }
            while current == 0x20 || ((flowLevel > 0 || !simpleKeyAllowed) && current == 0x09) { skip() }
            if current == UInt8(ascii: "#") { scanComments(scanMark: scanMark) }
            guard isBreak(mark.offset) else { break }
            skipLine()
            if flowLevel == 0 { simpleKeyAllowed = true }
        }
    }

    /// Records the comment after a token on the same line, if any (yaml.v3's `scan_line_comment`).
    mutating func scanLineComment(attachedTo anchor: Int) {
        guard newlines == 0 else { return }
        var p = mark.offset
        while isBlank(p) { p += 1 }
        guard byte(p) == UInt8(ascii: "#") else { return }
        while mark.offset < p { skip() }
        let start = mark
        while !isBreakZ(mark.offset) { skip() }
        let text = Array(input[start.offset..<mark.offset])
        comments.append(
            YAMLComment(kind: .line(attachedTo: anchor), start: start.offset, end: mark.offset, line: start.line, column: start.column, text: text))
    }

    /// Reads a run of whole comment lines and splits it into foot and head comments the way yaml.v3's
    /// `scan_comments` does, including its byte-wise look-ahead (so that, as in yaml.v3, the LF of a CR LF after a
    /// comment line counts as an empty line).
    private mutating func scanComments(scanMark: YAMLMark) {
        guard var token = tokens.last else { return }
        if token.kind == .flowEntry && tokens.count > 1 { token = tokens[tokens.count - 2] }
        var nextIndent = max(indent, 0)
        var recentEmpty = false
        var firstEmpty = newlines <= 1
        var line = mark.line
        var column = mark.column
        var footLine = -1
        if scanMark.line > 0 {
            footLine = mark.line - newlines + 1
            if newlines == 0 && mark.column > 1 { footLine += 1 }
        }
        var group: CommentGroup?
        var peek = 0
        while true {
            let p = mark.offset + peek
            column += 1
            if isBlank(p) {
                peek += 1
                continue
            }
            let c = byte(p)
            let closeFlow = flowLevel > 0 && (c == UInt8(ascii: "]") || c == UInt8(ascii: "}"))
            if closeFlow || isBreakZ(p) {
                if closeFlow || !recentEmpty, let current = group {
                    let isFoot = firstEmpty && ((current.scanLine == footLine && token.kind != .value) || current.scanColumn - 1 < nextIndent)
                    if closeFlow || isFoot {
                        emit(current, as: .foot)
                        group = nil
                    } else if !isZ(p) {
                        group?.text.append(0x0A)
                    }
                }
                guard isBreak(p) else { break }
                firstEmpty = false
                recentEmpty = true
                column = 0
                line += 1
                peek += 1
                continue
            }
            if let current = group, closeFlow || (column - 1 < nextIndent && column != current.scanColumn) {
                emit(current, as: .foot)
                group = nil
            }
            guard c == UInt8(ascii: "#") else { break }
            while mark.offset < p {
                if isBreak(mark.offset) { skipLine() } else { skip() }
            }
            let start = mark
            while !isBreakZ(mark.offset) { skip() }
            let lineText = input[start.offset..<mark.offset]
            if group == nil {
                group = CommentGroup(
                    start: start.offset, line: start.line, column: start.column, scanLine: line, scanColumn: column, end: mark.offset,
                    text: Array(lineText))
            } else {
                group?.text.append(0x0A)
                group?.text.append(contentsOf: lineText)
                group?.end = mark.offset
            }
            recentEmpty = false
            peek = 1
            column = 0
            line = mark.line
            nextIndent = max(indent, 0)
        }
        if let group { emit(group, as: .head) }
    }

    private mutating func emit(_ group: CommentGroup, as kind: YAMLComment.Kind) {
        comments.append(YAMLComment(kind: kind, start: group.start, end: group.end, line: group.line, column: group.column, text: group.text))
    }
}
