/// A compiled expression with what the matchers precompute about it. Immutable and shared by
/// every copy of a ``GoRegexp``.
final class RegexCore: Sendable {
    let program: RegexProgram
    /// Whether every match must start at offset 0 (the pattern begins with `^` or `\A`).
    let anchoredStart: Bool
    /// Whether no match is possible at all.
    let neverMatches: Bool
    /// Literal UTF-8 every match starts with (empty when there is none).
    let prefix: [UInt8]
    /// The bytes a match can start with, when that rules anything out.
    let firstBytes: ByteSet?
    /// The shortest subject, in bytes, that can match.
    let minimumLength: Int

    /// Simplifies and compiles the parse tree `tree`.
    init(_ tree: RegexNode, programLimit: Int) throws(GoRegexpError) {
        let program = try RegexCompiler.compile(RegexSimplifier.simplify(tree), limit: programLimit)
        self.program = program
        let assertions = program.startAssertions
        neverMatches = assertions == nil
        anchoredStart = assertions?.contains(.beginText) ?? false
        prefix = anchoredStart ? [] : program.literalPrefix.bytes
        if let firstBytes = program.firstBytes, !firstBytes.isFull {
            self.firstBytes = firstBytes
        } else {
            firstBytes = nil
        }
        minimumLength = Self.minimumLength(tree)
    }

    /// Runs the search with `slotCount` capture slots (0 when only a yes or no is needed), using
    /// the backtracker when its bitmap is small enough and the Pike VM otherwise.
    func search(
        _ input: MatchInput, slots: UnsafeMutablePointer<Int>, slotCount: Int, steps: inout Int
    ) throws(GoRegexpError) -> Bool {
        if neverMatches || input.count - input.start < minimumLength {
            return false
        }
        if BacktrackMatcher.accepts(programSize: program.instructions.count, length: input.count) {
            return try BacktrackMatcher.search(self, input, slots: slots, slotCount: slotCount, steps: &steps)
        }
        return try PikeVM.search(self, input, slots: slots, slotCount: slotCount, steps: &steps)
    }

    /// The fewest bytes `re` can match (Go's `minInputLen`, which Go computes on the simplified
    /// tree; counted repetitions give the same result here, and the parse tree is far shallower).
    private static func minimumLength(_ re: RegexNode) -> Int {
        switch re.op {
        case .anyChar, .anyCharNotNL, .charClass:
            return 1
        case .literal:
            return re.runes.reduce(0) { $0 + ($1 == UTF8Decoder.replacement ? 1 : UTF8Decoder.encode($1).count) }
        case .capture, .plus:
            return minimumLength(re.subs[0])
        case .repeat:
            return re.min * minimumLength(re.subs[0])
        case .concat:
            return re.subs.reduce(0) { $0 + minimumLength($1) }
        case .alternate:
            return re.subs.map(minimumLength).min() ?? 0
        default:
            return 0
        }
    }
}
