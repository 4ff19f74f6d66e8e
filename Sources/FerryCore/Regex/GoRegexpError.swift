/// Why a regular expression was rejected, or why matching stopped.
///
/// Parse errors carry Go's wording: `description` is exactly what Go's `regexp.Compile` returns
/// (`error parsing regexp: missing closing ): ` + "`^test-(.*`"), `code` names the kind of problem,
/// `expression` is the fragment Go quotes and `offset` is the byte offset in the pattern's UTF-8
/// where the problem starts, so a caller can point at it. Ferry's own limits (pattern length,
/// program size) and running out of a ``MatchBudget`` have codes of their own.
public struct GoRegexpError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem, without any detail; suitable as a metric label.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case missingParen, unexpectedParen, missingBracket, invalidCharRange, invalidEscape
            case invalidNamedCapture, invalidPerlOp, invalidRepeatOp, invalidRepeatSize, invalidUTF8
            case missingRepeatArgument, trailingBackslash, nestingDepth, expressionTooLarge
            case patternTooLong, programTooLarge, budgetExhausted
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// A `(` without its `)`.
        public static let missingParen = Code(.missingParen)
        /// A `)` without its `(`.
        public static let unexpectedParen = Code(.unexpectedParen)
        /// A `[` without its `]`.
        public static let missingBracket = Code(.missingBracket)
        /// A class range running backwards, or an unknown `[:name:]` or `\p{Name}` class.
        public static let invalidCharRange = Code(.invalidCharRange)
        /// An escape Go does not know, such as `\q`, `\Z` or `\1`.
        public static let invalidEscape = Code(.invalidEscape)
        /// A malformed `(?P<name>` or `(?<name>` group.
        public static let invalidNamedCapture = Code(.invalidNamedCapture)
        /// A `(?` construct Go does not support, such as look-around or an unknown flag.
        public static let invalidPerlOp = Code(.invalidPerlOp)
        /// Two repetition operators in a row, such as `a**` or `a+*`.
        public static let invalidRepeatOp = Code(.invalidRepeatOp)
        /// A counted repetition over 1000, backwards, or nested past a product of 1000.
        public static let invalidRepeatSize = Code(.invalidRepeatSize)
        /// Bytes that are not UTF-8 in the pattern.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A repetition operator with nothing to repeat, such as a leading `*`.
        public static let missingRepeatArgument = Code(.missingRepeatArgument)
        /// A pattern that ends in a lone backslash.
        public static let trailingBackslash = Code(.trailingBackslash)
        /// Groups or repetitions nested more than 1000 deep.
        public static let nestingDepth = Code(.nestingDepth)
        /// A pattern past Go's own size limit for compiled programs.
        public static let expressionTooLarge = Code(.expressionTooLarge)
        /// A pattern longer than ``GoRegexp/Limits/maxPatternBytes`` (a Ferry limit).
        public static let patternTooLong = Code(.patternTooLong)
        /// A pattern compiling to more than ``GoRegexp/Limits/maxProgramSize`` instructions (a Ferry limit).
        public static let programTooLarge = Code(.programTooLarge)
        /// Matching used up its ``MatchBudget``.
        public static let budgetExhausted = Code(.budgetExhausted)

        /// The short, fixed text of this kind of problem; Go's wording for parse errors.
        public var description: String {
            switch value {
            case .missingParen: "missing closing )"
            case .unexpectedParen: "unexpected )"
            case .missingBracket: "missing closing ]"
            case .invalidCharRange: "invalid character class range"
            case .invalidEscape: "invalid escape sequence"
            case .invalidNamedCapture: "invalid named capture"
            case .invalidPerlOp: "invalid or unsupported Perl syntax"
            case .invalidRepeatOp: "invalid nested repetition operator"
            case .invalidRepeatSize: "invalid repeat count"
            case .invalidUTF8: "invalid UTF-8"
            case .missingRepeatArgument: "missing argument to repetition operator"
            case .trailingBackslash: "trailing backslash at end of expression"
            case .nestingDepth: "expression nests too deeply"
            case .expressionTooLarge: "expression too large"
            case .patternTooLong: "pattern too long"
            case .programTooLarge: "program too large"
            case .budgetExhausted: "matching exceeded its step budget"
            }
        }

        /// Whether Go's parser reports this kind of problem (as opposed to a Ferry limit or the budget).
        var isGoParseError: Bool {
            switch value {
            case .patternTooLong, .programTooLarge, .budgetExhausted: false
            default: true
            }
        }
    }

    /// The kind of problem.
    public let code: Code
    /// The fragment of the pattern Go quotes in its message (the whole pattern for some codes).
    public let expression: String
    /// The byte offset in the pattern's UTF-8 where the problem starts, when it has a place.
    public let offset: Int?
    private let detail: String

    private init(code: Code, expression: String, offset: Int?, detail: String = "") {
        self.code = code
        self.expression = expression
        self.offset = offset
        self.detail = detail
    }

    /// The full message: Go's `error parsing regexp: <code>: `+"`<expression>`"+` for parse errors.
    public var description: String {
        if code.isGoParseError {
            return "error parsing regexp: \(code): `\(expression)`"
        }
        return detail
    }

    /// A parse error Go would report with the same code and quoted fragment.
    static func parse(_ code: Code, expression: String, offset: Int?) -> GoRegexpError {
        GoRegexpError(code: code, expression: expression, offset: offset)
    }

    /// The pattern is longer than the configured limit.
    static func patternTooLong(bytes: Int, limit: Int) -> GoRegexpError {
        GoRegexpError(
            code: .patternTooLong, expression: "", offset: limit,
            detail: "error parsing regexp: pattern too long: \(bytes) bytes, the limit is \(limit)")
    }

    /// The compiled program has more instructions than the configured limit.
    static func programTooLarge(limit: Int) -> GoRegexpError {
        GoRegexpError(
            code: .programTooLarge, expression: "", offset: nil,
            detail: "error parsing regexp: program too large: more than \(limit) instructions")
    }

    /// Matching ran out of steps.
    static let budgetExhausted = GoRegexpError(
        code: .budgetExhausted, expression: "", offset: nil, detail: "matching exceeded its step budget")
}
