extension RegexParser {
    /// Parses what follows a backslash outside a class: assertions, `\Q…\E`, `\pN`, Perl classes
    /// or a single escaped code point. Returns the offset after it.
    mutating func parseBackslash(at t: Int) throws(GoRegexpError) -> Int {
        if flags.contains(.perlX), t + 1 < pattern.count {
            switch pattern[t + 1] {
            case UInt8(ascii: "A"):
                try op(.beginText)
                return t + 2
            case UInt8(ascii: "b"):
                try op(.wordBoundary)
                return t + 2
            case UInt8(ascii: "B"):
                try op(.noWordBoundary)
                return t + 2
            case UInt8(ascii: "C"):
                throw error(.invalidEscape, t..<t + 2, at: t)
            case UInt8(ascii: "Q"):
                return try parseQuoted(at: t)
            case UInt8(ascii: "z"):
                try op(.endText)
                return t + 2
            default:
                break
            }
        }
        if t + 1 < pattern.count && (pattern[t + 1] == UInt8(ascii: "p") || pattern[t + 1] == UInt8(ascii: "P")),
            flags.contains(.unicodeGroups)
        {
            let (ranges, next) = try parseUnicodeClass(at: t, into: [])
            try pushClass(ranges)
            return next
        }
        if let (ranges, next) = parsePerlClassEscape(at: t, into: []) {
            try pushClass(ranges)
            return next
        }
        let (rune, next) = try parseEscape(at: t)
        try literal(rune)
        return next
    }

    private mutating func pushClass(_ ranges: [Int]) throws(GoRegexpError) {
        let re = node(.charClass)
        re.flags = flags
        re.runes = ranges
        try push(re)
    }

    /// `\Q…\E`: everything up to `\E` (or the end) is literal text.
    private mutating func parseQuoted(at t: Int) throws(GoRegexpError) -> Int {
        let start = t + 2
        var end = pattern.count
        var index = start
        while index + 1 < pattern.count {
            if pattern[index] == UInt8(ascii: "\\") && pattern[index + 1] == UInt8(ascii: "E") {
                end = index
                break
            }
            index += 1
        }
        var position = start
        while position < end {
            let (rune, width) = try nextRune(at: position, end: end)
            try literal(rune)
            position += width
        }
        return end == pattern.count ? end : end + 2
    }

    /// A single escaped code point: `\n`-style C escapes, octal, `\x7F`, `\x{10FFFF}` or escaped
    /// punctuation. Any other escaped letter or digit is an error.
    func parseEscape(at s: Int) throws(GoRegexpError) -> (rune: Int, next: Int) {
        var t = s + 1
        guard t < pattern.count else {
            throw error(.trailingBackslash, s..<s, at: s)
        }
        let (c, width) = try nextRune(at: t)
        t += width
        switch c {
        case 0x31...0x37 where !(t < pattern.count && Self.isOctal(pattern[t])):
            break  // A lone \1 to \7 would be a backreference, which Go does not support.
        case 0x30...0x37:
            var value = c - 0x30
            for _ in 1..<3 {
                guard t < pattern.count, Self.isOctal(pattern[t]) else { break }
                value = value * 8 + Int(pattern[t]) - 0x30
                t += 1
            }
            return (value, t)
        case Int(UInt8(ascii: "x")):
            return try parseHexEscape(from: s, after: t)
        case Int(UInt8(ascii: "a")): return (0x07, t)
        case Int(UInt8(ascii: "f")): return (0x0C, t)
        case Int(UInt8(ascii: "n")): return (0x0A, t)
        case Int(UInt8(ascii: "r")): return (0x0D, t)
        case Int(UInt8(ascii: "t")): return (0x09, t)
        case Int(UInt8(ascii: "v")): return (0x0B, t)
        default:
            if c < 0x80 && !Self.isAlphanumeric(c) {
                return (c, t)
            }
        }
        throw error(.invalidEscape, s..<t, at: s)
    }

