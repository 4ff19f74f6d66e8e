/// Go's one-pass form of a program (`regexp/onepass.go`): for a pattern anchored at both ends in
/// which, at every alternation, the next input rune alone decides the branch (`^main-[a-f]+$`),
/// matching is one walk over the text with no backtracking and no thread list.
///
/// Built exactly as Go builds it, so a pattern is one-pass here exactly when it is in Go, and
/// the walk reports the same submatches the other matchers do.
struct OnePassProgram: Sendable {
    enum Op: Sendable {
        case fail
        case match
        case rune
        case rune1
        case runeAny
        case runeAnyNotNL
        /// Dispatches on the next rune: `runes` are sorted `lo, hi` pairs and `next[k]` is the
        /// target for pair `k`; nothing matches goes to 0 (fail).
        case alt
        /// As ``alt``, but a rune in no pair goes to `out`, the branch that can match without
        /// consuming input.
        case altMatch
        case emptyWidth
        case capture
        case nop
    }

    /// An instruction as the builder works on it.
    struct Instruction: Sendable {
        var op: Op
        var out: UInt32
        var arg: UInt32
        /// For alternations: the merged rune sets of both branches.
        var runes: [Int] = []
        /// For alternations: the branch taken for each pair of ``runes``.
        var next: [UInt32] = []
    }

    /// An instruction as the matcher reads it: alternations' tables live in ``tableRunes`` and
    /// ``tableNext`` from `table` on, `tableCount` pairs, so a step copies no array.
    struct Step: Sendable {
        var op: Op
        var out: UInt32
        var arg: UInt32
        var table: UInt32 = 0
        var tableCount: UInt32 = 0
    }

    let steps: [Step]
    /// For each alternation, 128 entries from `Step.arg × 128`: the target for each ASCII rune,
    /// so the common case is one load instead of a search.
    let asciiTargets: [UInt32]
    /// Every alternation's rune pairs (`lo, hi`), back to back.
    let tableRunes: [Int32]
    /// The target of each pair of ``tableRunes``.
    let tableNext: [UInt32]
    let start: Int

    /// The one-pass form of `program`, or `nil` when it has none (Go's `compileOnePass`).
    init?(_ program: RegexProgram) {
        var builder = OnePassBuilder(program)
        guard builder.isCandidate() else { return nil }
        builder.copyWithRewrites()
        guard builder.makeOnePass() else { return nil }
        var steps: [Step] = []
        var tableRunes: [Int32] = []
        var tableNext: [UInt32] = []
        var asciiTargets: [UInt32] = []
        for instruction in builder.result() {
            var step = Step(op: instruction.op, out: instruction.out, arg: instruction.arg)
            if instruction.op == .alt || instruction.op == .altMatch {
                step.table = UInt32(tableNext.count)
                step.tableCount = UInt32(instruction.next.count)
                // An alternation's `arg` is not read by the walk, so it can number its ASCII table.
                step.arg = UInt32(asciiTargets.count / 128)
                let runes = instruction.runes
                for rune in 0..<128 {
                    var target: UInt32 = instruction.op == .altMatch ? instruction.out : 0
                    for pair in 0..<runes.count / 2 where runes[2 * pair] <= rune && rune <= runes[2 * pair + 1] {
                        target = instruction.next[pair]
                        break
                    }
                    asciiTargets.append(target)
                }
                tableRunes += runes.map { Int32(truncatingIfNeeded: $0) }
                tableNext += instruction.next
            }
            steps.append(step)
        }
        self.steps = steps
        self.asciiTargets = asciiTargets
        self.tableRunes = tableRunes
        self.tableNext = tableNext
        start = program.start
    }

    /// The branch an alternation takes for `rune` (-1 at the end of the text).
    @inline(__always)
    static func next(_ step: Step, _ rune: Int, runes: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<UInt32>) -> Int {
        var low = Int(step.table)
        var high = low + Int(step.tableCount)
        while low < high {
            let middle = (low + high) / 2
            if rune < Int(runes[2 * middle]) {
                high = middle
            } else if rune > Int(runes[2 * middle + 1]) {
                low = middle + 1
            } else {
                return Int(targets[middle])
            }
        }
        return step.op == .altMatch ? Int(step.out) : 0
    }
}

