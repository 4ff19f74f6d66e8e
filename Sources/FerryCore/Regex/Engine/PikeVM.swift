/// Go's NFA simulation (a Pike VM) for inputs too long for the backtracker's bitmap: it advances
/// all threads one rune at a time, in priority order, keeping at most one thread per instruction,
/// so it costs O(instructions × length) time and O(instructions) memory. When the
/// highest-priority live thread matches, the lower-priority ones are dropped, which gives Go's
/// leftmost-first submatches.
struct PikeVM {
    /// The threads waiting at one position: a sparse set of instructions in priority order, with
    /// the capture slots of the threads that wait on a consuming instruction or the match.
    private struct ThreadQueue {
        var sparse: [Int32]
        var dense: [Int32] = []
        var hasThread: [Bool] = []
        var slots: [Int]
        let slotCount: Int

        init(programSize: Int, slotCount: Int) {
            sparse = Array(repeating: 0, count: programSize)
            slots = Array(repeating: -1, count: programSize * slotCount)
            self.slotCount = slotCount
            dense.reserveCapacity(programSize)
            hasThread.reserveCapacity(programSize)
        }

        func contains(_ pc: Int) -> Bool {
            let index = Int(sparse[pc])
            return index < dense.count && Int(dense[index]) == pc
        }

        mutating func insert(_ pc: Int) -> Int {
            sparse[pc] = Int32(dense.count)
            dense.append(Int32(pc))
            hasThread.append(false)
            return dense.count - 1
        }

        mutating func clear() {
            dense.removeAll(keepingCapacity: true)
            hasThread.removeAll(keepingCapacity: true)
        }
    }

    /// A pending step of `add`: follow an instruction, or put a capture slot back.
    private enum AddJob {
        case follow(Int)
        case restore(slot: Int, value: Int)
    }

    private let core: RegexCore
    private let input: MatchInput
    private let slotCount: Int
    private var queues: [ThreadQueue]
    private var addStack: [AddJob] = []
    private var scratch: [Int]

    private init(core: RegexCore, input: MatchInput, slotCount: Int) {
        self.core = core
        self.input = input
        self.slotCount = slotCount
        let queue = ThreadQueue(programSize: core.program.instructions.count, slotCount: slotCount)
        queues = [queue, queue]
        scratch = Array(repeating: -1, count: slotCount)
    }

    /// Searches `input`; on a match returns true and fills `slots` (room for `slotCount` entries).
    static func search(
        _ core: RegexCore, _ input: MatchInput, slots: UnsafeMutablePointer<Int>, slotCount: Int, steps: inout Int
    ) throws(GoRegexpError) -> Bool {
        var machine = PikeVM(core: core, input: input, slotCount: slotCount)
        guard let found = try machine.run(steps: &steps) else { return false }
        for index in 0..<slotCount {
            slots[index] = found[index]
        }
        return true
    }

    private mutating func run(steps: inout Int) throws(GoRegexpError) -> [Int]? {
        var matched: [Int]?
        var current = 0
        var position = input.start
        while true {
            if queues[current].dense.isEmpty {
                if matched != nil || (core.anchoredStart && position > input.start) { break }
                guard let next = nextStart(from: position) else { break }
                position = next
            }
            if matched == nil {
                for index in 0..<slotCount { scratch[index] = -1 }
                if slotCount > 0 { scratch[0] = position }
                try add(to: current, core.program.start, at: position, steps: &steps)
            }
            let (rune, width) = input.rune(at: position)
            if let found = try step(current, at: position, rune: rune, next: position + width, steps: &steps) {
                matched = found
                if slotCount == 0 { break }
            }
            if width == 0 { break }
            position += width
            queues[current].clear()
            current = 1 - current
        }
        return matched
    }

    /// The next position a match could start at, or `nil` when none can.
    private func nextStart(from position: Int) -> Int? {
        if !core.prefix.isEmpty {
            return input.index(of: core.prefix, from: position)
        }
        if let firstBytes = core.firstBytes {
            return input.nextCandidate(from: position, firstBytes: firstBytes)
        }
        return position
    }

    /// Advances the threads of queue `current` over `rune` into the other queue. Returns the
    /// submatches when a thread matched (which cuts off the lower-priority ones).
    private mutating func step(
        _ current: Int, at position: Int, rune: Int, next: Int, steps: inout Int
    ) throws(GoRegexpError) -> [Int]? {
        var matched: [Int]?
        let program = core.program
        var index = 0
        while index < queues[current].dense.count {
            defer { index += 1 }
            guard queues[current].hasThread[index] else { continue }
            steps -= 1
            if steps < 0 { throw GoRegexpError.budgetExhausted }
            let pc = Int(queues[current].dense[index])
            let inst = program.instructions[pc]
            let base = index * slotCount
            let advances: Bool
            switch inst.op {
            case .match:
                var found = Array(queues[current].slots[base..<base + slotCount])
                if slotCount > 1 { found[1] = position }
                matched = found
                return matched
            case .rune: advances = rune >= 0 && program.classes[Int(inst.arg)].contains(rune)
            case .rune1: advances = rune == Int(inst.arg)
            case .runeAny: advances = rune >= 0
            case .runeAnyNotNL: advances = rune >= 0 && rune != 0x0A
            default: advances = false
            }
            if advances {
                for slot in 0..<slotCount {
                    scratch[slot] = queues[current].slots[base + slot]
                }
                try add(to: 1 - current, Int(inst.out), at: next, steps: &steps)
            }
        }
        return matched
    }

    /// Adds the thread at `pc` and everything it reaches without consuming input to queue `target`,
    /// in priority order, with `scratch` as its capture slots.
    private mutating func add(to target: Int, _ pc: Int, at position: Int, steps: inout Int) throws(GoRegexpError) {
        let program = core.program
        let before = input.contextBefore(position)
        let after = input.contextAfter(position)
        addStack.append(.follow(pc))
        while let job = addStack.popLast() {
            let pc: Int
            switch job {
            case let .restore(slot, value):
                scratch[slot] = value
                continue
            case let .follow(next):
                pc = next
            }
            if pc == 0 || queues[target].contains(pc) { continue }
            steps -= 1
            if steps < 0 { throw GoRegexpError.budgetExhausted }
            let index = queues[target].insert(pc)
            let inst = program.instructions[pc]
            switch inst.op {
            case .fail:
                break
            case .alt:
                addStack.append(.follow(Int(inst.arg)))
                addStack.append(.follow(Int(inst.out)))
            case .emptyWidth:
                if EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: inst.arg)).hold(before: before, after: after) {
                    addStack.append(.follow(Int(inst.out)))
                }
            case .nop:
                addStack.append(.follow(Int(inst.out)))
            case .capture:
                let slot = Int(inst.arg)
                if slot < slotCount {
                    addStack.append(.restore(slot: slot, value: scratch[slot]))
                    scratch[slot] = position
                }
                addStack.append(.follow(Int(inst.out)))
            case .match, .rune, .rune1, .runeAny, .runeAnyNotNL:
                queues[target].hasThread[index] = true
                let base = index * slotCount
                for slot in 0..<slotCount {
                    queues[target].slots[base + slot] = scratch[slot]
                }
            }
        }
    }
}
