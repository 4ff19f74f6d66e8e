/// Bounds on one execution, so that a hostile template cannot hang or exhaust memory, and the
/// two inputs from outside that functions may read: the current time and a random seed. The
/// core has no clock and no randomness of its own; callers pass both in.
public struct TemplateLimits: Sendable, Hashable {
    /// The most bytes the output may hold.
    public var maxOutputBytes: Int
    /// The deepest nesting of `{{template}}` calls (Go allows 100,000; Ferry fewer, since
    /// each level uses native stack).
    public var maxTemplateDepth: Int
    /// The most evaluation steps (actions, commands, loop iterations) one execution may take.
    public var maxSteps: Int
    /// The longest string or list a function may build (`repeat`, `until`, `seq`, …).
    public var maxValueSize: Int
    /// The current time, which Sprig's `ago` and `durationRound` of a time measure from;
    /// `nil` makes them fail with an error that says so. `ferry template render` passes the
    /// real time, tests a fixed one.
    public var now: Timestamp?
    /// The seed of the random numbers `randInt` and `shuffle` draw, as Go's `rand.Seed(seed)`:
    /// one sequence per execution. Flux's own output is random; a seed makes Ferry's repeatable.
    public var randomSeed: Int64

    /// Creates limits.
    public init(
        maxOutputBytes: Int = 1 << 20, maxTemplateDepth: Int = 200, maxSteps: Int = 10_000_000, maxValueSize: Int = 1 << 20,
        now: Timestamp? = nil, randomSeed: Int64 = 1
    ) {
        self.maxOutputBytes = maxOutputBytes
        self.maxTemplateDepth = maxTemplateDepth
        self.maxSteps = maxSteps
        self.maxValueSize = maxValueSize
        self.now = now
        self.randomSeed = randomSeed
    }

    /// 1 MiB of output, 200 nested template calls, ten million steps, values up to 1 Mi
    /// elements or bytes; no current time, random seed 1 (Go's default seed before Go 1.20).
    public static let `default` = TemplateLimits()
}
