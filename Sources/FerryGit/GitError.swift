/// A Git operation that failed: the remote refused or could not be reached, the reference is
/// missing, the push was rejected, signing failed, or the local machine could not do its part.
///
/// ``description`` is a full sentence naming the operation and the repository (without
/// credentials), followed by what Git said, scrubbed of every secret of the job.
public struct GitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure, for callers that react to it (retry, stall) and for metrics.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case authenticationFailed = "authentication failed"
            case hostKeyRejected = "host key rejected"
            case repositoryNotFound = "repository not found"
            case referenceNotFound = "reference not found"
            case connectionFailed = "connection failed"
            case timedOut = "timed out"
            case pushRejected = "push rejected"
            case signingFailed = "signing failed"
            case commandFailed = "command failed"
            case local = "local failure"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The remote refused the credentials (or asked for some and none were given).
        public static var authenticationFailed: Self { Self(.authenticationFailed) }
        /// The SSH server's host key is not in `known_hosts`, or differs from it.
        public static var hostKeyRejected: Self { Self(.hostKeyRejected) }
        /// No repository at the URL.
        public static var repositoryNotFound: Self { Self(.repositoryNotFound) }
        /// The branch, tag, reference or commit to check out does not exist.
        public static var referenceNotFound: Self { Self(.referenceNotFound) }
        /// The server could not be reached (refused, unreachable, TLS failure).
        public static var connectionFailed: Self { Self(.connectionFailed) }
        /// The operation ran past `spec.timeout` and was stopped.
        public static var timedOut: Self { Self(.timedOut) }
        /// The remote rejected the push (not a fast-forward, or a hook said no).
        public static var pushRejected: Self { Self(.pushRejected) }
        /// The commit could not be signed.
        public static var signingFailed: Self { Self(.signingFailed) }
        /// Another git failure.
        public static var commandFailed: Self { Self(.commandFailed) }
        /// A local file or process could not be set up.
        public static var local: Self { Self(.local) }

        /// A stable label, e.g. `push rejected`.
        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// The full message.
    public let description: String
    /// For ``Code/pushRejected``: whether the remote branch moved on (non-fast-forward), so a
    /// fetch and a re-applied update may succeed.
    public let isNonFastForward: Bool

    init(code: Code, description: String, isNonFastForward: Bool = false) {
        self.code = code
        self.description = description
        self.isNonFastForward = isNonFastForward
    }

    /// A local setup failure.
    static func local(_ message: String) -> Self {
        Self(code: .local, description: message)
    }

    /// A timeout.
    static func timedOut(operation: String, after limit: Duration) -> Self {
        Self(code: .timedOut, description: "\(operation) did not finish within \(GitError.format(limit)) and was stopped")
    }

    /// A stable label without associated values, for metrics.
    public var shortDescription: String { code.description }

    /// `1m0s`-style text for a duration, as Go prints `spec.timeout`.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        var text = ""
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        let rest = seconds % 60
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        if milliseconds > 0 {
            var fraction = String(String(milliseconds + 1000).dropFirst())
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "\(rest).\(fraction)s"
        } else {
            text += "\(rest)s"
        }
        return text
    }
}
