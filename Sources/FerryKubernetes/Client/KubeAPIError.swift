/// The API server answered a request with a failure.
///
/// The description names the operation, the object and the server's message; it never
/// contains a credential (401 bodies carry none, and the request's headers are not quoted).
public struct KubeAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status code.
    public var code: Int
    /// The `reason` of the Status body, e.g. `Conflict`; `NotFound` for a plain-text 404.
    public var reason: String
    /// The server's message (or the plain-text body).
    public var message: String
    /// The whole Status body, when there was one.
    public var status: KubeStatus?
    /// What was attempted, e.g. `get imagepolicies "podinfo" in namespace "default"`.
    public var operation: String
    /// The server, e.g. `https://127.0.0.1:6443`.
    public var server: String

    /// Creates an error.
    public init(code: Int, reason: String, message: String, status: KubeStatus?, operation: String, server: String) {
        self.code = code
        self.reason = reason
        self.message = message
        self.status = status
        self.operation = operation
        self.server = server
    }

    /// 404: the object (or, with a plain-text body, the whole resource type) does not exist.
    public var isNotFound: Bool { code == 404 }
    /// 409 with reason `Conflict`: the object changed since it was read.
    public var isConflict: Bool { code == 409 && reason == "Conflict" }
    /// 409 with reason `AlreadyExists`.
    public var isAlreadyExists: Bool { code == 409 && reason == "AlreadyExists" }
    /// 410 `Expired`/`Gone`: a resourceVersion or continue token is too old.
    public var isGone: Bool { code == 410 }
    /// 401 or 403.
    public var isAuthorizationFailure: Bool { code == 401 || code == 403 }
    /// 404 with the plain-text body: the group, version or resource is not served (yet).
    public var isResourceNotServed: Bool { code == 404 && status == nil }

    /// A label for metrics with no values in it.
    public var shortDescription: String { "\(code) \(reason)" }

    public var description: String {
        switch code {
        case 401:
            return "The Kubernetes API at \(server) rejected the credentials (401 Unauthorized) for \(operation): "
                + "the token or client certificate is invalid or expired."
        case 403:
            return "The Kubernetes API at \(server) forbids \(operation) (403 Forbidden): \(message). "
                + "Grant the permission to the controller's service account (ferry install writes the RBAC it needs)."
        case 404 where status == nil:
            return "The Kubernetes API at \(server) does not serve the resource for \(operation) (404 page not found): "
                + "is the CRD installed and established? (ferry install)"
        default:
            let causes = (status?.details?.causes ?? []).compactMap { cause -> String? in
                guard let field = cause.field, let text = cause.message else { return nil }
                return "\(field): \(text)"
            }
            let suffix = causes.isEmpty || message.contains(causes[0]) ? "" : " (\(causes.joined(separator: "; ")))"
            return "The Kubernetes API at \(server) refused \(operation): \(code) \(reason): \(message)\(suffix)."
        }
    }

    public static func == (lhs: KubeAPIError, rhs: KubeAPIError) -> Bool {
        lhs.code == rhs.code && lhs.reason == rhs.reason && lhs.message == rhs.message && lhs.operation == rhs.operation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(reason)
        hasher.combine(message)
        hasher.combine(operation)
    }
}

/// A request that did not get an answer from the API server, or an answer Ferry cannot read.
public struct KubeClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was attempted.
    public var operation: String
    /// What went wrong.
    public var problem: String
    private var code: Code

    private enum Code: Hashable, Sendable { case transport, decoding, tooLarge, tls, brokenStream }

    /// The connection failed or timed out.
    public static func transport(_ operation: String, _ problem: String) -> Self { Self(operation: operation, problem: problem, code: .transport) }
    /// The body is not what the API serves.
    public static func decoding(_ operation: String, _ problem: String) -> Self { Self(operation: operation, problem: problem, code: .decoding) }
    /// The body or one watch event exceeded the size limit.
    public static func tooLarge(_ operation: String, _ problem: String) -> Self { Self(operation: operation, problem: problem, code: .tooLarge) }
    /// The TLS material could not be loaded.
    public static func tls(_ operation: String, _ problem: String) -> Self { Self(operation: operation, problem: problem, code: .tls) }
    /// A watch stream broke off in the middle.
    public static func brokenStream(_ operation: String, _ problem: String) -> Self {
        Self(operation: operation, problem: problem, code: .brokenStream)
    }

    /// Whether this is a broken watch stream.
    public var isBrokenStream: Bool { code == .brokenStream }
    /// Whether the size limit was hit.
    public var isTooLarge: Bool { code == .tooLarge }
    /// Whether this is a transport failure.
    public var isTransport: Bool { code == .transport }

    public var description: String { "Kubernetes API request failed (\(operation)): \(problem)." }
}
