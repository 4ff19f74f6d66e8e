/// A compiled expression with what the matchers precompute about it. Immutable and shared by
/// every copy of a ``GoRegexp``.
final class RegexCore: Sendable {
    let program: RegexProgram
    /// Whether every match must start at offset 0 (the pattern begins with `^` or `\A`).
    let anchoredStart: Bool
    /// Whether no match is possible at all.
    let neverMatches: Bool
    /// Literal UTF-8 every match starts with (empty when there is none), for unanchored
    /// patterns.
    let prefix: [UInt8]
    /// For patterns anchored at the start, the literal UTF-8 the text must begin with.
    let anchoredPrefix: [UInt8]
    /// The bytes a match can start with, when that rules anything out.
    let firstBytes: ByteSet?
    /// The shortest subject, in bytes, that can match.
    let minimumLength: Int
    /// The one-pass form, for patterns anchored at both ends that have one (as in Go).
    let onePass: OnePassProgram?

    /// Simplifies and compiles the parse tree `tree`.
    init(_ tree: RegexNode, programLimit: Int) throws(GoRegexpError) {
        let program = try RegexCompiler.compile(RegexSimplifier.simplify(tree), limit: programLimit)
        self.program = program
        let assertions = program.startAssertions
        neverMatches = assertions == nil
        anchoredStart = assertions?.contains(.beginText) ?? false
        prefix = anchoredStart ? [] : program.literalPrefix.bytes
        anchoredPrefix = anchoredStart ? program.anchoredLiteralPrefix : []
        if let firstBytes = program.firstBytes, !firstBytes.isFull {
            self.firstBytes = firstBytes
        } else {
            firstBytes = nil
        }
        minimumLength = Self.minimumLength(tree)
        onePass = OnePassProgram(program)
    }

    /// Runs the search with `slotCount` capture slots (0 when only a yes or no is needed), as Go
    /// chooses: the one-pass matcher when the pattern has a one-pass form, the backtracker when
    /// its bitmap is small enough, the Pike VM otherwise.
    func search(
        _ input: MatchInput, slots: UnsafeMutablePointer<Int>, slotCount: Int, steps: inout Int
    ) throws(GoRegexpError) -> Bool {
        if neverMatches || input.count - input.start < minimumLength {
            return false
        }
        if anchoredStart {
            // Every match starts at offset 0 (and only there `^` holds, so a search from further
            // in finds nothing): reject texts that cannot start one before any setup.
            if input.start > 0 { return false }
            if !anchoredPrefix.isEmpty && !input.hasPrefix(anchoredPrefix) { return false }
            if let firstBytes, input.count > 0, !firstBytes.contains(input.bytes[0]) { return false }
        }
        if let onePass {
            return try OnePassMatcher.search(onePass, program, input, slots: slots, slotCount: slotCount, steps: &steps)
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
