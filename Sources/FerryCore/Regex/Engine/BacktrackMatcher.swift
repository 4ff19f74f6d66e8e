/// Go's bit-state backtracker: a depth-first search over (instruction, position) pairs that marks
/// each pair when it first reaches it and never explores it again, so a search costs at most
/// instructions × (length + 1) steps whatever the pattern. Alternatives are tried in priority
/// order and the first match found is the leftmost-first one, with the same submatches as Go.
///
/// All working memory (the visited bits, the capture slots and the first jobs) comes from one
/// temporary allocation, which stays on the stack for the short subjects tags are.
struct BacktrackMatcher {
    /// The most (instruction, position) pairs the visited bitmap may cover, as in Go.
    static let maxVisitedBits = 256 * 1024
    private static let initialJobs = 64

    /// Whether a program of `programSize` instructions may backtrack over `length` bytes.
    static func accepts(programSize: Int, length: Int) -> Bool {
        programSize * (length + 1) <= maxVisitedBits
    }

    /// Searches `input` and returns whether it matched; on a match `slots` (which has room for
    /// `slotCount` entries) holds the submatch offsets, -1 for groups that did not take part.
    static func search(
        _ core: RegexCore, _ input: MatchInput, slots: UnsafeMutablePointer<Int>, slotCount: Int, steps: inout Int
    ) throws(GoRegexpError) -> Bool {
        let program = core.program
        let visitedWords = (program.instructions.count * (input.count + 1) + 63) / 64
        let words = visitedWords + slotCount + initialJobs
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { buffer throws(GoRegexpError) -> Bool in
            guard let base = buffer.baseAddress else {
                preconditionFailure("invariant: a temporary allocation of at least \(initialJobs) words has an address")
            }
            base.initialize(repeating: 0, count: visitedWords)
            let working = UnsafeMutableRawPointer(base + visitedWords).bindMemory(to: Int.self, capacity: slotCount)
            working.initialize(repeating: -1, count: slotCount)
            return try program.instructions.withUnsafeBufferPointer { instructions throws(GoRegexpError) -> Bool in
                try program.classes.withUnsafeBufferPointer { classes throws(GoRegexpError) -> Bool in
                    guard let instructionBase = instructions.baseAddress else {
                        preconditionFailure("invariant: a program has at least its fail and match instructions")
                    }
                    var state = BacktrackState(
                        instructions: instructionBase, classes: classes, input: input, visited: base,
                        width: input.count + 1, captures: working, slotCount: slotCount,
                        jobs: JobStack(storage: base + visitedWords + slotCount, capacity: initialJobs))
                    defer { state.jobs.release() }
                    let matched = try state.search(core, steps: &steps)
                    if matched {
                        slots.update(from: working, count: slotCount)
                    }
                    return matched
                }
            }
        }
    }
}

/// A stack of pending backtracking jobs, each packed in one word: the instruction in the low 31
/// bits, a "second visit" flag in bit 31 and a position (or a saved capture value) in the high half.
struct JobStack {
    private var storage: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var ownsStorage = false
    private(set) var count = 0

    init(storage: UnsafeMutablePointer<UInt64>, capacity: Int) {
        self.storage = storage
        self.capacity = capacity
    }

    @inline(__always)
    mutating func push(pc: Int, position: Int, again: Bool) {
        if count == capacity {
            grow()
        }
        let low = UInt64(UInt32(truncatingIfNeeded: pc)) | (again ? 1 << 31 : 0)
        storage[count] = low | UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: position))) << 32
        count += 1
    }

    @inline(__always)
    mutating func pop() -> (pc: Int, position: Int, again: Bool)? {
        guard count > 0 else { return nil }
        count -= 1
        let job = storage[count]
        let low = UInt32(truncatingIfNeeded: job)
        return (Int(low & 0x7FFF_FFFF), Int(Int32(bitPattern: UInt32(truncatingIfNeeded: job >> 32))), low & (1 << 31) != 0)
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
        larger.initialize(from: storage, count: count)
        if ownsStorage {
            storage.deallocate()
        }
        storage = larger
        capacity *= 2
        ownsStorage = true
    }

    /// Frees heap storage the stack grew into.
    mutating func release() {
        if ownsStorage {
            storage.deallocate()
            ownsStorage = false
        }
    }
}
