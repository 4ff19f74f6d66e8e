/// Compiles a simplified tree into a ``RegexProgram`` with the structure of Go's compiler, so that
/// the matchers explore alternatives in the same priority order and report the same submatches.
struct RegexCompiler {
    /// A list of instruction fields still to be pointed somewhere: each entry is `pc << 1`
    /// (the `out` field) or `pc << 1 | 1` (the `arg` field), chained through the fields themselves.
    private struct PatchList {
        var head: UInt32 = 0
        var tail: UInt32 = 0
    }

    /// A compiled piece: its entry instruction (0 for "never matches"), its dangling exits and
    /// whether it can match the empty string.
    private struct Fragment {
        var entry: UInt32 = 0
        var exits = PatchList()
        var nullable = false
    }

    private var instructions: [RegexProgram.Instruction] = [RegexProgram.Instruction(op: .fail)]
    private var classes: [RuneClass] = []
    private var classRanges: [[Int]] = []
    private var slotCount = 2
    private let limit: Int

    private init(limit: Int) {
        self.limit = limit
    }

    /// Compiles `re`, failing once the program exceeds `limit` instructions.
    static func compile(_ re: RegexNode, limit: Int) throws(GoRegexpError) -> RegexProgram {
        var compiler = RegexCompiler(limit: limit)
        let body = try compiler.compileTree(re)
        let match = try compiler.emit(.match)
        compiler.patch(body.exits, to: match.entry)
        return RegexProgram(
            instructions: compiler.instructions, classes: compiler.classes, classRanges: compiler.classRanges, start: Int(body.entry),
            slotCount: compiler.slotCount)
    }

    /// Work left while compiling a tree without recursion (simplified trees can nest thousands of
    /// levels deep: `x{0,1000}` is a chain of 1000 optional pieces).
    private enum Task {
        /// Compile a node and push its fragment.
        case compile(RegexNode)
        /// The group's body is on top of the result stack, above its opening capture.
        case closeCapture(RegexNode)
        /// The operand of a star, plus or quest is on top of the result stack.
        case applyRepetition(RegexNode)
        /// Part `index` of a concatenation is on top, above the concatenation of the parts before.
        case joinConcat(RegexNode, index: Int)
        /// Alternative `index` is on top, above the alternation of the ones before.
        case joinAlternate(RegexNode, index: Int)
    }

    /// Compiles `root` in Go's order, with explicit stacks instead of recursion.
    private mutating func compileTree(_ root: RegexNode) throws(GoRegexpError) -> Fragment {
        var tasks: [Task] = [.compile(root)]
        var results: [Fragment] = []
        func pop() -> Fragment {
            guard let fragment = results.popLast() else {
                preconditionFailure("invariant: every join finds its operands on the result stack")
            }
            return fragment
        }
        while let task = tasks.popLast() {
            switch task {
            case let .compile(re):
                switch re.op {
                case .capture:
                    results.append(try capture(slot: 2 * re.cap))
                    tasks.append(.closeCapture(re))
                    tasks.append(.compile(re.subs[0]))
                case .star, .plus, .quest:
                    tasks.append(.applyRepetition(re))
                    tasks.append(.compile(re.subs[0]))
                case .concat where !re.subs.isEmpty:
                    tasks.append(.joinConcat(re, index: 1))
                    tasks.append(.compile(re.subs[0]))
                case .alternate:
                    results.append(Fragment())
                    tasks.append(.joinAlternate(re, index: 0))
                    tasks.append(.compile(re.subs[0]))
                default:
                    results.append(try leaf(re))
                }
            case let .closeCapture(re):
                let body = pop()
                let open = pop()
                let close = try capture(slot: 2 * re.cap + 1)
                results.append(concatenate(concatenate(open, body), close))
            case let .applyRepetition(re):
                let body = pop()
                let lazy = re.flags.contains(.nonGreedy)
                switch re.op {
                case .star: results.append(try star(body, lazy: lazy))
                case .plus: results.append(try plus(body, lazy: lazy))
                default: results.append(try quest(body, lazy: lazy))
                }
            case let .joinConcat(re, index):
                if index > 1 {
                    let part = pop()
                    results.append(concatenate(pop(), part))
                }
                if index < re.subs.count {
                    tasks.append(.joinConcat(re, index: index + 1))
                    tasks.append(.compile(re.subs[index]))
                }
            case let .joinAlternate(re, index):
                let alternative = pop()
                results.append(try alternate(pop(), alternative))
                if index + 1 < re.subs.count {
                    tasks.append(.joinAlternate(re, index: index + 1))
                    tasks.append(.compile(re.subs[index + 1]))
                }
            }
        }
        return pop()
    }

