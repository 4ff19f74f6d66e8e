import AsyncHTTPClient
import FerryCore
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP request the client sends.
struct HTTPExchange: Sendable {
    var method: HTTPMethod
    var url: RegistryURL
    var headers: [(String, String)] = []
    var body: [UInt8]?
    /// Whether retries after 429/503/5xx are allowed (token and provider requests allow them too).
    var retryable = true
}

/// A response with its body read (up to the limit).
struct HTTPReply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
    var url: RegistryURL

    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// What one operation (a listing, a digest lookup) shares across its requests: the deadline, the limits, the TLS
/// configuration, the secrets to keep out of messages and the throttles met so far.
struct OperationContext: Sendable {
    let operation: String
    let deadline: NIODeadline
    let limits: RegistryLimits
    var tls: TLSConfiguration?
    let http: HTTPClient
    var secrets: [String]
    var throttles: [RegistryThrottle] = []
    var requests = 0

    func error(_ kind: RegistryError.Kind, _ exchange: HTTPExchange?, status: Int? = nil, _ reason: String, retryAfter: Duration? = nil) -> RegistryError {
        RegistryError(kind, operation: operation, request: exchange.map { "\($0.method.rawValue) \($0.url)" }, status: status, reason: reason, retryAfter: retryAfter)
            .redacting(secrets)
    }
}

/// Sends requests with the operation's deadline, the per-registry concurrency limit, bounded retries that honour
/// `Retry-After`, manual redirects (credentials are dropped when the origin changes) and the body size cap.
struct RegistryTransport: Sendable {
    let limiter: RequestLimiter
    let userAgent: String
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void
    let unixTime: @Sendable () -> Int64
    let backoffBase: Duration

    func send(_ exchange: HTTPExchange, context: inout OperationContext) async throws(RegistryError) -> HTTPReply {
        var exchange = exchange
        var attempt = 0
        var redirects = 0
        while true {
            try checkDeadline(exchange, context)
            let reply = try await sendOnce(exchange, context: &context)
            let status = reply.status
            if exchange.retryable, [408, 429, 500, 502, 503, 504].contains(status) {
                let asked = reply.header("Retry-After").flatMap { RetryAfter.delay($0, now: unixTime()) }
                let throttled = status == 429 || status == 503
                guard attempt < context.limits.maximumRetries else {
                    let waits = context.throttles.isEmpty ? "" : " (waited \(context.throttles.map { Self.text($0.waited) }.joined(separator: "; ")))"
                    let kind: RegistryError.Kind = throttled ? .rateLimited : .serverError
                    throw context.error(kind, exchange, status: status, "still failing after \(attempt) retries\(waits)" + registryMessage(reply), retryAfter: asked)
                }
                let delay = asked ?? backoff(attempt)
                if let asked, asked > context.limits.maximumRetryAfter {
                    throw context.error(
                        .rateLimited, exchange, status: status,
                        "the registry asked to wait \(Self.text(asked)) (Retry-After), more than the \(Self.text(context.limits.maximumRetryAfter)) allowed; try again later",
                        retryAfter: asked)
                }
                if NIODeadline.now() + TimeAmount.nanoseconds(Self.nanoseconds(delay)) > context.deadline {
                    throw context.error(
                        throttled ? .rateLimited : .timeout, exchange, status: status,
                        "waiting \(Self.text(delay)) before retrying would pass the timeout", retryAfter: asked)
                }
                if throttled { context.throttles.append(RegistryThrottle(status: status, waited: delay)) }
                logger.debug("registry asked to wait", metadata: ["http.status": "\(status)", "retry.delay": "\(Self.text(delay))", "http.path": "\(exchange.url.path)"])
                do {
                    try await sleep(delay)
                } catch {
                    throw context.error(.cancelled, exchange, "cancelled while waiting to retry")
                }
                attempt += 1
                continue
            }
            if [301, 302, 303, 307, 308].contains(status), exchange.method == .GET || exchange.method == .HEAD {
                guard redirects < 5 else { throw context.error(.unexpectedStatus, exchange, status: status, "more than 5 redirects") }
                guard let location = reply.header("Location"), let target = exchange.url.resolving(location) else {
                    throw context.error(.unexpectedStatus, exchange, status: status, "a redirect without a usable Location header")
                }
                if target.origin != exchange.url.origin {
                    exchange.headers.removeAll { $0.0.lowercased() == "authorization" }
                }
                exchange.url = target
                redirects += 1
                continue
            }
            return reply
        }
    }

    private func checkDeadline(_ exchange: HTTPExchange, _ context: OperationContext) throws(RegistryError) {
        if Task.isCancelled { throw context.error(.cancelled, exchange, "cancelled") }
        if NIODeadline.now() >= context.deadline {
            throw context.error(.timeout, exchange, "the timeout of \(Self.text(context.limits.timeout)) passed")
        }
    }

    /// The wait before retry `attempt` when the registry gave no `Retry-After`: doubling from ``backoffBase``.
    private func backoff(_ attempt: Int) -> Duration {
        backoffBase * (1 << min(attempt, 6))
    }