/// The construction of a ``OnePassProgram``, step for step as Go's `compileOnePass`.
private struct OnePassBuilder {
    let program: RegexProgram
    var instructions: [OnePassProgram.Instruction]
    /// Each instruction's rune set (flat `lo, hi` pairs) while checking.
    var runeSets: [[Int]]
    /// Whether each instruction has been given its dispatch table (Go's `len(inst.Next) > 0`).
    var hasNext: [Bool]

    init(_ program: RegexProgram) {
        self.program = program
        instructions = program.instructions.map { instruction in
            OnePassProgram.Instruction(op: Self.op(instruction.op), out: instruction.out, arg: instruction.arg)
        }
        runeSets = Array(repeating: [], count: program.instructions.count)
        hasNext = Array(repeating: false, count: program.instructions.count)
    }

    private static func op(_ op: RegexProgram.Op) -> OnePassProgram.Op {
        switch op {
        case .fail: return .fail
        case .match: return .match
        case .rune: return .rune
        case .rune1: return .rune1
        case .runeAny: return .runeAny
        case .runeAnyNotNL: return .runeAnyNotNL
        case .alt: return .alt
        case .emptyWidth: return .emptyWidth
        case .capture: return .capture
        case .nop: return .nop
        }
    }

    /// Go's preconditions: the program starts by asserting the beginning of the text, and every
    /// instruction that leads straight to the match asserts the end of the text.
    func isCandidate() -> Bool {
        let code = program.instructions
        guard program.start != 0, code.count < 1000 else { return false }
        let first = code[program.start]
        guard first.op == .emptyWidth, EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: first.arg)).contains(.beginText) else {
            return false
        }
        for instruction in code {
            let outIsMatch = code[Int(instruction.out)].op == .match
            switch instruction.op {
            case .alt:
                if outIsMatch || code[Int(instruction.arg)].op == .match { return false }
            case .emptyWidth:
                if outIsMatch && !EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: instruction.arg)).contains(.endText) {
                    return false
                }
            default:
                if outIsMatch { return false }
            }
        }
        return true
    }

    /// Go's `onePassCopy`: rewrites two idioms that would otherwise block a one-pass form,
    /// `A:BC + B:DA => A:BC + B:DC` and `A:BC + B:DC => A:DC + B:DC` (an alternation whose
    /// branch is another alternation looping back, or sharing a target).
    mutating func copyWithRewrites() {
        func isAlt(_ pc: UInt32) -> Bool { [.alt, .altMatch].contains(instructions[Int(pc)].op) }
        for pc in instructions.indices where isAlt(UInt32(pc)) {
            // Which field of A leads to the other alternation B ("alt") and which elsewhere ("other").
            var altIsArg = true
            if !isAlt(instructions[pc].arg) {
                altIsArg = false
                if !isAlt(instructions[pc].out) { continue }
            }
            let otherTarget = altIsArg ? instructions[pc].out : instructions[pc].arg
            if isAlt(otherTarget) { continue }
            let b = Int(altIsArg ? instructions[pc].arg : instructions[pc].out)
            // B's fields: "bAlt" is the one pointing back to A when there is such a loop.
            var bAltIsOut = true
            var patch = false
            if instructions[b].out == UInt32(pc) {
                patch = true
            } else if instructions[b].arg == UInt32(pc) {
                patch = true
                bAltIsOut = false
            }
            if patch {
                if bAltIsOut { instructions[b].out = otherTarget } else { instructions[b].arg = otherTarget }
            }
            let bAlt = bAltIsOut ? instructions[b].out : instructions[b].arg
            let bOther = bAltIsOut ? instructions[b].arg : instructions[b].out
            if otherTarget == bAlt {
                if altIsArg { instructions[pc].arg = bOther } else { instructions[pc].out = bOther }
            }
        }
    }

    /// Go's `makeOnePass`: checks that every alternation can be decided by the next rune and
    /// builds the dispatch tables.
    mutating func makeOnePass() -> Bool {
        var pending = SparseQueue(capacity: instructions.count)
        var visited = SparseQueue(capacity: instructions.count)
        var matches = Array(repeating: false, count: instructions.count)
        pending.insert(program.start)
        while !pending.isEmpty {
            visited.clear()
            let pc = pending.next()
            if !check(pc, &matches, &pending, &visited) { return false }
        }
        return true
    }

    /// The one-pass instructions, with the original form restored where Go restores it
    /// (Go's `cleanupOnePass`).
    func result() -> [OnePassProgram.Instruction] {
        var result = instructions
        for index in result.indices {
            switch program.instructions[index].op {
            case .alt:
                result[index].runes = runeSets[index]
            case .rune1, .runeAny, .runeAnyNotNL, .rune:
                result[index] = OnePassProgram.Instruction(
                    op: Self.op(program.instructions[index].op), out: program.instructions[index].out, arg: program.instructions[index].arg)
            default:
                result[index].next = []
            }
        }
        return result
    }

    private mutating func check(_ pc: Int, _ matches: inout [Bool], _ pending: inout SparseQueue, _ visited: inout SparseQueue) -> Bool {
        if visited.contains(pc) { return true }
        visited.insert(pc)
        let instruction = instructions[pc]
        switch instruction.op {
        case .alt, .altMatch:
            guard check(Int(instruction.out), &matches, &pending, &visited), check(Int(instruction.arg), &matches, &pending, &visited) else {
                return false
            }
            var matchOut = matches[Int(instructions[pc].out)]
            let matchArg = matches[Int(instructions[pc].arg)]
            if matchOut && matchArg { return false }
            // The branch that matches without input goes in `out`.
            if matchArg {
                let out = instructions[pc].out
                instructions[pc].out = instructions[pc].arg
                instructions[pc].arg = out
                matchOut = true
            }
            if matchOut {
                matches[pc] = true
                instructions[pc].op = .altMatch
            }
            guard let (merged, next) = Self.merge(
                runeSets[Int(instructions[pc].out)], runeSets[Int(instructions[pc].arg)],
                instructions[pc].out, instructions[pc].arg)
            else { return false }
            runeSets[pc] = merged
            instructions[pc].next = next
            hasNext[pc] = true
        case .capture, .nop, .emptyWidth:
            guard check(Int(instruction.out), &matches, &pending, &visited) else { return false }
            matches[pc] = matches[Int(instruction.out)]
            runeSets[pc] = runeSets[Int(instruction.out)]
            instructions[pc].next = Array(repeating: instruction.out, count: runeSets[pc].count / 2 + 1)
            hasNext[pc] = true
        case .match, .fail:
            matches[pc] = instruction.op == .match
        case .rune, .rune1, .runeAny, .runeAnyNotNL:
            matches[pc] = false
            if hasNext[pc] { break }
            pending.insert(Int(instruction.out))
            runeSets[pc] = runes(of: pc)
            instructions[pc].next = Array(repeating: instruction.out, count: instruction.op == .runeAny ? 1 : runeSets[pc].count / 2 + 1)
            hasNext[pc] = true
        }
        return true
    }

    /// The runes an instruction consumes, as sorted `lo, hi` pairs.
    private func runes(of pc: Int) -> [Int] {
        let instruction = program.instructions[pc]
        switch instruction.op {
        case .rune: return program.classRanges[Int(instruction.arg)]
        case .rune1: return [Int(instruction.arg), Int(instruction.arg)]
        case .runeAny: return [0, UnicodeData.maxRune]
        case .runeAnyNotNL: return [0, 0x09, 0x0B, UnicodeData.maxRune]
        default: return []
        }
    }

    /// Go's `mergeRuneSets`: interleaves two sorted range lists, failing when they overlap.
    private static func merge(_ left: [Int], _ right: [Int], _ leftPC: UInt32, _ rightPC: UInt32) -> ([Int], [UInt32])? {
        var merged: [Int] = []
        var next: [UInt32] = []
        var l = 0
        var r = 0
        func extend(_ ranges: [Int], _ index: inout Int, _ pc: UInt32) -> Bool {
            if merged.count > 1, ranges[index] <= merged[merged.count - 1] { return false }
            merged.append(ranges[index])
            merged.append(ranges[index + 1])
            index += 2
            next.append(pc)
            return true
        }
        while l < left.count || r < right.count {
            let ok: Bool
            if r >= right.count {
                ok = extend(left, &l, leftPC)
            } else if l >= left.count {
                ok = extend(right, &r, rightPC)
            } else if right[r] < left[l] {
                ok = extend(right, &r, rightPC)
            } else {
                ok = extend(left, &l, leftPC)
            }
            if !ok { return nil }
        }
        return (merged, next)
    }
}

