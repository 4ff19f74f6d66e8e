extension GoRegexp {
    /// Whether the pattern matches anywhere in `subject` (Go's `MatchString`).
    /// - Parameters:
    ///   - subject: The text to search.
    ///   - budget: Steps the search may take; what it takes is deducted.
    /// - Throws: ``GoRegexpError/Code/budgetExhausted`` when the budget runs out first.
    public func matches(_ subject: String, budget: inout MatchBudget) throws(GoRegexpError) -> Bool {
        try Self.withInput(subject) { input throws(GoRegexpError) in try search(input, captures: false, budget: &budget) != nil }
    }

    /// Whether the pattern matches anywhere in `subject`, without a step budget.
    /// - Parameter subject: The text to search.
    public func matches(_ subject: String) -> Bool {
        var budget = MatchBudget.unlimited
        return Self.unlimited { () throws(GoRegexpError) in try matches(subject, budget: &budget) }
    }

    /// Whether the pattern matches anywhere in the UTF-8 bytes `subject`, which may be invalid.
    /// - Parameters:
    ///   - subject: The bytes to search.
    ///   - budget: Steps the search may take; what it takes is deducted.
    /// - Throws: ``GoRegexpError/Code/budgetExhausted`` when the budget runs out first.
    public func matches(utf8 subject: [UInt8], budget: inout MatchBudget) throws(GoRegexpError) -> Bool {
        try Self.withInput(subject) { input throws(GoRegexpError) in try search(input, captures: false, budget: &budget) != nil }
    }

    /// The leftmost match in `subject` with its submatches (Go's `FindStringSubmatchIndex`).
    /// - Parameters:
    ///   - subject: The text to search.
    ///   - budget: Steps the search may take; what it takes is deducted.
    /// - Returns: The match, or `nil` when there is none.
    /// - Throws: ``GoRegexpError/Code/budgetExhausted`` when the budget runs out first.
    public func firstMatch(in subject: String, budget: inout MatchBudget) throws(GoRegexpError) -> GoRegexpMatch? {
        try Self.withInput(subject) { input throws(GoRegexpError) in try search(input, captures: true, budget: &budget) }
    }

    /// The leftmost match in `subject` with its submatches, without a step budget.
    /// - Parameter subject: The text to search.
    public func firstMatch(in subject: String) -> GoRegexpMatch? {
        var budget = MatchBudget.unlimited
        return Self.unlimited { () throws(GoRegexpError) in try firstMatch(in: subject, budget: &budget) }
    }

    /// The leftmost match in the UTF-8 bytes `subject`, which may be invalid (Go's `FindSubmatchIndex`).
    /// - Parameters:
    ///   - subject: The bytes to search.
    ///   - budget: Steps the search may take; what it takes is deducted.
    /// - Throws: ``GoRegexpError/Code/budgetExhausted`` when the budget runs out first.
    public func firstMatch(utf8 subject: [UInt8], budget: inout MatchBudget) throws(GoRegexpError) -> GoRegexpMatch? {
        try Self.withInput(subject) { input throws(GoRegexpError) in try search(input, captures: true, budget: &budget) }
    }

    /// Whether the pattern matches anywhere in the UTF-8 `subject`, for callers that hold bytes.
    func matches(bytes subject: UnsafeBufferPointer<UInt8>, budget: inout MatchBudget) throws(GoRegexpError) -> Bool {
        try Self.withInput(subject) { input throws(GoRegexpError) in try search(input, captures: false, budget: &budget) != nil }
    }

    /// The leftmost match in the UTF-8 `subject`, written into `offsets` (resized to Go's
    /// `2 × (groups + 1)` flat offsets, -1 for groups that did not take part) so that a caller
    /// matching many subjects reuses one buffer instead of allocating a ``GoRegexpMatch`` per match.
    /// - Returns: Whether the pattern matched; `offsets` is meaningful only when it did.
    func firstMatch(
        bytes subject: UnsafeBufferPointer<UInt8>, offsets: inout [Int], budget: inout MatchBudget
    ) throws(GoRegexpError) -> Bool {
        // Every matcher writes all `slotCount` slots on a match; slots past those (groups the
        // program never reaches) stay -1 from when the buffer was made.
        let count = 2 * (numberOfGroups + 1)
        if offsets.count != count { offsets = Array(repeating: -1, count: count) }
        let slotCount = core.program.slotCount
        var steps = budget.remainingSteps
        defer { budget.spend(budget.remainingSteps - Swift.max(0, steps)) }
        return try Self.withInput(subject) { input throws(GoRegexpError) -> Bool in
            try offsets.withUnsafeMutableBufferPointer { buffer throws(GoRegexpError) -> Bool in
                guard let base = buffer.baseAddress, slotCount <= buffer.count else {
                    preconditionFailure("invariant: the program writes at most 2 × (groups + 1) slots")
                }
                return try core.search(input, slots: base, slotCount: slotCount, steps: &steps)
            }
        }
    }

    /// The leftmost match in the UTF-8 bytes `subject` that starts at or after byte `start`,
    /// with `^`, `\b` and the like still seeing the bytes before `start` (Go's internal
    /// `doExecute` with a position, which `FindAll`, `ReplaceAll` and `Split` use).
    /// - Parameters:
    ///   - subject: The bytes to search.
    ///   - start: The byte offset to search from.
    ///   - budget: Steps the search may take; what it takes is deducted.
    /// - Throws: ``GoRegexpError/Code/budgetExhausted`` when the budget runs out first.
    public func firstMatch(utf8 subject: [UInt8], from start: Int, budget: inout MatchBudget) throws(GoRegexpError) -> GoRegexpMatch? {
        try Self.withInput(subject) { input throws(GoRegexpError) in
            var shifted = input
            shifted.start = Swift.min(Swift.max(0, start), input.count)
            return try search(shifted, captures: true, budget: &budget)
        }
    }

    /// Runs one search, charging the steps it took to `budget`.
    private func search(_ input: MatchInput, captures: Bool, budget: inout MatchBudget) throws(GoRegexpError) -> GoRegexpMatch? {
        let slotCount = captures ? core.program.slotCount : 0
        var steps = budget.remainingSteps
        defer { budget.spend(budget.remainingSteps - Swift.max(0, steps)) }
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(1, slotCount)) {
            slots throws(GoRegexpError) -> GoRegexpMatch? in
            guard let base = slots.baseAddress else {
                preconditionFailure("invariant: a temporary allocation of at least one slot has an address")
            }
            guard try core.search(input, slots: base, slotCount: slotCount, steps: &steps) else { return nil }
            var offsets = Array(repeating: -1, count: 2 * (numberOfGroups + 1))
            for index in 0..<Swift.min(slotCount, offsets.count) {
                offsets[index] = base[index]
            }
            return GoRegexpMatch(offsets: offsets)
        }
    }

    /// Calls `body` with the UTF-8 of `subject`, copying it only when it is not stored contiguously.
    private static func withInput<R>(
        _ subject: String, _ body: (MatchInput) throws(GoRegexpError) -> R
    ) throws(GoRegexpError) -> R {
        let result = subject.utf8.withContiguousStorageIfAvailable { buffer in
            Result { () throws(GoRegexpError) -> R in try withInput(buffer, body) }
        }
        if let result {
            return try result.get()
        }
        return try withInput(Array(subject.utf8), body)
    }

    private static func withInput<R>(
        _ bytes: [UInt8], _ body: (MatchInput) throws(GoRegexpError) -> R
    ) throws(GoRegexpError) -> R {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(GoRegexpError) -> R in try withInput(buffer, body) }
        }
        return try result.get()
    }

    private static func withInput<R>(
        _ buffer: UnsafeBufferPointer<UInt8>, _ body: (MatchInput) throws(GoRegexpError) -> R
    ) throws(GoRegexpError) -> R {
        if let base = buffer.baseAddress {
            return try body(MatchInput(bytes: base, count: buffer.count))
        }
        var placeholder: UInt8 = 0
        let result = withUnsafePointer(to: &placeholder) { pointer in
            Result { () throws(GoRegexpError) -> R in try body(MatchInput(bytes: pointer, count: 0)) }
        }
        return try result.get()
    }

    /// Runs a search whose budget cannot run out.
    private static func unlimited<R>(_ body: () throws(GoRegexpError) -> R) -> R {
        do {
            return try body()
        } catch {
            preconditionFailure("invariant: an unlimited budget of Int.max steps never runs out (\(error))")
        }
    }
}
