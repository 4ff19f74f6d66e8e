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
