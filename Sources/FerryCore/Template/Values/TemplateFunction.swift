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
        try body(FunctionCall(arguments: arguments, limits: limits, random: TemplateRandom(seed: limits.randomSeed)))
    }

    /// Calls the function within an execution, drawing random numbers from its shared sequence.
    func invoke(_ arguments: [TemplateValue], limits: TemplateLimits, random: TemplateRandom) throws(TemplateFunctionError) -> TemplateValue {
        try body(FunctionCall(arguments: arguments, limits: limits, random: random))
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
