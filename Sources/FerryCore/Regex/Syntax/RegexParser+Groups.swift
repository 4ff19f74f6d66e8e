extension RegexParser {
    /// Parses `(?P<name>`, `(?<name>`, flag settings `(?i-s)` and groups `(?i:` / `(?:` at `s`.
    /// Returns the offset after the construct.
    mutating func parsePerlFlags(at s: Int) throws(GoRegexpError) -> Int {
        let remaining = pattern.count - s
        let pythonStyle = remaining > 4 && pattern[s + 2] == UInt8(ascii: "P") && pattern[s + 3] == UInt8(ascii: "<")
        let perlStyle = remaining > 3 && pattern[s + 2] == UInt8(ascii: "<")
        if pythonStyle || perlStyle {
            let nameStart = s + (pythonStyle ? 4 : 3)
            guard let end = pattern[s...].firstIndex(of: UInt8(ascii: ">")) else {
                try checkUTF8(s..<pattern.count)
                throw error(.invalidNamedCapture, s..<pattern.count, at: s)
            }
            let name = nameStart..<end
            try checkUTF8(name)
            guard !name.isEmpty, pattern[name].allSatisfy({ $0 == UInt8(ascii: "_") || Self.isAlphanumeric(Int($0)) }) else {
                throw error(.invalidNamedCapture, s..<end + 1, at: s)
            }
            captureCount += 1
            let paren = try op(.leftParen)
            paren.cap = captureCount
            paren.name = String(decoding: pattern[name], as: UTF8.self)
            paren.offset = s
            return end + 1
        }

        var t = s + 2
        var newFlags = flags
        var negating = false
        var sawFlag = false
        while t < pattern.count {
            let (c, width) = try nextRune(at: t)
            t += width
            switch c {
            case Int(UInt8(ascii: "i")):
                if negating { newFlags.remove(.foldCase) } else { newFlags.insert(.foldCase) }
                sawFlag = true
            case Int(UInt8(ascii: "m")):
                if negating { newFlags.insert(.oneLine) } else { newFlags.remove(.oneLine) }
                sawFlag = true
            case Int(UInt8(ascii: "s")):
                if negating { newFlags.remove(.dotNL) } else { newFlags.insert(.dotNL) }
                sawFlag = true
            case Int(UInt8(ascii: "U")):
                if negating { newFlags.remove(.nonGreedy) } else { newFlags.insert(.nonGreedy) }
                sawFlag = true
            case Int(UInt8(ascii: "-")):
                guard !negating else { throw error(.invalidPerlOp, s..<t, at: s) }
                negating = true
                sawFlag = false
            case Int(UInt8(ascii: ":")), Int(UInt8(ascii: ")")):
                guard !negating || sawFlag else { throw error(.invalidPerlOp, s..<t, at: s) }
                if c == Int(UInt8(ascii: ":")) {
                    let paren = try op(.leftParen)
                    paren.offset = s
                }
                flags = newFlags
                return t
            default:
                throw error(.invalidPerlOp, s..<t, at: s)
            }
        }
        throw error(.invalidPerlOp, s..<t, at: s)
    }

    /// Handles `|`: the operands since the last marker become one alternative.
    mutating func parseVerticalBar() throws(GoRegexpError) {
        try concat()
        if !swapVerticalBar() {
            try op(.verticalBar)
        }
    }

    /// Handles `)` at `t`: closes the innermost group, restoring the flags in force at its `(`.
    mutating func parseRightParen(at t: Int) throws(GoRegexpError) {
        try concat()
        if swapVerticalBar() {
            stack.removeLast()
        }
        try alternate()
        guard stack.count >= 2 else {
            throw error(.unexpectedParen, 0..<pattern.count, at: t)
        }
        let body = stack.removeLast()
        let paren = stack.removeLast()
        guard paren.op == .leftParen else {
            throw error(.unexpectedParen, 0..<pattern.count, at: t)
        }
        flags = paren.flags
        if paren.cap == 0 {
            try push(body)
        } else {
            paren.op = .capture
            paren.subs = [body]
            try push(paren)
        }
    }

    /// When the operand on top sits above a `|` marker, swaps the two so that finished alternatives
    /// collect below the marker, merging single-character alternatives into one class on the way.
    mutating func swapVerticalBar() -> Bool {
        let count = stack.count
        if count >= 3 && stack[count - 2].op == .verticalBar && stack[count - 1].isCharClassLike
            && stack[count - 3].isCharClassLike
        {
            var simpler = stack[count - 1]
            var richer = stack[count - 3]
            if simpler.op > richer.op {
                swap(&simpler, &richer)
                stack[count - 3] = richer
            }
            Self.mergeCharClass(into: richer, simpler)
            stack.removeLast()
            return true
        }
        if count >= 2 && stack[count - 2].op == .verticalBar {
            if count >= 3 {
                Self.cleanAlternative(stack[count - 3])
            }
            stack.swapAt(count - 2, count - 1)
            return true
        }
        return false
    }

    /// Applies a repetition operator (`*`, `+`, `?` or a counted `{…}` spanning `before..<after`)
    /// to the operand on top of the stack. Returns the offset after it, past a lazy `?` suffix.
    mutating func applyRepeat(
        _ kind: RegexOp, min: Int, max: Int, before: Int, after: Int, lastRepeat: Int?
    ) throws(GoRegexpError) -> Int {
        var after = after
        var repeatFlags = flags
        if flags.contains(.perlX) {
            if after < pattern.count && pattern[after] == UInt8(ascii: "?") {
                after += 1
                repeatFlags.formSymmetricDifference(.nonGreedy)
            }
            if let lastRepeat {
                throw error(.invalidRepeatOp, lastRepeat..<after, at: lastRepeat)
            }
        }
        guard let operand = stack.last, !operand.op.isPseudo else {
            throw error(.missingRepeatArgument, before..<after, at: before)
        }
        let re = node(kind)
        re.min = min
        re.max = max
        re.flags = repeatFlags
        re.subs = [operand]
        stack[stack.count - 1] = re
        try checkLimits(re)
        if kind == .repeat && (min >= 2 || max >= 2) && !Self.repeatIsValid(re, Self.maxRepeat) {
            throw error(.invalidRepeatSize, before..<after, at: before)
        }
        return after
    }

    /// Whether nested counted repetitions under `re` multiply to at most `limit` copies.
    static func repeatIsValid(_ re: RegexNode, _ limit: Int) -> Bool {
        var limit = limit
        if re.op == .repeat {
            var count = re.max
            if count == 0 { return true }
            if count < 0 { count = re.min }
            if count > limit { return false }
            if count > 0 { limit /= count }
        }
        return re.subs.allSatisfy { repeatIsValid($0, limit) }
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at `s`: `(min, max, offset after)` with `max == -1` for no
    /// upper bound and `min == -1` for numbers too large; `nil` when the text is not a count (then
    /// the `{` is a literal).
    func parseRepeatCount(at s: Int) -> (min: Int, max: Int, after: Int)? {
        var t = s + 1
        guard let (parsedMin, next) = parseInt(at: t) else { return nil }
        var min = parsedMin
        t = next
        guard t < pattern.count else { return nil }
        var max = min
        if pattern[t] == UInt8(ascii: ",") {
            t += 1
            guard t < pattern.count else { return nil }
            if pattern[t] == UInt8(ascii: "}") {
                max = -1
            } else {
                guard let (upper, afterUpper) = parseInt(at: t) else { return nil }
                max = upper
                t = afterUpper
                if max < 0 { min = -1 }
            }
        }
        guard t < pattern.count, pattern[t] == UInt8(ascii: "}") else { return nil }
        return (min, max, t + 1)
    }

    /// A decimal number without leading zeros at `s`; `-1` as its value when it exceeds 10^8.
    private func parseInt(at s: Int) -> (value: Int, next: Int)? {
        guard s < pattern.count, (0x30...0x39).contains(pattern[s]) else { return nil }
        if s + 1 < pattern.count && pattern[s] == 0x30 && (0x30...0x39).contains(pattern[s + 1]) {
            return nil
        }
        var t = s
        var value = 0
        while t < pattern.count && (0x30...0x39).contains(pattern[t]) {
            if value >= 0 {
                value = value >= 100_000_000 ? -1 : value * 10 + Int(pattern[t]) - 0x30
            }
            t += 1
        }
        return (value, t)
    }

    /// Tidies a class about to become an alternative: clean ranges, and `.` forms spelled as classes.
    static func cleanAlternative(_ re: RegexNode) {
        guard re.op == .charClass else { return }
        re.runes = RuneRanges.cleaned(re.runes)
        if re.runes == [0, UnicodeData.maxRune] {
            re.op = .anyChar
            re.runes = []
        } else if re.runes == [0, 0x09, 0x0B, UnicodeData.maxRune] {
            re.op = .anyCharNotNL
            re.runes = []
        }
    }

    /// Makes `target` match what it matched or what `source` matches; `target` must be at least
    /// as complex (literal < class < `.` without newline < `.`).
    static func mergeCharClass(into target: RegexNode, _ source: RegexNode) {
        switch target.op {
        case .anyCharNotNL:
            if source.matchesRune(0x0A) {
                target.op = .anyChar
            }
        case .charClass:
            if source.op == .literal {
                appendLiteral(&target.runes, source.runes[0], source.flags)
            } else {
                RuneRanges.append(&target.runes, class: source.runes)
            }
        case .literal:
            if source.runes[0] == target.runes[0] && source.flags == target.flags {
                break
            }
            let rune = target.runes[0]
            target.op = .charClass
            target.runes = []
            appendLiteral(&target.runes, rune, target.flags)
            appendLiteral(&target.runes, source.runes[0], source.flags)
        default:
            break
        }
    }

    private static func appendLiteral(_ ranges: inout [Int], _ rune: Int, _ flags: ParseFlags) {
        if flags.contains(.foldCase) {
            RuneRanges.appendFolded(&ranges, rune, rune)
        } else {
            RuneRanges.append(&ranges, rune, rune)
        }
    }
}
