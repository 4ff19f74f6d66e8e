public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A client for the Kubernetes API: typed reads and writes of any resource, status
/// subresources, patches, server-side apply, watches; retries for 429 and 5xx; token
/// rotation.
///
/// It is a value: copy it freely. It uses the given `HTTPClient` (``HTTPClient/shared`` by
/// default), which the caller owns and shuts down.
public struct KubeClient: Sendable {
    /// The server and credentials.
    public let connection: ClusterConnection
    /// The retry policy for 429 and 5xx answers.
    public var retry: RetryPolicy
    /// The `User-Agent` header; the API server names managedFields entries after its first word.
    public var userAgent: String
    /// The largest response body read (64 MiB).
    public var maxResponseBytes: Int
    /// The deadline of one non-watch request.
    public var requestTimeout: Duration
    /// The logger.
    public var logger: Logger

    let http: HTTPClient
    let tlsConfiguration: TLSConfiguration?
    let tokens: BearerTokenSource

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - connection: where the server is and who to be.
    ///   - httpClient: the HTTP client to send requests with.
    ///   - retry: the retry policy.
    ///   - logger: where to log retries (at debug level).
    /// - Throws: ``KubeClientError`` when the CA, certificate or key cannot be loaded.
    public init(connection: ClusterConnection, httpClient: HTTPClient = .shared, retry: RetryPolicy = .standard, logger: Logger? = nil) throws {
        self.connection = connection
        self.http = httpClient
        self.retry = retry
        self.userAgent = "ferry/\(FerryKubernetes.version)"
        self.maxResponseBytes = 64 << 20
        self.requestTimeout = .seconds(30)
        self.logger = logger ?? Logger(label: "ferry.kubernetes", factory: { _ in SwiftLogNoOpLogHandler() })
        self.tokens = BearerTokenSource(credentials: connection.credentials)
        self.tlsConfiguration = try Self.makeTLSConfiguration(connection)
    }

    static func makeTLSConfiguration(_ connection: ClusterConnection) throws -> TLSConfiguration? {
        guard connection.server.hasPrefix("https://") else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        let where_ = connection.origin
        if connection.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let ca = connection.certificateAuthorityPEM {
            do {
                let certificates = try NIOSSLCertificate.fromPEMBytes(ca)
                guard !certificates.isEmpty else { throw KubeClientError.tls(where_, "the certificate authority data holds no PEM certificate") }
                tls.trustRoots = .certificates(certificates)
            } catch let error as KubeClientError {
                throw error
            } catch {
                throw KubeClientError.tls(where_, "the certificate authority data is not a PEM certificate (\(error))")
            }
        }
        if let certificate = connection.clientCertificatePEM, let key = connection.clientKeyPEM {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            } catch {
                throw KubeClientError.tls(where_, "the client certificate or key is not valid PEM (\(error))")
            }
        }
        return tls
    }

    /// Sends a request, retrying as the policy says, and returns a 2xx response.
    ///
    /// - Throws: ``KubeAPIError`` for a failure status, ``KubeClientError`` for transport problems.
    func send(_ request: KubeRequest) async throws -> KubeResponse {
        let response = try await perform(request) { response in
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return KubeResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
        }
        return response
    }

    /// Sends a request with retries; `read` consumes the response of the final attempt.
    /// Failure responses are read here and thrown as ``KubeAPIError``.
    func perform<Result: Sendable>(
        _ request: KubeRequest, timeout: Duration? = nil, read: (HTTPClientResponse) async throws -> Result
    ) async throws -> Result {
        var attempt = 0
        var refreshedToken = false
        while true {
            let response: HTTPClientResponse
            do {
                response = try await http.execute(try await makeHTTPRequest(request), timeout: .init(timeout ?? requestTimeout))
            } catch let error as KubeConfigError {
                throw error
            } catch {
                if request.isIdempotent, attempt < retry.maxRetries {
                    let delay = retry.backoff(attempt: attempt)
                    logger.debug("retrying after a transport error", metadata: ["kube.operation": "\(request.operation)", "kube.delay": "\(delay)"])
                    try await retry.sleep(delay)
                    attempt += 1
                    continue
                }
                throw KubeClientError.transport(request.operation, "\(connection.server) could not be reached (\(Self.describe(error)))")
            }
            let code = Int(response.status.code)
            if (200..<300).contains(code) { return try await read(response) }
            let body = Array(buffer: (try? await response.body.collect(upTo: 1 << 20)) ?? ByteBuffer())
            if code == 401, !refreshedToken, await tokens.canRefresh {
                refreshedToken = true
                await tokens.invalidate()
                logger.debug("re-reading the bearer token after a 401", metadata: ["kube.operation": "\(request.operation)"])
                continue
            }
            let retryAfter = retry.retryAfter(response.headers.first(name: "Retry-After"))
            let retryable = code == 429 || ([500, 502, 503, 504].contains(code) && (retryAfter != nil || request.isIdempotent))
            if retryable, attempt < retry.maxRetries {
                let delay = retryAfter ?? retry.backoff(attempt: attempt)
                logger.debug(
                    "retrying", metadata: ["kube.operation": "\(request.operation)", "kube.status": "\(code)", "kube.delay": "\(delay)"])
                try await retry.sleep(delay)
                attempt += 1
                continue
            }
            throw apiError(code: code, headers: response.headers, body: body, operation: request.operation)
        }
    }

    private func makeHTTPRequest(_ request: KubeRequest) async throws -> HTTPClientRequest {
        var http = HTTPClientRequest(url: connection.server + request.pathAndQuery)
        http.method = request.method
        http.tlsConfiguration = tlsConfiguration
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: userAgent)
        if let authorization = try await tokens.authorization() { http.headers.add(name: "Authorization", value: authorization) }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        return http
    }

    func apiError(code: Int, headers: HTTPHeaders, body: [UInt8], operation: String) -> KubeAPIError {
        let contentType = headers.first(name: "Content-Type") ?? ""
        if contentType.hasPrefix("application/json"), let status = try? JSONDecoder().decode(KubeStatus.self, from: Data(body)),
            status.code != nil || status.reason != nil
        {
            return KubeAPIError(
                code: code, reason: status.reason ?? HTTPResponseStatus(statusCode: code).reasonPhrase, message: status.message ?? "",
                status: status, operation: operation, server: connection.server)
        }
        var text = String(decoding: body.prefix(512), as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        let reason = code == 404 ? "NotFound" : HTTPResponseStatus(statusCode: code).reasonPhrase.replacingOccurrences(of: " ", with: "")
        return KubeAPIError(code: code, reason: reason, message: text, status: nil, operation: operation, server: connection.server)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.description }
        return String(describing: error)
    }
}

/// The Kubernetes adapter.
public enum FerryKubernetes {
    /// The version sent in `User-Agent`.
    public static let version = "0.1.0"
}
