/// JSON that cannot be decoded or a value that cannot be encoded.
public struct TemplateJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line (from 1) of the problem, for decoding errors.
    public let line: Int?
    /// The column (from 1) of the problem, for decoding errors.
    public let column: Int?
    /// What is wrong, in Go's words where Go has them.
    public let message: String

    /// Creates an error.
    public init(line: Int?, column: Int?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let line, let column { return "line \(line), column \(column): \(message)" }
        return message
    }
}
