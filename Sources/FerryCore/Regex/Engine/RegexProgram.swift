/// A compiled program, instruction for instruction the one Go's `regexp/syntax.Compile` builds.
/// Instruction 0 always fails, so a zero `out` or `arg` means "nowhere".
struct RegexProgram: Sendable {
    enum Op: UInt8, Sendable {
        case fail
        case match
        /// Consumes a rune in `classes[arg]`.
        case rune
        /// Consumes the rune `arg`.
        case rune1
        case runeAny
        case runeAnyNotNL
        /// Tries `out`, then `arg`.
        case alt
        /// Succeeds when the assertions `arg` (``EmptyAssertions``) hold.
        case emptyWidth
        /// Records the position in capture slot `arg`.
        case capture
        case nop
    }

    struct Instruction: Sendable {
        var op: Op
        var out: UInt32 = 0
        var arg: UInt32 = 0
    }

    var instructions: [Instruction]
    var classes: [RuneClass]
    /// The ranges of each class as flat `lo, hi` pairs, sorted and disjoint.
    var classRanges: [[Int]]
    var start: Int
    /// Capture slots the program writes (Go's `NumCap`): two per group, plus two for the match.
    var slotCount: Int

    /// The assertions every match must satisfy at its start, or `nil` when nothing can match.
    var startAssertions: EmptyAssertions? {
        var assertions: EmptyAssertions = []
        var pc = start
        while true {
            let inst = instructions[pc]
            switch inst.op {
            case .emptyWidth:
                assertions.formUnion(EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: inst.arg)))
            case .fail:
                return nil
            case .capture, .nop:
                break
            default:
                return assertions
            }
            pc = Int(inst.out)
        }
    }

    /// The literal text every match starts with (Go's `Prog.Prefix`), as UTF-8, and whether the
    /// whole program is that text.
    var literalPrefix: (bytes: [UInt8], complete: Bool) {
        literalRun(from: skipNops(start))
    }

    /// The literal text every match of a pattern anchored at the start of the text begins
    /// with: the prefix after the leading zero-width assertions (`^abc` gives `abc`). Only
    /// meaningful when every match starts at offset 0.
    var anchoredLiteralPrefix: [UInt8] {
        var pc = start
        while [.nop, .capture, .emptyWidth].contains(instructions[pc].op) {
            pc = Int(instructions[pc].out)
        }
        return literalRun(from: pc).bytes
    }

    private func literalRun(from pc: Int) -> (bytes: [UInt8], complete: Bool) {
        var pc = pc
        var bytes: [UInt8] = []
        while instructions[pc].op == .rune1 && Int(instructions[pc].arg) != UTF8Decoder.replacement {
            bytes += UTF8Decoder.encode(Int(instructions[pc].arg))
            pc = skipNops(Int(instructions[pc].out))
        }
        return (bytes, instructions[pc].op == .match)
    }

    private func skipNops(_ pc: Int) -> Int {
        var pc = pc
        while instructions[pc].op == .nop || instructions[pc].op == .capture {
            pc = Int(instructions[pc].out)
        }
        return pc
    }

    /// The bytes a match can start with, or `nil` when a match can be empty or start anywhere.
    /// Non-ASCII starts are summarized as "any byte from 0x80".
    var firstBytes: ByteSet? {
        var set = ByteSet()
        var visited = Set<Int>()
        var pending = [start]
        while let pc = pending.popLast() {
            guard visited.insert(pc).inserted else { continue }
            let inst = instructions[pc]
            switch inst.op {
            case .fail:
                break
            case .match, .runeAny:
                return nil
            case .runeAnyNotNL:
                set.insertAll(except: 0x0A)
            case .rune1:
                set.insert(firstByteOf: Int(inst.arg))
            case .rune:
                classes[Int(inst.arg)].addFirstBytes(to: &set)
            case .alt:
                pending.append(Int(inst.arg))
                pending.append(Int(inst.out))
            case .emptyWidth, .capture, .nop:
                pending.append(Int(inst.out))
            }
        }
        return set
    }
}

/// Zero-width assertions, with Go's `EmptyOp` bit values.
struct EmptyAssertions: OptionSet, Sendable {
    let rawValue: UInt8

    static let beginLine = EmptyAssertions(rawValue: 1 << 0)
    static let endLine = EmptyAssertions(rawValue: 1 << 1)
    static let beginText = EmptyAssertions(rawValue: 1 << 2)
    static let endText = EmptyAssertions(rawValue: 1 << 3)
    static let wordBoundary = EmptyAssertions(rawValue: 1 << 4)
    static let noWordBoundary = EmptyAssertions(rawValue: 1 << 5)

    /// Whether the assertions hold between `before` and `after`, the ASCII bytes around a position
    /// (-1 at the ends of the text, 0x80 for any non-ASCII byte: only newlines and ASCII word
    /// characters matter, as in Go).
    @inline(__always)
    func hold(before: Int, after: Int) -> Bool {
        if contains(.beginText) && before >= 0 { return false }
        if contains(.beginLine) && before >= 0 && before != 0x0A { return false }
        if contains(.endText) && after >= 0 { return false }
        if contains(.endLine) && after >= 0 && after != 0x0A { return false }
        if contains(.wordBoundary) || contains(.noWordBoundary) {
            let boundary = Self.isWordByte(before) != Self.isWordByte(after)
            if contains(.wordBoundary) && !boundary { return false }
            if contains(.noWordBoundary) && boundary { return false }
        }
        return true
    }

    /// ASCII letters, digits and underscore (Go's `syntax.IsWordChar`).
    @inline(__always)
    static func isWordByte(_ byte: Int) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }
}
