/// A regular expression with the syntax and matching semantics of Go's `regexp` package (RE2
/// syntax, Perl flags, leftmost-first submatches), which is what Flux's `filterTags.pattern` and
/// `exclusionList` are.
///
/// It accepts exactly the patterns `regexp.Compile` accepts (rejecting the others with Go's
/// messages), reports the same match and submatch offsets as `FindStringSubmatchIndex`, and runs in
/// time linear in the pattern and subject sizes: there is no backtracking blow-up to exploit.
/// Subjects are UTF-8 bytes; offsets are byte offsets, and invalid bytes match as U+FFFD, one byte
/// each, as in Go.
///
/// ```swift
/// let regexp = try GoRegexp(#"^v?(?P<v>[0-9]+\.[0-9]+\.[0-9]+)$"#)
/// if let match = regexp.firstMatch(in: "v1.2.3") {
///     print(match[1, in: "v1.2.3"] ?? "")  // 1.2.3
/// }
/// ```
///
/// Compiling is cheap but not free: compile once per pattern and reuse the value, which is
/// immutable and safe to share between tasks.
public struct GoRegexp: Sendable, CustomStringConvertible {
    /// Bounds on what a pattern may cost, beyond Go's own limits.
    public struct Limits: Sendable, Hashable {
        /// The longest pattern accepted, in UTF-8 bytes.
        public var maxPatternBytes: Int
        /// The most instructions a pattern may compile to.
        public var maxProgramSize: Int

        /// Limits with the given bounds.
        /// - Parameters:
        ///   - maxPatternBytes: The longest pattern accepted, in UTF-8 bytes (default 4096).
        ///   - maxProgramSize: The most instructions a pattern may compile to (default 10 000).
        public init(maxPatternBytes: Int = 4096, maxProgramSize: Int = 10_000) {
            self.maxPatternBytes = maxPatternBytes
            self.maxProgramSize = maxProgramSize
        }

        /// 4096 pattern bytes and 10 000 instructions: far above any tag filter, far below trouble.
        public static let `default` = Limits()
    }

    /// The pattern as given.
    public let pattern: String
    /// The name of each capture group (Go's `SubexpNames`): index 0 stands for the whole match and
    /// is always empty, as are the names of unnamed groups.
    public let groupNames: [String]
    let core: RegexCore

    /// Compiles `pattern`.
    /// - Parameters:
    ///   - pattern: A Go (RE2) regular expression.
    ///   - limits: Bounds on the pattern's size and compiled size.
    /// - Throws: ``GoRegexpError`` with Go's message when Go would reject the pattern, or with
    ///   ``GoRegexpError/Code/patternTooLong`` or ``GoRegexpError/Code/programTooLarge`` when it
    ///   exceeds `limits`.
    public init(_ pattern: String, limits: Limits = .default) throws(GoRegexpError) {
        try self.init(bytes: Array(pattern.utf8), text: pattern, limits: limits)
    }

    /// Compiles a pattern given as UTF-8 bytes, which may be invalid (Go then reports `invalid UTF-8`).
    /// - Parameters:
    ///   - utf8: The pattern's bytes.
    ///   - limits: Bounds on the pattern's size and compiled size.
    /// - Throws: ``GoRegexpError`` as ``init(_:limits:)`` does.
    public init(utf8: some Sequence<UInt8>, limits: Limits = .default) throws(GoRegexpError) {
        let bytes = Array(utf8)
        try self.init(bytes: bytes, text: String(decoding: bytes, as: UTF8.self), limits: limits)
    }

    private init(bytes: [UInt8], text: String, limits: Limits) throws(GoRegexpError) {
        guard bytes.count <= limits.maxPatternBytes else {
            throw GoRegexpError.patternTooLong(bytes: bytes.count, limit: limits.maxPatternBytes)
        }
        let tree = try RegexParser.parse(bytes)
        var names = Array(repeating: "", count: tree.maxCap + 1)
        tree.collectCaptureNames(into: &names)
        pattern = text
        groupNames = names
        core = try RegexCore(tree, programLimit: limits.maxProgramSize)
    }

    /// The number of capture groups (Go's `NumSubexp`).
    public var numberOfGroups: Int {
        groupNames.count - 1
    }

    /// The index of the leftmost group called `name` (Go's `SubexpIndex`), or `nil` when none is.
    /// - Parameter name: A group name; the empty string never names a group.
    public func groupIndex(named name: String) -> Int? {
        guard !name.isEmpty else { return nil }
        return groupNames.firstIndex(of: name)
    }

    /// The number of instructions the pattern compiled to.
    public var programSize: Int {
        core.program.instructions.count
    }

    /// The pattern, as Go's `String` returns it.
    public var description: String {
        pattern
    }
}
