/// Bounds on one execution, so that a hostile template cannot hang or exhaust memory.
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

    /// Creates limits.
    public init(maxOutputBytes: Int = 1 << 20, maxTemplateDepth: Int = 200, maxSteps: Int = 10_000_000, maxValueSize: Int = 1 << 20) {
        self.maxOutputBytes = maxOutputBytes
        self.maxTemplateDepth = maxTemplateDepth
        self.maxSteps = maxSteps
        self.maxValueSize = maxValueSize
    }

    /// 1 MiB of output, 200 nested template calls, ten million steps, values up to 1 Mi elements or bytes.
    public static let `default` = TemplateLimits()
}
