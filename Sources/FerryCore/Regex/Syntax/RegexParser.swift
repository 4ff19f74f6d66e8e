/// Parses a pattern the way Go's `regexp/syntax.Parse` does with the `Perl` flags that
/// `regexp.Compile` uses, producing the same tree: same literal merging, same alternation
/// factoring, same errors with the same quoted fragments and the same size and depth limits.
///
/// Like Go's, the parser is a shift-reduce loop over an explicit stack, so deeply nested input
/// cannot overflow the call stack while parsing.
struct RegexParser {
    /// Go's limit on parse tree height.
    static let maxHeight = 1000
    /// Go's limit on the estimated compiled size, in instructions (128 MB of 40-byte instructions).
    static let maxSize = 128 << 20 / 40
    /// Go's limit on the code points held by literals and classes.
    static let maxRunes = 128 << 20 / 4
    /// Go's limit on a counted repetition, and on the product of nested counts.
    static let maxRepeat = 1000

    let pattern: [UInt8]
    var flags: ParseFlags = .perl
    var stack: [RegexNode] = []
    var captureCount = 0
    /// Nodes created so far; the height check only starts once it reaches `maxHeight`, as in Go.
    var nodeCount = 0
    var runeCount = 0

    init(_ pattern: [UInt8]) {
        self.pattern = pattern
    }

    /// Parses `pattern` into a tree, or throws the error Go reports for it.
    static func parse(_ pattern: [UInt8]) throws(GoRegexpError) -> RegexNode {
        var parser = RegexParser(pattern)
        return try parser.parseAll()
    }

    private mutating func parseAll() throws(GoRegexpError) -> RegexNode {
        var lastRepeat: Int?
        var t = 0
        while t < pattern.count {
            var repeatStart: Int?
            switch pattern[t] {
            case UInt8(ascii: "("):
                if flags.contains(.perlX), t + 1 < pattern.count, pattern[t + 1] == UInt8(ascii: "?") {
                    t = try parsePerlFlags(at: t)
                } else {
                    captureCount += 1
                    let paren = try op(.leftParen)
                    paren.cap = captureCount
                    paren.offset = t
                    t += 1
                }
            case UInt8(ascii: "|"):
                try parseVerticalBar()
                t += 1
            case UInt8(ascii: ")"):
                try parseRightParen(at: t)
                t += 1
            case UInt8(ascii: "^"):
                try op(flags.contains(.oneLine) ? .beginText : .beginLine)
                t += 1
            case UInt8(ascii: "$"):
                if flags.contains(.oneLine) {
                    try op(.endText).flags.insert(.wasDollar)
                } else {
                    try op(.endLine)
                }
                t += 1
            case UInt8(ascii: "."):
                try op(flags.contains(.dotNL) ? .anyChar : .anyCharNotNL)
                t += 1
            case UInt8(ascii: "["):
                t = try parseClass(at: t)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                let kind: RegexOp = pattern[t] == UInt8(ascii: "*") ? .star : (pattern[t] == UInt8(ascii: "+") ? .plus : .quest)
                let after = try applyRepeat(kind, min: 0, max: 0, before: t, after: t + 1, lastRepeat: lastRepeat)
                repeatStart = t
                t = after
            case UInt8(ascii: "{"):
                guard let (min, max, after) = parseRepeatCount(at: t) else {
                    try literal(Int(UInt8(ascii: "{")))
                    t += 1
                    break
                }
                if min < 0 || min > Self.maxRepeat || max > Self.maxRepeat || (max >= 0 && min > max) {
                    throw error(.invalidRepeatSize, t..<after, at: t)
                }
                let next = try applyRepeat(.repeat, min: min, max: max, before: t, after: after, lastRepeat: lastRepeat)
                repeatStart = t
                t = next
            case UInt8(ascii: "\\"):
                t = try parseBackslash(at: t)
            default:
                let (rune, width) = try nextRune(at: t)
                try literal(rune)
                t += width
            }
            lastRepeat = repeatStart
        }
        try concat()
        if swapVerticalBar() {
            stack.removeLast()
        }
        try alternate()
        guard stack.count == 1 else {
            let unclosed = stack.last { $0.op == .leftParen }
            throw error(.missingParen, 0..<pattern.count, at: unclosed?.offset)
        }
        return stack[0]
    }

    // MARK: - Errors and decoding

    /// A parse error quoting `pattern[range]`.
    func error(_ code: GoRegexpError.Code, _ range: Range<Int>, at offset: Int?) -> GoRegexpError {
        let text = String(decoding: pattern[range.clamped(to: 0..<pattern.count)], as: UTF8.self)
        return GoRegexpError.parse(code, expression: text, offset: offset)
    }

    /// The rune at `index` and its width; `(U+FFFD, 0)` at `end`, as Go's decoder answers for empty input.
    func nextRune(at index: Int, end: Int? = nil) throws(GoRegexpError) -> (rune: Int, width: Int) {
        let end = end ?? pattern.count
        guard index < end else { return (UTF8Decoder.replacement, 0) }
        let decoded = UTF8Decoder.decode(pattern, at: index)
        if decoded.rune == UTF8Decoder.replacement && decoded.width == 1 {
            throw error(.invalidUTF8, index..<end, at: index)
        }
        return decoded
    }

