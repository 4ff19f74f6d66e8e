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
