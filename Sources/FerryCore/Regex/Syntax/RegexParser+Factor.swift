extension RegexParser {
    /// Factors common prefixes out of the alternatives `subs`, as Go does: shared literal prefixes
    /// (`abc|abd` → `ab(?:c|d)`), shared leading single-character pieces (`[ab]x|[ab]y`), runs of
    /// single characters merged into one class (`a|b|c` → `[a-c]`) and runs of empty alternatives.
    /// Each step keeps the alternatives' order, so leftmost-first matching is unchanged.
    mutating func factor(_ subs: [RegexNode]) throws(GoRegexpError) -> [RegexNode] {
        guard subs.count >= 2 else { return subs }
        var result = try factorLiteralPrefixes(subs)
        result = try factorLeadingPieces(result)
        result = Self.mergeSingleCharacters(result)
        var out: [RegexNode] = []
        for (index, sub) in result.enumerated() {
            if index + 1 < result.count && sub.op == .emptyMatch && result[index + 1].op == .emptyMatch {
                continue
            }
            out.append(sub)
        }
        return out
    }

    /// Round 1: alternatives starting with the same literal text share it.
    private mutating func factorLiteralPrefixes(_ subs: [RegexNode]) throws(GoRegexpError) -> [RegexNode] {
        var subs = subs
        var out: [RegexNode] = []
        var prefix: [Int] = []
        var prefixFlags: ParseFlags = []
        var start = 0
        for index in 0...subs.count {
            var leading: [Int] = []
            var leadingFlags: ParseFlags = []
            if index < subs.count {
                (leading, leadingFlags) = Self.leadingString(subs[index])
                if leadingFlags == prefixFlags {
                    var same = 0
                    while same < prefix.count && same < leading.count && prefix[same] == leading[same] {
                        same += 1
                    }
                    if same > 0 {
                        prefix.removeSubrange(same...)
                        continue
                    }
                }
            }
            if index == start + 1 {
                out.append(subs[start])
            } else if index > start + 1 {
                let shared = node(.literal)
                shared.flags = prefixFlags
                shared.runes = prefix
                for position in start..<index {
                    subs[position] = Self.removeLeadingString(subs[position], prefix.count)
                    try checkLimits(subs[position])
                }
                let suffix = try collapse(Array(subs[start..<index]), .alternate)
                let joined = node(.concat)
                joined.subs = [shared, suffix]
                out.append(joined)
            }
            start = index
            prefix = leading
            prefixFlags = leadingFlags
        }
        return out
    }

    /// Round 2: alternatives starting with the same single-character piece (or a fixed repetition
    /// of one) share it. More complex pieces are left alone: sharing them would merge paths.
    private mutating func factorLeadingPieces(_ subs: [RegexNode]) throws(GoRegexpError) -> [RegexNode] {
        var subs = subs
        var out: [RegexNode] = []
        var first: RegexNode?
        var start = 0
        for index in 0...subs.count {
            var leading: RegexNode?
            if index < subs.count {
                leading = Self.leadingRegexp(subs[index])
                if let first, let leading, first.isEqual(to: leading),
                    first.isCharClassLike || (first.op == .repeat && first.min == first.max && first.subs[0].isCharClassLike)
                {
                    continue
                }
            }
            if index == start + 1 {
                out.append(subs[start])
            } else if index > start + 1 {
                guard let shared = first else {
                    preconditionFailure("invariant: a run of several alternatives shares a leading piece")
                }
                for position in start..<index {
                    subs[position] = removeLeadingRegexp(subs[position])
                    try checkLimits(subs[position])
                }
                let suffix = try collapse(Array(subs[start..<index]), .alternate)
                let joined = node(.concat)
                joined.subs = [shared, suffix]
                out.append(joined)
            }
            start = index
            first = leading
        }
        return out
    }

    /// Round 3: runs of single-character alternatives become one class.
    private static func mergeSingleCharacters(_ subs: [RegexNode]) -> [RegexNode] {
        var subs = subs
        var out: [RegexNode] = []
        var start = 0
        for index in 0...subs.count {
            if index < subs.count && subs[index].isCharClassLike {
                continue
            }
            if index == start + 1 {
                out.append(subs[start])
            } else if index > start + 1 {
                var richest = start
                for position in start + 1..<index {
                    let candidate = subs[position]
                    let current = subs[richest]
                    if current.op < candidate.op || (current.op == candidate.op && current.runes.count < candidate.runes.count) {
                        richest = position
                    }
                }
                subs.swapAt(start, richest)
                for position in start + 1..<index {
                    mergeCharClass(into: subs[start], subs[position])
                }
                cleanAlternative(subs[start])
                out.append(subs[start])
            }
            if index < subs.count {
                out.append(subs[index])
            }
            start = index + 1
        }
        return out
    }

    /// The literal text `re` starts with, and whether it folds case.
    private static func leadingString(_ re: RegexNode) -> ([Int], ParseFlags) {
        let first = re.op == .concat && !re.subs.isEmpty ? re.subs[0] : re
        guard first.op == .literal else { return ([], []) }
        return (first.runes, first.flags.intersection(.foldCase))
    }

    /// `re` without its first `count` literal code points.
    private static func removeLeadingString(_ re: RegexNode, _ count: Int) -> RegexNode {
        if re.op == .concat && !re.subs.isEmpty {
            let first = removeLeadingString(re.subs[0], count)
            re.subs[0] = first
            if first.op == .emptyMatch {
                switch re.subs.count {
                case 0, 1:
                    re.op = .emptyMatch
                    re.subs = []
                case 2:
                    return re.subs[1]
                default:
                    re.subs.removeFirst()
                }
            }
            return re
        }
        if re.op == .literal {
            re.runes.removeFirst(count)
            if re.runes.isEmpty {
                re.op = .emptyMatch
            }
        }
        return re
    }

    /// The first piece of `re`: its first concatenated part, or itself.
    private static func leadingRegexp(_ re: RegexNode) -> RegexNode? {
        if re.op == .emptyMatch { return nil }
        if re.op == .concat && !re.subs.isEmpty {
            return re.subs[0].op == .emptyMatch ? nil : re.subs[0]
        }
        return re
    }

    /// `re` without its first piece.
    private mutating func removeLeadingRegexp(_ re: RegexNode) -> RegexNode {
        if re.op == .concat && !re.subs.isEmpty {
            re.subs.removeFirst()
            switch re.subs.count {
            case 0:
                re.op = .emptyMatch
                re.subs = []
            case 1:
                return re.subs[0]
            default:
                break
            }
            return re
        }
        return node(.emptyMatch)
    }
}
