/// Everything a registry request needs besides the repository: who to be (credentials or a cloud provider), which
/// TLS material to use, which proxy to go through and which limits to keep. Built from an ImageRepository's
/// `secretRef`, `provider`, `certSecretRef`, `proxySecretRef` and `timeout`, or from `ferry scan` flags.
///
/// ```swift
/// let access = RegistryAccess(
///     credentials: .basic(username: "ci", password: password),
///     tls: RegistryTLS(caCertificatesPEM: caBundle),
///     limits: RegistryLimits(timeout: .seconds(30))
/// )
/// ```
public struct RegistryAccess: Hashable, Sendable {
    /// The credentials to present (`spec.secretRef`); ignored unless ``provider`` is ``RegistryProvider/generic``.
    public var credentials: RegistryCredentials
    /// `spec.provider`: where credentials come from for cloud registries.
    public var provider: RegistryProvider
    /// `spec.certSecretRef`: extra CA certificates and a client certificate.
    public var tls: RegistryTLS
    /// `spec.proxySecretRef`: an HTTP proxy.
    public var proxy: RegistryProxy?
    /// Timeout, retries and size limits.
    public var limits: RegistryLimits

    /// Anonymous access with default limits.
    public static let anonymous = RegistryAccess()

    /// Creates access options.
    public init(
        credentials: RegistryCredentials = .anonymous,
        provider: RegistryProvider = .generic,
        tls: RegistryTLS = RegistryTLS(),
        proxy: RegistryProxy? = nil,
        limits: RegistryLimits = RegistryLimits()
    ) {
        self.credentials = credentials
        self.provider = provider
        self.tls = tls
        self.proxy = proxy
        self.limits = limits
    }
}

/// TLS material for a registry (`certSecretRef`: `ca.crt`, `tls.crt`, `tls.key`), all PEM text.
///
/// The CA certificates are added to the system's trust store, not used instead of it, as Flux does.
public struct RegistryTLS: Hashable, Sendable {
    /// PEM certificates to trust besides the system's (`ca.crt`).
    public var caCertificatesPEM: String?
    /// The client certificate chain, PEM (`tls.crt`).
    public var clientCertificatePEM: String?
    /// The client certificate's private key, PEM (`tls.key`).
    public var clientKeyPEM: String?

    /// Creates TLS options.
    public init(caCertificatesPEM: String? = nil, clientCertificatePEM: String? = nil, clientKeyPEM: String? = nil) {
        self.caCertificatesPEM = caCertificatesPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}

/// An HTTP proxy (`proxySecretRef`: `address`, `username`, `password`).
public struct RegistryProxy: Hashable, Sendable {
    /// `http://host:port` of the proxy.
    public var address: String
    /// The proxy user, if it needs one.
    public var username: String?
    /// The proxy password.
    public var password: String?

    /// Creates proxy options.
    public init(address: String, username: String? = nil, password: String? = nil) {
        self.address = address
        self.username = username
        self.password = password
    }
}

/// Limits that keep one scan from hanging, spinning or swallowing memory.
public struct RegistryLimits: Hashable, Sendable {
    /// `spec.timeout`: the whole operation (authentication, every page, every wait) must finish within it.
    /// Flux clamps values under a second up to one second; so does ``init(timeout:pageSize:maximumBodyBytes:maximumRetries:maximumRetryAfter:)``.
    public var timeout: Duration
    /// `n` sent with each tag-list request (Flux sends 1000).
    public var pageSize: Int
    /// The largest response body read (tag-list pages, tokens); larger bodies fail the request.
    public var maximumBodyBytes: Int
    /// How many times one request is retried after 429/503 (and 5xx or a dropped connection).
    public var maximumRetries: Int
    /// The longest `Retry-After` honoured; a registry asking for longer fails the request with the delay it asked.
    public var maximumRetryAfter: Duration

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - timeout: The whole operation's deadline (at least one second).
    ///   - pageSize: Tags per page to ask for (1...10000).
    ///   - maximumBodyBytes: The largest body read.
    ///   - maximumRetries: Retries per request.
    ///   - maximumRetryAfter: The longest wait honoured.
    public init(
        timeout: Duration = .seconds(60),
        pageSize: Int = 1000,
        maximumBodyBytes: Int = 32 << 20,
        maximumRetries: Int = 4,
        maximumRetryAfter: Duration = .seconds(30)
    ) {
        self.timeout = max(timeout, .seconds(1))
        self.pageSize = min(max(pageSize, 1), 10_000)
        self.maximumBodyBytes = max(maximumBodyBytes, 1024)
        self.maximumRetries = max(maximumRetries, 0)
        self.maximumRetryAfter = max(maximumRetryAfter, .zero)
    }
}
