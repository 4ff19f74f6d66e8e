/// Why a registry operation failed. The ``description`` is a full sentence naming the repository, the request and
/// the reason; it never contains a credential.
///
/// ```text
/// cannot list the tags of 127.0.0.1:5000/app: GET http://127.0.0.1:5000/v2/app/tags/list?n=1000 answered
/// 401 Unauthorized: the registry did not accept the credentials (anonymous)
/// ```
public struct RegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure, stable for callers that map failures to condition reasons and metric labels.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Hashable, Sendable {
            case unauthorized, forbidden, notFound, rateLimited, serverError, unexpectedStatus, truncatedBody, malformedResponse
            case bodyTooLarge, timeout, connection, tls, invalidPagination, authentication, configuration, cancelled
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// 401: the registry (or its token server) did not accept the credentials.
        public static let unauthorized = Kind(.unauthorized)
        /// 403: the credentials are known but may not read this repository.
        public static let forbidden = Kind(.forbidden)
        /// 404: no such repository or tag (or it is hidden from these credentials).
        public static let notFound = Kind(.notFound)
        /// 429 or 503 that retries and `Retry-After` waits did not get past.
        public static let rateLimited = Kind(.rateLimited)
        /// 5xx after retries.
        public static let serverError = Kind(.serverError)
        /// Any other status the operation cannot use.
        public static let unexpectedStatus = Kind(.unexpectedStatus)
        /// The body ended before its announced length (the connection was cut).
        public static let truncatedBody = Kind(.truncatedBody)
        /// The body is not the JSON the API defines.
        public static let malformedResponse = Kind(.malformedResponse)
        /// The body is larger than ``RegistryLimits/maximumBodyBytes``.
        public static let bodyTooLarge = Kind(.bodyTooLarge)
        /// The operation did not finish within ``RegistryLimits/timeout``.
        public static let timeout = Kind(.timeout)
        /// The registry could not be reached.
        public static let connection = Kind(.connection)
        /// The TLS handshake failed (untrusted certificate, wrong host, bad client certificate).
        public static let tls = Kind(.tls)
        /// A `Link` header is malformed or points to another host.
        public static let invalidPagination = Kind(.invalidPagination)
        /// Getting a token or provider credentials failed.
        public static let authentication = Kind(.authentication)
        /// The access options are unusable (bad PEM, bad proxy address, a host the provider does not serve).
        public static let configuration = Kind(.configuration)
        /// The task was cancelled.
        public static let cancelled = Kind(.cancelled)

        /// The kind's name, e.g. `unauthorized`.
        public var description: String { code.rawValue }
    }

    /// The kind of failure.
    public let kind: Kind
    /// What was being done, e.g. `cannot list the tags of ghcr.io/org/app`.
    public let operation: String
    /// The request that failed (`GET https://…`), when there was one.
    public let request: String?
    /// The HTTP status, when the failure is one.
    public let status: Int?
    /// The reason, a sentence fragment.
    public let reason: String
    /// The delay a throttling registry last asked for.
    public let retryAfter: Duration?

    /// Creates an error.
    public init(_ kind: Kind, operation: String, request: String? = nil, status: Int? = nil, reason: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.operation = operation
        self.request = request
        self.status = status
        self.reason = reason
        self.retryAfter = retryAfter
    }

    /// The same error with every occurrence of the given secrets replaced by `[redacted]`.
    public func redacting(_ secrets: [String]) -> RegistryError {
        let secrets = secrets.filter { $0.utf8.count >= 3 }
        guard !secrets.isEmpty else { return self }
        func scrub(_ text: String) -> String { Redaction.scrub(text, secrets) }
        return RegistryError(kind, operation: scrub(operation), request: request.map(scrub), status: status, reason: scrub(reason), retryAfter: retryAfter)
    }

    public var description: String {
        var text = operation + ": "
        if let request {
            text += request
            text += status.map { " answered \($0) \(Self.statusText($0)): " } ?? ": "
        }
        return text + reason
    }

    /// A label without associated values, for metrics: the ``kind``.
    public var shortDescription: String { kind.description }

    /// The reason phrase of the statuses registries send.
    public static func statusText(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "(HTTP status)"
        }
    }
}

/// Replaces secrets in text.
public enum Redaction {
    /// `text` with every occurrence of each secret replaced by `[redacted]`.
    public static func scrub(_ text: String, _ secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.utf8.count >= 3 && result.contains(secret) {
            result = result.replacing(secret, with: "[redacted]")
        }
        return result
    }
}
