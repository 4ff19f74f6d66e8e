/// Why the manifests could not be read or written.
public struct WorkspaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure it is, for choosing an exit status.
    public enum Kind: Hashable, Sendable {
        /// The root or update path is wrong: missing, not a directory, or outside the root.
        case invalidPath
        /// A policy result cannot be written (its reference is invalid).
        case invalidPolicy
        /// Reading or writing a file failed.
        case io
    }

    /// The kind of failure.
    public let kind: Kind
    /// The file or path concerned, relative to the update path where that applies.
    public let path: String
    /// A full sentence naming the path and the reason.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }
}
