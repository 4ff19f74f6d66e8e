/// A deterministic allowance of matching work, shared by every match call it is passed to.
///
/// Each instruction the matcher executes costs one step; when the steps run out the call throws
/// ``GoRegexpError/Code/budgetExhausted``. Matching is linear in the pattern and subject sizes, so the
/// budget is a backstop for very long subjects or many calls, not a defence against backtracking
/// blow-ups (there are none). No clocks are involved: the same inputs always cost the same steps.
///
/// ```swift
/// var budget = MatchBudget(steps: 1_000_000)
/// let kept = try tags.filter { try regexp.matches($0, budget: &budget) }
/// ```
public struct MatchBudget: Sendable, Hashable {
    /// The steps still available.
    public private(set) var remainingSteps: Int

    /// A budget of `steps` instruction steps (negative counts as zero).
    /// - Parameter steps: The number of steps the matcher may execute.
    public init(steps: Int) {
        remainingSteps = Swift.max(0, steps)
    }

    /// A budget that never runs out in practice (`Int.max` steps).
    public static var unlimited: MatchBudget {
        MatchBudget(steps: .max)
    }

    /// Takes `steps` from the budget.
    mutating func spend(_ steps: Int) {
        remainingSteps -= Swift.min(steps, remainingSteps)
    }
}