    /// `\xFF` or `\x{10FFFF}`; `t` is just past the `x`.
    private func parseHexEscape(from s: Int, after x: Int) throws(GoRegexpError) -> (rune: Int, next: Int) {
        var t = x
        guard t < pattern.count else { throw error(.invalidEscape, s..<t, at: s) }
        var (c, width) = try nextRune(at: t)
        t += width
        if c == Int(UInt8(ascii: "{")) {
            var digits = 0
            var value = 0
            while true {
                guard t < pattern.count else { throw error(.invalidEscape, s..<t, at: s) }
                (c, width) = try nextRune(at: t)
                t += width
                if c == Int(UInt8(ascii: "}")) { break }
                guard let digit = Self.hexValue(c) else { throw error(.invalidEscape, s..<t, at: s) }
                value = value * 16 + digit
                guard value <= UnicodeData.maxRune else { throw error(.invalidEscape, s..<t, at: s) }
                digits += 1
            }
            guard digits > 0 else { throw error(.invalidEscape, s..<t, at: s) }
            return (value, t)
        }
        let high = Self.hexValue(c)
        (c, width) = try nextRune(at: t)
        t += width
        guard let high, let low = Self.hexValue(c) else { throw error(.invalidEscape, s..<t, at: s) }
        return (high * 16 + low, t)
    }

    /// `\pN`, `\p{Name}`, `\PN`, `\P{Name}` (with an optional `^` negating the name), appended to `ranges`.
    func parseUnicodeClass(at s: Int, into ranges: [Int]) throws(GoRegexpError) -> (ranges: [Int], next: Int) {
        var negated = pattern[s + 1] == UInt8(ascii: "P")
        let t = s + 2
        let (c, width) = try nextRune(at: t)
        var name: Range<Int>
        let next: Int
        if c != Int(UInt8(ascii: "{")) {
            name = t..<t + width
            next = t + width
        } else {
            guard let close = pattern[s...].firstIndex(of: UInt8(ascii: "}")) else {
                try checkUTF8(s..<pattern.count)
                throw error(.invalidCharRange, s..<pattern.count, at: s)
            }
            name = s + 3..<close
            next = close + 1
            try checkUTF8(name)
        }
        if !name.isEmpty && pattern[name.lowerBound] == UInt8(ascii: "^") {
            negated.toggle()
            name = name.lowerBound + 1..<name.upperBound
        }
        guard let table = UnicodeData.namedClass(pattern[name]) else {
            throw error(.invalidCharRange, s..<next, at: s)
        }
        var result = ranges
        if flags.contains(.foldCase) {
            var folded: [Int] = []
            RuneRanges.appendFolded(&folded, class: table)
            appendGroup(&result, RuneRanges.cleaned(folded), negated: negated, fold: false)
        } else {
            appendGroup(&result, table, negated: negated, fold: false)
        }
        return (result, next)
    }

    /// `\d`, `\D`, `\s`, `\S`, `\w` or `\W` at `s`, appended to `ranges`; `nil` when there is none.
    func parsePerlClassEscape(at s: Int, into ranges: [Int]) -> (ranges: [Int], next: Int)? {
        guard flags.contains(.perlX), s + 1 < pattern.count, pattern[s] == UInt8(ascii: "\\"),
            let group = PerlGroups.perl(pattern[s + 1])
        else { return nil }
        var result = ranges
        appendGroup(&result, group.ranges, negated: group.negated, fold: flags.contains(.foldCase))
        return (result, s + 2)
    }

