import AsyncHTTPClient
public import FerryCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The production ``NotificationTransport``: AsyncHTTPClient, with one client per distinct TLS and proxy setting
/// (a Provider's `certSecretRef` replaces the trusted roots, as Flux's `tls.Config.RootCAs` does; `tls.crt` and
/// `tls.key` add a client certificate). Create it with ``withTransport(_:)`` so its clients are shut down.
public final class AsyncHTTPClientTransport: NotificationTransport {
    private struct ClientKey: Hashable {
        var tls: ProviderSettings.TLSMaterial?
        var proxy: ProviderSettings.Proxy?
    }

    private let clients = Mutex<[ClientKey: HTTPClient]>([:])
    private let closed = Atomic<Bool>(false)
    private let userAgent: String

    private init(userAgent: String) { self.userAgent = userAgent }

    /// Runs `body` with a transport and shuts its HTTP clients down afterwards, whatever happens.
    /// - Parameters:
    ///   - userAgent: The `User-Agent` header.
    ///   - body: Uses the transport.
    public static func withTransport<Result: Sendable>(
        userAgent: String = "ferry/\(FerryCore.version)", _ body: (AsyncHTTPClientTransport) async throws -> Result
    ) async throws -> Result {
        let transport = AsyncHTTPClientTransport(userAgent: userAgent)
        do {
            let result = try await body(transport)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    private func shutdown() async {
        closed.store(true, ordering: .sequentiallyConsistent)
        let all = clients.withLock { clients in
            let all = Array(clients.values)
            clients.removeAll()
            return all
        }
        for client in all { try? await client.shutdown() }
    }

    private func client(for settings: TransportSettings) throws(TransportError) -> HTTPClient {
        if closed.load(ordering: .sequentiallyConsistent) { throw TransportError(.connection, "the transport has been shut down") }
        let key = ClientKey(tls: settings.tls, proxy: settings.proxy)
        if let existing = clients.withLock({ $0[key] }) { return existing }
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(15))
        if let material = settings.tls {
            var tls = TLSConfiguration.makeClientConfiguration()
            do {
                if let authority = material.certificateAuthority {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(authority))
                }
                if let certificate = material.certificate, let key = material.privateKey {
                    tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
                    tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
                }
            } catch {
                throw TransportError(.configuration, "the provider's TLS certificates or key could not be read as PEM")
            }
            configuration.tlsConfiguration = tls
        }
        if let proxy = settings.proxy {
            let port = proxy.address.port ?? (proxy.address.scheme == "https" ? 443 : 80)
            var authorization: HTTPClient.Authorization?
            if let username = proxy.username, let password = proxy.password { authorization = .basic(username: username, password: password) }
            configuration.proxy = .server(host: proxy.address.host, port: port, authorization: authorization)
        }
        let created = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let (chosen, extra) = clients.withLock { clients -> (HTTPClient, HTTPClient?) in
            if let existing = clients[key] { return (existing, created) }
            clients[key] = created
            return (created, nil)
        }
        if let extra { try? extra.syncShutdown() }
        return chosen
    }

    public func send(_ request: NotificationRequest, settings: TransportSettings) async throws(TransportError) -> TransportResponse {
        let client = try client(for: settings)
        var outgoing = HTTPClientRequest(url: request.url.string)
        outgoing.method = HTTPMethod(rawValue: request.method)
        outgoing.headers.add(name: "User-Agent", value: userAgent)
        for header in request.headers { outgoing.headers.replaceOrAdd(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let timeout = TimeAmount.nanoseconds(Int64(settings.timeout.components.seconds) * 1_000_000_000
            + settings.timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(outgoing, timeout: timeout)
            var body: [UInt8] = []
            for try await chunk in response.body where body.count < 65_536 {
                body += chunk.readableBytesView.prefix(65_536 - body.count)
            }
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: " ")) }
            return TransportResponse(status: Int(response.status.code), retryAfterSeconds: retryAfter, body: body)
        } catch {
            throw Self.classify(error, host: request.url.authority)
        }
    }

    /// Maps a client error to a kind and a message naming only the host.
    static func classify(_ error: any Error, host: String) -> TransportError {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return TransportError(.timeout, "request to \(host) timed out")
            default:
                break
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return TransportError(.tls, "TLS handshake with \(host) failed: \(error)")
        }
        if let connection = error as? NIOConnectionError {
            let reasons = connection.connectionErrors.map { "\($0.error)" }
            return TransportError(.connection, "cannot connect to \(host): \(reasons.first ?? "connection failed")")
        }
        return TransportError(.connection, "request to \(host) failed: \(error)")
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