/// Go's `queueOnePass`: a set of instruction numbers that remembers everything ever inserted
/// until cleared, handed out in insertion order.
private struct SparseQueue {
    private var sparse: [Int]
    private var dense: [Int]
    private var size = 0
    private var nextIndex = 0

    init(capacity: Int) {
        sparse = Array(repeating: 0, count: capacity)
        dense = Array(repeating: 0, count: capacity)
    }

    var isEmpty: Bool { nextIndex >= size }

    mutating func next() -> Int {
        defer { nextIndex += 1 }
        return dense[nextIndex]
    }

    mutating func clear() {
        size = 0
        nextIndex = 0
    }

    func contains(_ value: Int) -> Bool {
        value < sparse.count && sparse[value] < size && dense[sparse[value]] == value
    }

    mutating func insert(_ value: Int) {
        guard !contains(value), value < sparse.count else { return }
        sparse[value] = size
        dense[size] = value
        size += 1
    }
}

/// Go's `doOnePass`: walks a ``OnePassProgram`` over the text from offset 0, one instruction
/// per step, recording captures as it goes (no branch is ever undone).
enum OnePassMatcher {
    /// Searches `input` from its start; on a match `slots` (room for `slotCount` entries, -1 where
    /// unset) holds the submatch offsets.
    static func search(
        _ onePass: OnePassProgram, _ program: RegexProgram, _ input: MatchInput, slots: UnsafeMutablePointer<Int>, slotCount: Int,
        steps: inout Int
    ) throws(GoRegexpError) -> Bool {
        slots.update(repeating: -1, count: slotCount)
        let outcome = onePass.steps.withUnsafeBufferPointer { code in
            program.classes.withUnsafeBufferPointer { classes in
                onePass.tableRunes.withUnsafeBufferPointer { runes in
                    onePass.tableNext.withUnsafeBufferPointer { targets in
                        onePass.asciiTargets.withUnsafeBufferPointer { ascii in
                            let tables = Tables(code: code, classes: classes, runes: runes, targets: targets, ascii: ascii)
                            var remaining = steps
                            defer { steps = remaining }
                            return walk(tables, onePass.start, input, slots, slotCount, &remaining)
                        }
                    }
                }
            }
        }
        guard let outcome else { throw GoRegexpError.budgetExhausted }
        return outcome
    }