    /// Compiles a node without subexpressions to compile.
    private mutating func leaf(_ re: RegexNode) throws(GoRegexpError) -> Fragment {
        switch re.op {
        case .noMatch:
            return Fragment()
        case .emptyMatch, .concat:
            return try nop()
        case .literal:
            guard !re.runes.isEmpty else { return try nop() }
            var fragment = try rune([re.runes[0]], flags: re.flags)
            for rune in re.runes.dropFirst() {
                fragment = concatenate(fragment, try self.rune([rune], flags: re.flags))
            }
            return fragment
        case .charClass:
            return try rune(re.runes, flags: re.flags)
        case .anyCharNotNL:
            return try rune([0, 0x09, 0x0B, UnicodeData.maxRune], flags: [])
        case .anyChar:
            return try rune([0, UnicodeData.maxRune], flags: [])
        case .beginLine: return try empty(.beginLine)
        case .endLine: return try empty(.endLine)
        case .beginText: return try empty(.beginText)
        case .endText: return try empty(.endText)
        case .wordBoundary: return try empty(.wordBoundary)
        case .noWordBoundary: return try empty(.noWordBoundary)
        case .capture, .star, .plus, .quest, .alternate, .repeat, .leftParen, .verticalBar:
            preconditionFailure("invariant: simplified trees hold no counted repetitions or parse markers")
        }
    }

    // MARK: - Instructions

    private mutating func emit(_ op: RegexProgram.Op, arg: UInt32 = 0) throws(GoRegexpError) -> Fragment {
        guard instructions.count < limit else {
            throw GoRegexpError.programTooLarge(limit: limit)
        }
        let pc = UInt32(instructions.count)
        instructions.append(RegexProgram.Instruction(op: op, arg: arg))
        return Fragment(entry: pc, exits: PatchList(), nullable: true)
    }

    private mutating func nop() throws(GoRegexpError) -> Fragment {
        var fragment = try emit(.nop)
        fragment.exits = PatchList(head: fragment.entry << 1, tail: fragment.entry << 1)
        return fragment
    }

    private mutating func empty(_ assertion: EmptyAssertions) throws(GoRegexpError) -> Fragment {
        var fragment = try emit(.emptyWidth, arg: UInt32(assertion.rawValue))
        fragment.exits = PatchList(head: fragment.entry << 1, tail: fragment.entry << 1)
        return fragment
    }

    private mutating func capture(slot: Int) throws(GoRegexpError) -> Fragment {
        var fragment = try emit(.capture, arg: UInt32(slot))
        fragment.exits = PatchList(head: fragment.entry << 1, tail: fragment.entry << 1)
        slotCount = Swift.max(slotCount, slot + 1)
        return fragment
    }

    /// An instruction consuming one rune of `runes` (one code point, or class ranges).
    private mutating func rune(_ runes: [Int], flags: ParseFlags) throws(GoRegexpError) -> Fragment {
        var fragment: Fragment
        let folds = runes.count == 1 && flags.contains(.foldCase) && UnicodeData.simpleFold(runes[0]) != runes[0]
        if !folds && (runes.count == 1 || (runes.count == 2 && runes[0] == runes[1])) {
            fragment = try emit(.rune1, arg: UInt32(runes[0]))
        } else if runes == [0, UnicodeData.maxRune] {
            fragment = try emit(.runeAny)
        } else if runes == [0, 0x09, 0x0B, UnicodeData.maxRune] {
            fragment = try emit(.runeAnyNotNL)
        } else {
            var ranges = runes
            if folds {
                ranges = [runes[0], runes[0]]
                UnicodeData.forEachFoldPartner(in: runes[0], runes[0]) { RuneRanges.append(&ranges, $0, $0) }
                ranges = RuneRanges.cleaned(ranges)
            }
            fragment = try emit(.rune, arg: UInt32(classes.count))
            classes.append(RuneClass(ranges: ranges))
            classRanges.append(ranges)
        }
        fragment.nullable = false
        fragment.exits = PatchList(head: fragment.entry << 1, tail: fragment.entry << 1)
        return fragment
    }

