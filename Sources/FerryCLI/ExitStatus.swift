/// Ferry's exit statuses, the contract scripts rely on (DESIGN.md, "The command line").
public enum ExitStatus: Int32, Sendable {
    /// It worked.
    case success = 0
    /// The command ran and the answer is "no": no tag selected, not ready.
    case no = 1
    /// Invalid input: usage, manifest, range, regex, template.
    case invalidInput = 2
    /// Something failed while running: a file or the network.
    case failure = 3
}

/// An error that ends a command with a message and a status.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// The status to exit with.
    public let status: ExitStatus
    /// The one-line message, printed after `ferry: `.
    public let message: String

    /// Creates a failure.
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
