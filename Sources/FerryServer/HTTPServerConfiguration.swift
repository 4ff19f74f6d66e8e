#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import FerryCore

/// How the HTTP server listens, and its limits. The defaults are notification-controller's
/// (`internal/server/limits.go`): request bodies up to 3 MiB, headers up to 256 KiB, 30 s to read
/// and answer a request.
public struct HTTPServerConfiguration: Sendable {
    /// Where to listen.
    public var address: ListenAddress
    /// The longest a request may take, from the first byte of its body to the response (NC: 30 s).
    /// A request that takes longer gets 503.
    public var requestTimeout: Duration
    /// How long an idle keep-alive connection stays open.
    public var idleTimeout: Duration
    /// The largest request body accepted (NC: 3 MiB); a larger one gets 413.
    public var maxBodySize: Int
    /// The largest request header block accepted (NC: 256 KiB).
    public var maxHeaderSize: Int
    /// Where `gcr` Receivers check Google ID tokens: Google's token-info endpoint, which answers
    /// `GET ?id_token=…` with the token's claims (200) or refuses it (400).
    public var googleTokenInfoURL: String
    /// The longest the token-info check may take.
    public var googleTokenInfoTimeout: Duration
    /// The current time, recorded as `reconcile.fluxcd.io/requestedAt` by a receiver (and used to
    /// check a token's expiry). The wall clock unless a test sets it.
    public var now: @Sendable () -> Timestamp
    /// Called once the server listens, with the port it bound (useful with port 0).
    public var onListening: (@Sendable (Int) async -> Void)?

    /// Google's token-info endpoint.
    public static let googleTokenInfoDefault = "https://oauth2.googleapis.com/tokeninfo"

    /// Creates a configuration.
    /// - Parameters:
    ///   - address: Where to listen (default `0.0.0.0:9292`, notification-controller's receiver address).
    ///   - requestTimeout: The longest a request may take (default 30 s).
    ///   - idleTimeout: How long an idle connection stays open (default 60 s).
    ///   - maxBodySize: The largest request body accepted (default 3 MiB).
    ///   - maxHeaderSize: The largest header block accepted (default 256 KiB).
    ///   - googleTokenInfoURL: Where `gcr` Receivers check Google ID tokens.
    ///   - googleTokenInfoTimeout: The longest that check may take (default 10 s).
    ///   - now: The current time (default: the wall clock).
    ///   - onListening: Called with the bound port once the server listens.
    public init(
        address: ListenAddress = .fluxReceiverDefault,
        requestTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60),
        maxBodySize: Int = 3 * 1024 * 1024,
        maxHeaderSize: Int = 256 * 1024,
        googleTokenInfoURL: String = HTTPServerConfiguration.googleTokenInfoDefault,
        googleTokenInfoTimeout: Duration = .seconds(10),
        now: @escaping @Sendable () -> Timestamp = HTTPServerConfiguration.wallClock,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) {
        self.address = address
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxBodySize = maxBodySize
        self.maxHeaderSize = maxHeaderSize
        self.googleTokenInfoURL = googleTokenInfoURL
        self.googleTokenInfoTimeout = googleTokenInfoTimeout
        self.now = now
        self.onListening = onListening
    }

    /// The wall clock (`CLOCK_REALTIME`).
    @Sendable public static func wallClock() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanosecondsSinceEpoch: Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec))
    }
}