    // MARK: - Combinators

    private mutating func concatenate(_ first: Fragment, _ second: Fragment) -> Fragment {
        if first.entry == 0 || second.entry == 0 {
            return Fragment()
        }
        patch(first.exits, to: second.entry)
        return Fragment(entry: first.entry, exits: second.exits, nullable: first.nullable && second.nullable)
    }

    private mutating func alternate(_ first: Fragment, _ second: Fragment) throws(GoRegexpError) -> Fragment {
        if first.entry == 0 { return second }
        if second.entry == 0 { return first }
        var fragment = try emit(.alt)
        instructions[Int(fragment.entry)].out = first.entry
        instructions[Int(fragment.entry)].arg = second.entry
        fragment.exits = append(first.exits, second.exits)
        fragment.nullable = first.nullable || second.nullable
        return fragment
    }

    /// `body?`: the alternative that skips `body` is taken first when lazy.
    private mutating func quest(_ body: Fragment, lazy: Bool) throws(GoRegexpError) -> Fragment {
        var fragment = try emit(.alt)
        if lazy {
            instructions[Int(fragment.entry)].arg = body.entry
            fragment.exits = PatchList(head: fragment.entry << 1, tail: fragment.entry << 1)
        } else {
            instructions[Int(fragment.entry)].out = body.entry
            fragment.exits = PatchList(head: fragment.entry << 1 | 1, tail: fragment.entry << 1 | 1)
        }
        fragment.exits = append(fragment.exits, body.exits)
        return fragment
    }

    /// An alternation that runs `body` again or leaves; `body`'s exits loop back to it.
    private mutating func loop(_ body: Fragment, lazy: Bool) throws(GoRegexpError) -> Fragment {
        var fragment = try emit(.alt)
        if lazy {
            instructions[Int(fragment.entry)].arg = body.entry
            fragment.exits = PatchList(head: fragment.entry << 1, tail: fragment.entry << 1)
        } else {
            instructions[Int(fragment.entry)].out = body.entry
            fragment.exits = PatchList(head: fragment.entry << 1 | 1, tail: fragment.entry << 1 | 1)
        }
        patch(body.exits, to: fragment.entry)
        return fragment
    }

    /// `body*`; a body that can match empty becomes `(body+)?`, as in Go, so that an empty
    /// iteration cannot loop.
    private mutating func star(_ body: Fragment, lazy: Bool) throws(GoRegexpError) -> Fragment {
        if body.nullable {
            return try quest(plus(body, lazy: lazy), lazy: lazy)
        }
        return try loop(body, lazy: lazy)
    }

    private mutating func plus(_ body: Fragment, lazy: Bool) throws(GoRegexpError) -> Fragment {
        Fragment(entry: body.entry, exits: try loop(body, lazy: lazy).exits, nullable: body.nullable)
    }

    // MARK: - Patch lists

    private mutating func patch(_ list: PatchList, to target: UInt32) {
        var head = list.head
        while head != 0 {
            let pc = Int(head >> 1)
            if head & 1 == 0 {
                head = instructions[pc].out
                instructions[pc].out = target
            } else {
                head = instructions[pc].arg
                instructions[pc].arg = target
            }
        }
    }

    private mutating func append(_ first: PatchList, _ second: PatchList) -> PatchList {
        if first.head == 0 { return second }
        if second.head == 0 { return first }
        let pc = Int(first.tail >> 1)
        if first.tail & 1 == 0 {
            instructions[pc].out = second.head
        } else {
            instructions[pc].arg = second.head
        }
        return PatchList(head: first.head, tail: second.tail)
    }
}
