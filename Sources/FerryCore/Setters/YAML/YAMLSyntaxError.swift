/// Why a byte stream is not YAML that Flux's reader (kyaml over yaml.v3) would accept.
///
/// The problems are worded as libyaml and yaml.v3 word them, e.g. `mapping values are not allowed in this context`
/// or `did not find expected key`, so a user can search for them.
public struct YAMLSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column of the problem, in characters.
    public let column: Int
    /// What is wrong.
    public let problem: String
    /// What the reader was doing, e.g. `while scanning a quoted scalar`, if known.
    public let context: String?

    /// Creates an error.
    public init(line: Int, column: Int, problem: String, context: String? = nil) {
        self.line = line
        self.column = column
        self.problem = problem
        self.context = context
    }

    init(_ problem: String, at mark: YAMLMark, context: String? = nil) {
        self.init(line: mark.line + 1, column: mark.column + 1, problem: problem, context: context)
    }

    /// `line L, column C: <problem>` plus the context when there is one.
    public var description: String {
        let base = "line \(line), column \(column): \(problem)"
        guard let context else { return base }
        return "\(base) (\(context))"
    }
}
