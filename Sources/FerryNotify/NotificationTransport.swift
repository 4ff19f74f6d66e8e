public import FerryCore

/// Sends one HTTP request for a provider. ``AsyncHTTPClientTransport`` is the real one; tests may use another.
public protocol NotificationTransport: Sendable {
    /// Performs `request` and returns the response, or throws ``TransportError``.
    /// - Parameters:
    ///   - request: What to send.
    ///   - settings: Timeout, TLS and proxy for this provider.
    func send(_ request: NotificationRequest, settings: TransportSettings) async throws(TransportError) -> TransportResponse
}

/// The connection settings of one provider.
public struct TransportSettings: Sendable, Hashable {
    /// The most one attempt may take.
    public var timeout: Duration
    /// TLS material, if the provider has any.
    public var tls: ProviderSettings.TLSMaterial?
    /// The proxy, if any.
    public var proxy: ProviderSettings.Proxy?

    /// Creates settings.
    public init(timeout: Duration, tls: ProviderSettings.TLSMaterial? = nil, proxy: ProviderSettings.Proxy? = nil) {
        self.timeout = timeout
        self.tls = tls
        self.proxy = proxy
    }
}

/// A response: status, headers and the start of the body.
public struct TransportResponse: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// `Retry-After` in seconds, if sent.
    public var retryAfterSeconds: Int?
    /// The first bytes of the body (at most 64 KiB are read).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, retryAfterSeconds: Int? = nil, body: [UInt8] = []) {
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
        self.body = body
    }
}

/// A request that got no response. `message` names the host, never the path or a credential.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable, Hashable {
        /// Could not connect, or the connection broke.
        case connection
        /// TLS handshake or certificate verification failed.
        case tls
        /// The attempt ran past its timeout.
        case timeout
        /// The provider's TLS or proxy settings are unusable (a bad PEM, say).
        case configuration
    }

    /// The kind.
    public let kind: Kind
    /// A sentence fragment, safe to log.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
