import AsyncHTTPClient
public import FerryCore
public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A ``RegistryClient`` for any OCI / Docker registry over HTTP (AsyncHTTPClient): `GET /v2/<name>/tags/list`
/// with pagination, manifest `HEAD` for digests, anonymous, Basic and Bearer-token auth, Docker configurations, and
/// the `aws`, `gcp` and `azure` providers.
///
/// Create one with ``withClient(configuration:logger:_:)``; it shuts down its connections when the body returns.
/// Scans running at once share its connections, its token cache and its per-registry concurrency limit.
///
/// ```swift
/// let listing = try await OCIRegistryClient.withClient { client in
///     try await client.listTags(in: ImageRepositoryName(parsing: "ghcr.io/org/app"), access: .anonymous)
/// }
/// ```
public final class OCIRegistryClient: RegistryClient {
    let configuration: RegistryClientConfiguration
    let http: HTTPClient
    let transport: RegistryTransport
    let tokens = TokenCache()
    let providers = ProviderCredentialCache()
    let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let ownsEventLoopGroup: Bool
    private let pings = Mutex<[String: PingResult]>([:])
    private let proxied = Mutex<[RegistryProxy: HTTPClient]>([:])

    private init(configuration: RegistryClientConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        if let threads = configuration.eventLoopThreads {
            eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
            ownsEventLoopGroup = true
        } else {
            eventLoopGroup = HTTPClient.defaultEventLoopGroup
            ownsEventLoopGroup = false
        }
        http = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: Self.httpConfiguration(proxy: nil))
        transport = RegistryTransport(
            limiter: RequestLimiter(limit: configuration.maximumConcurrentRequestsPerRegistry),
            userAgent: configuration.userAgent,
            logger: logger,
            sleep: { try await Task.sleep(for: $0) },
            unixTime: { Int64(Date().timeIntervalSince1970) },
            backoffBase: configuration.retryBackoff
        )
    }

    /// Runs `body` with a client and shuts the client down afterwards, whether `body` throws or not.
    ///
    /// - Parameters:
    ///   - configuration: Endpoints and limits shared by every scan.
    ///   - logger: Where the client logs (debug and trace only; never credentials).
    ///   - body: The work to do with the client.
    public static func withClient<Result>(
        configuration: RegistryClientConfiguration = RegistryClientConfiguration(),
        logger: Logger = Logger(label: "ferry.registry", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (OCIRegistryClient) async throws -> Result
    ) async throws -> Result {
        let client = OCIRegistryClient(configuration: configuration, logger: logger)
        let result: Swift.Result<Result, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        await client.shutdown()
        return try result.get()
    }

    private func shutdown() async {
        let clients = [http] + proxied.withLock { Array($0.values) }
        for client in clients { try? await client.shutdown() }
        if ownsEventLoopGroup { try? await eventLoopGroup.shutdownGracefully() }
    }

    static func httpConfiguration(proxy: HTTPClient.Configuration.Proxy?) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(30))
        // A refused connection or handshake fails the request at once; retries are the transport's decision.
        pool.retryConnectionEstablishment = false
        configuration.connectionPool = pool
        configuration.proxy = proxy
        return configuration
    }

    /// The HTTP client for a proxy (one per proxy, created on first use).
    func httpClient(for proxy: RegistryProxy?, operation: String) throws(RegistryError) -> HTTPClient {
        guard let proxy else { return http }
        guard let url = RegistryURL(parsing: proxy.address), url.scheme == "http" else {
            throw RegistryError(.configuration, operation: operation, reason: "the proxy address \(Self.redactedAddress(proxy.address)) is not an http://host:port URL")
        }
        let (host, port) = Self.hostAndPort(url)
        let authorization = proxy.username.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
        return proxied.withLock { clients in
            if let existing = clients[proxy] { return existing }
            let client = HTTPClient(
                eventLoopGroup: eventLoopGroup,
                configuration: Self.httpConfiguration(proxy: .server(host: host, port: port, authorization: authorization)))
            clients[proxy] = client
            return client
        }
    }

    private static func redactedAddress(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@"), let scheme = address.firstRange(of: "://") else { return "\"\(address)\"" }
        return "\"\(address[..<scheme.upperBound])[redacted]\(address[at...])\""
    }

    static func hostAndPort(_ url: RegistryURL) -> (String, Int) {
        let authority = url.authority
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]"), let port = Int(authority[authority.index(after: colon)...]) {
            return (String(authority[..<colon]).trimmingCharacters(in: "[]"), port)
        }
        return (authority.trimmingCharacters(in: "[]"), url.scheme == "https" ? 443 : 80)
    }

    // MARK: - Ping cache

    struct PingResult: Sendable {
        var origin: RegistryURL
        var challenge: AuthChallenge?
    }

    func cachedPing(_ key: String) -> PingResult? { pings.withLock { $0[key] } }

    func storePing(_ result: PingResult, for key: String) { pings.withLock { $0[key] = result } }
}
