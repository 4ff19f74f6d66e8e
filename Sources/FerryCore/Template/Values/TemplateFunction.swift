/// A function a template can call: a builtin, a Sprig function, a method, or a function
/// value in the data (for `call`).
public struct TemplateFunction: Sendable, Hashable {
    /// The name, as templates spell it.
    public let name: String
    /// The Go parameter and result types, which decide how arguments are checked.
    public let signature: FunctionSignature
    private let body: @Sendable (FunctionCall) throws(TemplateFunctionError) -> TemplateValue

    /// Creates a function.
    /// - Parameters:
    ///   - name: The name templates use.
    ///   - signature: The Go signature.
    ///   - body: The implementation; it receives arguments already checked against `signature`.
    public init(
        _ name: String, _ signature: FunctionSignature,
        _ body: @escaping @Sendable (FunctionCall) throws(TemplateFunctionError) -> TemplateValue
    ) {
        self.name = name
        self.signature = signature
        self.body = body
    }

    /// Calls the function.
    /// - Parameters:
    ///   - arguments: The arguments, already checked against ``signature``.
    ///   - limits: The execution limits in force.
    /// - Throws: ``TemplateFunctionError`` when the function fails.
    public func invoke(_ arguments: [TemplateValue], limits: TemplateLimits) throws(TemplateFunctionError) -> TemplateValue {
        try body(FunctionCall(arguments: arguments, limits: limits))
    }

    /// The function's Go type, e.g. `func(string) string`.
    public var type: GoType { .function(signature.description) }

    public static func == (lhs: TemplateFunction, rhs: TemplateFunction) -> Bool {
        lhs.name == rhs.name && lhs.signature == rhs.signature
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(signature)
    }
}

/// The arguments of one call, and the limits the function must respect.
public struct FunctionCall: Sendable {
    /// The arguments in order (variadic ones included).
    public let arguments: [TemplateValue]
    /// The execution limits (functions that build large strings or lists check them).
    public let limits: TemplateLimits

    /// The argument at `index`, ``TemplateValue/missing`` past the end.
    public subscript(index: Int) -> TemplateValue {
        index < arguments.count ? arguments[index] : .missing
    }

    /// The string argument at `index` (the signature guarantees the type).
    public func string(_ index: Int) -> String {
        if case .string(let text) = self[index] { return text }
        return ""
    }

    /// The integer argument at `index` (the signature guarantees the type).
    public func int(_ index: Int) -> Int {
        if case .int(let value, _) = self[index] { return Int(value) }
        return 0
    }
}

/// A function's Go signature: fixed parameters, an optional variadic parameter, the result.
public struct FunctionSignature: Sendable, Hashable, CustomStringConvertible {
    /// How a parameter receives its argument.
    public enum Parameter: Sendable, Hashable, CustomStringConvertible {
        /// A `reflect.Value` parameter, as Go's builtins take: the argument as is, even when missing.
        case value
        /// A parameter of a Go type: the argument must be assignable to it.
        case typed(GoType)

        public var description: String {
            switch self {
            case .value: return "reflect.Value"
            case .typed(let type): return type.description
            }
        }
    }

    /// The fixed parameters.
    public var parameters: [Parameter]
    /// The variadic parameter's element type, if the function is variadic.
    public var variadic: Parameter?
    /// The result type.
    public var result: GoType

    /// Creates a signature.
    public init(_ parameters: [Parameter], variadic: Parameter? = nil, result: GoType) {
        self.parameters = parameters
        self.variadic = variadic
        self.result = result
    }

    public var description: String {
        var parts = parameters.map(\.description)
        if let variadic { parts.append("...\(variadic)") }
        return "func(\(parts.joined(separator: ", "))) \(result)"
    }
}

/// A function call failed; the template reports `error calling NAME: MESSAGE`.
public struct TemplateFunctionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The function's message.
    public let message: String

    /// Creates an error with Go's message text.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

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