    private func sendOnce(_ exchange: HTTPExchange, context: inout OperationContext) async throws(RegistryError) -> HTTPReply {
        var request = HTTPClientRequest(url: exchange.url.description)
        request.method = exchange.method
        request.headers.add(name: "Host", value: exchange.url.hostHeader)
        request.headers.add(name: "User-Agent", value: userAgent)
        for (name, value) in exchange.headers { request.headers.add(name: name, value: value) }
        if let body = exchange.body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        if exchange.url.scheme == "https", let tls = context.tls { request.tlsConfiguration = tls }
        context.requests += 1
        let limit = context.limits.maximumBodyBytes
        let deadline = context.deadline
        let http = context.http
        let outcome: Result<HTTPReply, TransportFailure> = await limiter.withPermit(for: exchange.url.authority) { () async -> Result<HTTPReply, TransportFailure> in
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, deadline: deadline)
            } catch {
                return .failure(.request(error))
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
                return .failure(.tooLarge(length))
            }
            if exchange.method == .HEAD {
                return .success(HTTPReply(status: Int(response.status.code), headers: response.headers, body: ByteBuffer(), url: exchange.url))
            }
            // The client's deadline covers the response head; the body gets the rest of the operation's time.
            let body = await Self.collect(response.body, upTo: limit, deadline: deadline)
            return body.map { HTTPReply(status: Int(response.status.code), headers: response.headers, body: $0, url: exchange.url) }
        }
        switch outcome {
        case .success(let reply):
            logger.trace("registry response", metadata: ["http.method": "\(exchange.method.rawValue)", "http.path": "\(exchange.url.path)", "http.status": "\(reply.status)"])
            return reply
        case .failure(.tooLarge(let length)):
            throw context.error(.bodyTooLarge, exchange, "the response announces \(length) bytes, more than the \(limit) allowed")
        case .failure(.request(let error)):
            throw mapped(error, exchange, context, readingBody: false)
        case .failure(.body(let error)):
            throw mapped(error, exchange, context, readingBody: true)
        }
    }

    /// Reads a body up to `limit` bytes, giving up at `deadline`.
    private static func collect(_ body: HTTPClientResponse.Body, upTo limit: Int, deadline: NIODeadline) async -> Result<ByteBuffer, TransportFailure> {
        await withTaskGroup(of: Result<ByteBuffer, TransportFailure>?.self) { group in
            group.addTask {
                do {
                    return .success(try await body.collect(upTo: limit))
                } catch {
                    return .failure(.body(error))
                }
            }
            group.addTask {
                let remaining = deadline - NIODeadline.now()
                do {
                    try await Task.sleep(for: .nanoseconds(max(0, remaining.nanoseconds)))
                } catch {
                    return nil
                }
                return .failure(.body(HTTPClientError.deadlineExceeded))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(.body(HTTPClientError.cancelled))
        }
    }

    private enum TransportFailure: Error {
        case request(any Error)
        case body(any Error)
        case tooLarge(Int)
    }

    private func mapped(_ error: any Error, _ exchange: HTTPExchange, _ context: OperationContext, readingBody: Bool) -> RegistryError {
        let limit = context.limits.maximumBodyBytes
        if error is NIOTooManyBytesError {
            return context.error(.bodyTooLarge, exchange, "the response body is larger than the \(limit) bytes allowed")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return context.error(.timeout, exchange, "the timeout of \(Self.text(context.limits.timeout)) passed" + (readingBody ? " while reading the body" : ""))
            case .remoteConnectionClosed, .bodyLengthMismatch:
                return readingBody
                    ? context.error(.truncatedBody, exchange, "the connection closed before the whole body arrived (truncated response)")
                    : context.error(.connection, exchange, "the registry closed the connection without answering")
            case .cancelled:
                return context.error(.cancelled, exchange, "cancelled")
            default:
                return context.error(.connection, exchange, "\(error)")
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            let hint = "\(error)".contains("CERTIFICATE_VERIFY_FAILED")
                ? " (the registry's certificate is not trusted: give its CA certificate, ca.crt / --ca-file)" : ""
            return context.error(.tls, exchange, "the TLS handshake failed\(hint): \(error)")
        }
        if let error = error as? HTTPParserError {
            return readingBody && error == .invalidEOFState
                ? context.error(.truncatedBody, exchange, "the connection closed before the whole body arrived (truncated response)")
                : context.error(.malformedResponse, exchange, "the registry sent malformed HTTP: \(error)")
        }
        if readingBody {
            return context.error(.truncatedBody, exchange, "reading the body failed (truncated response): \(error)")
        }
        return context.error(.connection, exchange, "cannot connect: \(error)")
    }

    /// ` (registry: CODE: message)` from an OCI error body, or an empty string.
    func registryMessage(_ reply: HTTPReply) -> String {
        guard let first = RegistryErrorBody.first(in: reply.body) else { return "" }
        return " (the server says \(first))"
    }

    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        return "\(milliseconds / 1000).\(String(milliseconds % 1000 + 1000).dropFirst())s"
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow ? Int64.max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
