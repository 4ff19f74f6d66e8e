/// The working state of one backtracking search (see ``BacktrackMatcher``).
struct BacktrackState {
    let instructions: UnsafePointer<RegexProgram.Instruction>
    let classes: UnsafeBufferPointer<RuneClass>
    let input: MatchInput
    let visited: UnsafeMutablePointer<UInt64>
    /// Positions per instruction in the visited bitmap (the input length plus one).
    let width: Int
    let captures: UnsafeMutablePointer<Int>
    let slotCount: Int
    var jobs: JobStack

    /// Tries each start position in turn (only 0 for patterns anchored at the start), skipping
    /// positions that cannot start a match. The visited bits carry over between start positions:
    /// a pair that failed from one start fails from any other.
    mutating func search(_ core: RegexCore, steps: inout Int) throws(GoRegexpError) -> Bool {
        let start = core.program.start
        if core.anchoredStart {
            if slotCount > 0 { captures[0] = input.start }
            return try attempt(start, at: input.start, steps: &steps)
        }
        var position = input.start
        while position <= input.count {
            if !core.prefix.isEmpty {
                guard let found = input.index(of: core.prefix, from: position) else { return false }
                position = found
            } else if let firstBytes = core.firstBytes {
                guard let candidate = input.nextCandidate(from: position, firstBytes: firstBytes) else { return false }
                position = candidate
            }
            if slotCount > 0 { captures[0] = position }
            if try attempt(start, at: position, steps: &steps) {
                return true
            }
            let width = input.rune(at: position).width
            if width == 0 { break }
            position += width
        }
        return false
    }

    /// Marks (pc, position) visited; false when it already was.
    @inline(__always)
    private func firstVisit(_ pc: Int, _ position: Int) -> Bool {
        let bit = pc * width + position
        let mask: UInt64 = 1 << UInt64(bit & 63)
        let word = visited[bit >> 6]
        if word & mask != 0 { return false }
        visited[bit >> 6] = word | mask
        return true
    }

    @inline(__always)
    private mutating func push(_ pc: Int, _ position: Int, again: Bool) {
        if instructions[pc].op != .fail && (again || firstVisit(pc, position)) {
            jobs.push(pc: pc, position: position, again: again)
        }
    }

    /// Runs the program from `pc` at `position`, depth first, until it matches or runs out of jobs.
    private mutating func attempt(_ pc: Int, at position: Int, steps: inout Int) throws(GoRegexpError) -> Bool {
        push(pc, position, again: false)
        while let job = jobs.pop() {
            var pc = job.pc
            var position = job.position
            var again = job.again
            var checked = true
            while true {
                if !checked && !firstVisit(pc, position) { break }
                checked = false
                steps -= 1
                if steps < 0 { throw GoRegexpError.budgetExhausted }
                let inst = instructions[pc]
                switch inst.op {
                case .alt:
                    if again {
                        again = false
                        pc = Int(inst.arg)
                    } else {
                        push(pc, position, again: true)
                        pc = Int(inst.out)
                    }
                    continue
                case .rune1:
                    let (rune, runeWidth) = input.rune(at: position)
                    guard rune == Int(inst.arg) else { break }
                    position += runeWidth
                    pc = Int(inst.out)
                    continue
                case .rune:
                    guard position < input.count else { break }
                    let byte = Int(input.bytes[position])
                    if byte < 0x80 {
                        guard classes[Int(inst.arg)].containsASCII(byte) else { break }
                        position += 1
                    } else {
                        let (rune, runeWidth) = UTF8Decoder.decode(input.bytes, at: position, end: input.count)
                        guard classes[Int(inst.arg)].contains(rune) else { break }
                        position += runeWidth
                    }
                    pc = Int(inst.out)
                    continue
                case .runeAnyNotNL:
                    let (rune, runeWidth) = input.rune(at: position)
                    guard rune >= 0 && rune != 0x0A else { break }
                    position += runeWidth
                    pc = Int(inst.out)
                    continue
                case .runeAny:
                    let (rune, runeWidth) = input.rune(at: position)
                    guard rune >= 0 else { break }
                    position += runeWidth
                    pc = Int(inst.out)
                    continue
                case .capture:
                    let slot = Int(inst.arg)
                    if again {
                        captures[slot] = position  // a restore job: `position` holds the saved value
                        break
                    }
                    if slot < slotCount {
                        push(pc, captures[slot], again: true)
                        captures[slot] = position
                    }
                    pc = Int(inst.out)
                    continue
                case .emptyWidth:
                    let assertions = EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: inst.arg))
                    guard assertions.hold(before: input.contextBefore(position), after: input.contextAfter(position)) else { break }
                    pc = Int(inst.out)
                    continue
                case .nop:
                    pc = Int(inst.out)
                    continue
                case .match:
                    if slotCount > 1 { captures[1] = position }
                    return true
                case .fail:
                    preconditionFailure("invariant: jobs never point at the fail instruction")
                }
                break
            }
        }
        return false
    }
}
