/// Rewrites counted repetitions into stars, pluses, quests and concatenations, as Go's
/// `Regexp.Simplify` does, so that the compiler only sees the basic operators. Copies of a
/// repeated expression share one subtree; the compiler emits instructions for each copy.
enum RegexSimplifier {
    static func simplify(_ re: RegexNode) -> RegexNode {
        switch re.op {
        case .capture, .concat, .alternate:
            let simplified = re.subs.map(simplify)
            guard zip(simplified, re.subs).contains(where: { $0 !== $1 }) else { return re }
            let copy = RegexNode(re.op, flags: re.flags)
            copy.subs = simplified
            copy.cap = re.cap
            copy.name = re.name
            copy.min = re.min
            copy.max = re.max
            return copy
        case .star, .plus, .quest:
            return repetition(re.op, flags: re.flags, simplify(re.subs[0]), original: re)
        case .repeat:
            return expandRepeat(re)
        default:
            return re
        }
    }

    private static func expandRepeat(_ re: RegexNode) -> RegexNode {
        if re.min == 0 && re.max == 0 {
            return RegexNode(.emptyMatch)
        }
        let sub = simplify(re.subs[0])
        if re.max == -1 {
            if re.min == 0 { return repetition(.star, flags: re.flags, sub) }
            if re.min == 1 { return repetition(.plus, flags: re.flags, sub) }
            let joined = RegexNode(.concat)
            joined.subs = Array(repeating: sub, count: re.min - 1) + [repetition(.plus, flags: re.flags, sub)]
            return joined
        }
        if re.min == 1 && re.max == 1 {
            return sub
        }
        var prefix: RegexNode?
        if re.min > 0 {
            let joined = RegexNode(.concat)
            joined.subs = Array(repeating: sub, count: re.min)
            prefix = joined
        }
        if re.max > re.min {
            // x{2,5} = xx(x(x(x)?)?)?
            var suffix = repetition(.quest, flags: re.flags, sub)
            for _ in re.min + 1..<re.max {
                let pair = RegexNode(.concat)
                pair.subs = [sub, suffix]
                suffix = repetition(.quest, flags: re.flags, pair)
            }
            guard let prefix else { return suffix }
            prefix.subs.append(suffix)
        }
        return prefix ?? RegexNode(.noMatch)
    }

    /// `op` applied to `sub`, reusing `sub` or `original` when that changes nothing.
    private static func repetition(_ op: RegexOp, flags: ParseFlags, _ sub: RegexNode, original: RegexNode? = nil) -> RegexNode {
        if sub.op == .emptyMatch {
            return sub
        }
        let lazy = flags.contains(.nonGreedy)
        if op == sub.op && lazy == sub.flags.contains(.nonGreedy) {
            return sub
        }
        if let original, original.op == op, original.flags.contains(.nonGreedy) == lazy, sub === original.subs[0] {
            return original
        }
        let re = RegexNode(op, flags: flags)
        re.subs = [sub]
        return re
    }
}