    /// `[:alpha:]`-style classes at `s` (which starts with `[:`), appended to `ranges`; `nil` when
    /// no `:]` follows, so the `[` is an ordinary class member.
    func parseNamedClass(at s: Int, into ranges: [Int]) throws(GoRegexpError) -> (ranges: [Int], next: Int)? {
        var close = s + 2
        while close + 1 < pattern.count && !(pattern[close] == UInt8(ascii: ":") && pattern[close + 1] == UInt8(ascii: "]")) {
            close += 1
        }
        guard close + 1 < pattern.count else { return nil }
        guard let group = PerlGroups.posix(pattern[s + 2..<close]) else {
            throw error(.invalidCharRange, s..<close + 2, at: s)
        }
        var result = ranges
        appendGroup(&result, group.ranges, negated: group.negated, fold: flags.contains(.foldCase))
        return (result, close + 2)
    }

    /// Appends a clean class, or its complement, optionally closed under case folding first.
    private func appendGroup(_ ranges: inout [Int], _ group: [Int], negated: Bool, fold: Bool) {
        var group = group
        if fold {
            var folded: [Int] = []
            RuneRanges.appendFolded(&folded, class: group)
            group = RuneRanges.cleaned(folded)
        }
        if negated {
            RuneRanges.appendNegated(&ranges, class: group)
        } else {
            RuneRanges.append(&ranges, class: group)
        }
    }

    /// Parses a bracketed class at `s` and pushes it. Returns the offset after the `]`.
    mutating func parseClass(at s: Int) throws(GoRegexpError) -> Int {
        var t = s + 1
        var ranges: [Int] = []
        var negated = false
        if t < pattern.count && pattern[t] == UInt8(ascii: "^") {
            negated = true
            t += 1
            if !flags.contains(.classNL) {
                ranges += [0x0A, 0x0A]
            }
        }
        var first = true
        while t >= pattern.count || pattern[t] != UInt8(ascii: "]") || first {
            first = false
            if pattern.count - t > 2 && pattern[t] == UInt8(ascii: "[") && pattern[t + 1] == UInt8(ascii: ":"),
                let (named, next) = try parseNamedClass(at: t, into: ranges)
            {
                ranges = named
                t = next
                continue
            }
            if pattern.count - t >= 2 && pattern[t] == UInt8(ascii: "\\") && flags.contains(.unicodeGroups)
                && (pattern[t + 1] == UInt8(ascii: "p") || pattern[t + 1] == UInt8(ascii: "P"))
            {
                (ranges, t) = try parseUnicodeClass(at: t, into: ranges)
                continue
            }
            if let (perl, next) = parsePerlClassEscape(at: t, into: ranges) {
                ranges = perl
                t = next
                continue
            }
            let rangeStart = t
            let lo: Int
            (lo, t) = try parseClassChar(at: t, classStart: s)
            var hi = lo
            if pattern.count - t >= 2 && pattern[t] == UInt8(ascii: "-") && pattern[t + 1] != UInt8(ascii: "]") {
                (hi, t) = try parseClassChar(at: t + 1, classStart: s)
                if hi < lo {
                    throw error(.invalidCharRange, rangeStart..<t, at: rangeStart)
                }
            }
            if flags.contains(.foldCase) {
                RuneRanges.appendFolded(&ranges, lo, hi)
            } else {
                RuneRanges.append(&ranges, lo, hi)
            }
        }
        ranges = RuneRanges.cleaned(ranges)
        if negated {
            ranges = RuneRanges.negated(ranges)
        }
        let re = node(.charClass)
        re.flags = flags
        re.runes = ranges
        try push(re)
        return t + 1
    }

    /// One class member: an escape or a code point; the class is unterminated at the end of the pattern.
    private func parseClassChar(at s: Int, classStart: Int) throws(GoRegexpError) -> (rune: Int, next: Int) {
        guard s < pattern.count else {
            throw error(.missingBracket, classStart..<pattern.count, at: classStart)
        }
        if pattern[s] == UInt8(ascii: "\\") {
            return try parseEscape(at: s)
        }
        let (rune, width) = try nextRune(at: s)
        return (rune, s + width)
    }

    static func isOctal(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
    }

    static func isAlphanumeric(_ c: Int) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
    }

    static func hexValue(_ c: Int) -> Int? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