    /// Throws Go's invalid UTF-8 error for the first bad byte in `range`.
    func checkUTF8(_ range: Range<Int>) throws(GoRegexpError) {
        var index = range.lowerBound
        while index < range.upperBound {
            index += try nextRune(at: index, end: range.upperBound).width
        }
    }

    // MARK: - Stack

    /// A new node with no flags.
    mutating func node(_ op: RegexOp) -> RegexNode {
        nodeCount += 1
        return RegexNode(op)
    }

    /// Pushes a node with the current flags.
    @discardableResult
    mutating func op(_ kind: RegexOp) throws(GoRegexpError) -> RegexNode {
        let re = node(kind)
        re.flags = flags
        guard let pushed = try push(re) else {
            preconditionFailure("invariant: only character classes merge into a previous literal")
        }
        return pushed
    }

    /// Pushes a literal code point (its smallest case-fold partner when folding).
    mutating func literal(_ rune: Int) throws(GoRegexpError) {
        let re = node(.literal)
        re.flags = flags
        re.runes = [flags.contains(.foldCase) ? UnicodeData.minimumFold(rune) : rune]
        try push(re)
    }

    /// Pushes `re`, turning one-code-point classes (and `[Aa]`-style pairs) into literals and
    /// merging adjacent literals into strings. Returns `nil` when `re` merged into the top literal.
    @discardableResult
    mutating func push(_ re: RegexNode) throws(GoRegexpError) -> RegexNode? {
        runeCount += re.runes.count
        if re.op == .charClass && re.runes.count == 2 && re.runes[0] == re.runes[1] {
            if maybeConcat(re.runes[0], flags.subtracting(.foldCase)) { return nil }
            re.op = .literal
            re.runes = [re.runes[0]]
            re.flags = flags.subtracting(.foldCase)
        } else if re.op == .charClass && Self.isFoldPair(re.runes) {
            if maybeConcat(re.runes[0], flags.union(.foldCase)) { return nil }
            re.op = .literal
            re.runes = [re.runes[0]]
            re.flags = flags.union(.foldCase)
        } else {
            _ = maybeConcat(-1, [])
        }
        stack.append(re)
        try checkLimits(re)
        return re
    }

    /// Whether a class holds exactly a code point and its only case-fold partner.
    private static func isFoldPair(_ runes: [Int]) -> Bool {
        if runes.count == 4 {
            return runes[0] == runes[1] && runes[2] == runes[3] && UnicodeData.simpleFold(runes[0]) == runes[2]
                && UnicodeData.simpleFold(runes[2]) == runes[0]
        }
        return runes.count == 2 && runes[0] + 1 == runes[1] && UnicodeData.simpleFold(runes[0]) == runes[1]
            && UnicodeData.simpleFold(runes[1]) == runes[0]
    }

    /// Merges the top literal into the one below when both fold the same way. With `rune >= 0` the
    /// freed top node is reused for `rune` and the function reports that it took it.
    mutating func maybeConcat(_ rune: Int, _ runeFlags: ParseFlags) -> Bool {
        let count = stack.count
        guard count >= 2 else { return false }
        let top = stack[count - 1]
        let below = stack[count - 2]
        guard top.op == .literal, below.op == .literal,
            top.flags.contains(.foldCase) == below.flags.contains(.foldCase)
        else { return false }
        below.runes += top.runes
        if rune >= 0 {
            top.runes = [rune]
            top.flags = runeFlags
            return true
        }
        stack.removeLast()
        return false
    }

    /// The index of the first stack entry above the topmost `(` or `|` marker.
    private func operandStart() -> Int {
        var index = stack.count
        while index > 0 && !stack[index - 1].op.isPseudo {
            index -= 1
        }
        return index
    }

    /// Replaces the operands above the topmost marker with their concatenation.
    mutating func concat() throws(GoRegexpError) {
        _ = maybeConcat(-1, [])
        let start = operandStart()
        let subs = Array(stack[start...])
        stack.removeSubrange(start...)
        if subs.isEmpty {
            try push(node(.emptyMatch))
        } else {
            try push(collapse(subs, .concat))
        }
    }

    /// Replaces the operands above the topmost `(` with their alternation.
    mutating func alternate() throws(GoRegexpError) {
        let start = operandStart()
        let subs = Array(stack[start...])
        stack.removeSubrange(start...)
        if let last = subs.last {
            Self.cleanAlternative(last)
        }
        if subs.isEmpty {
            try push(node(.noMatch))
        } else {
            try push(collapse(subs, .alternate))
        }
    }

    /// A node applying `kind` to `subs`, flattening nested nodes of the same kind and factoring
    /// alternations.
    mutating func collapse(_ subs: [RegexNode], _ kind: RegexOp) throws(GoRegexpError) -> RegexNode {
        if subs.count == 1 { return subs[0] }
        let re = node(kind)
        for sub in subs {
            if sub.op == kind {
                re.subs += sub.subs
            } else {
                re.subs.append(sub)
            }
        }
        if kind == .alternate {
            re.subs = try factor(re.subs)
            if re.subs.count == 1 { return re.subs[0] }
        }
        return re
    }
}