    /// The program's arrays, borrowed for one walk.
    private struct Tables {
        let code: UnsafeBufferPointer<OnePassProgram.Step>
        let classes: UnsafeBufferPointer<RuneClass>
        let runes: UnsafeBufferPointer<Int32>
        let targets: UnsafeBufferPointer<UInt32>
        let ascii: UnsafeBufferPointer<UInt32>
    }

    /// The walk itself: whether it matched, or `nil` when `steps` ran out first.
    private static func walk(
        _ tables: Tables, _ start: Int, _ input: MatchInput, _ slots: UnsafeMutablePointer<Int>, _ slotCount: Int, _ steps: inout Int
    ) -> Bool? {
        var position = 0
        var (rune, width) = input.rune(at: 0)
        var pc = start
        var remaining = steps
        defer { steps = remaining }
        while true {
            remaining -= 1
            if remaining < 0 { return nil }
            let step = tables.code[pc]
            pc = Int(step.out)
            switch step.op {
            case .match:
                if slotCount > 1 {
                    slots[0] = 0
                    slots[1] = position
                }
                return true
            case .rune:
                guard rune >= 0, tables.classes[Int(step.arg)].contains(rune) else { return false }
            case .rune1:
                guard rune == Int(step.arg) else { return false }
            case .runeAny:
                break
            case .runeAnyNotNL:
                guard rune != 0x0A else { return false }
            case .alt, .altMatch:
                if rune >= 0 && rune < 128 {
                    pc = Int(tables.ascii[Int(step.arg) &* 128 &+ rune])
                } else {
                    pc = OnePassProgram.next(step, rune, runes: tables.runes, targets: tables.targets)
                }
                continue
            case .fail:
                return false
            case .nop:
                continue
            case .emptyWidth:
                let assertions = EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: step.arg))
                guard assertions.hold(before: input.contextBefore(position), after: input.contextAfter(position)) else { return false }
                continue
            case .capture:
                if Int(step.arg) < slotCount { slots[Int(step.arg)] = position }
                continue
            }
            // A rune instruction consumed the current rune; at the end of the text there is none.
            if width == 0 { return false }
            position += width
            (rune, width) = input.rune(at: position)
        }
    }
}
