/// The arguments of one call, and the limits the function must respect.
public struct FunctionCall: Sendable {
    /// The arguments in order (variadic ones included).
    public let arguments: [TemplateValue]
    /// The execution limits (functions that build large strings or lists check them), with
    /// the current time and random seed.
    public let limits: TemplateLimits
    /// The execution's random numbers, shared by every call in one rendering.
    let random: TemplateRandom

    init(arguments: [TemplateValue], limits: TemplateLimits, random: TemplateRandom) {
        self.arguments = arguments
        self.limits = limits
        self.random = random
    }

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
