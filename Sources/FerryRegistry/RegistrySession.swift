import AsyncHTTPClient
import FerryCore
import Logging
import NIOCore
import NIOHTTP1

/// One operation against one repository: resolves the credentials (provider or Docker config), pings `/v2/` to
/// learn the auth scheme, and sends requests with the right `Authorization`, refreshing a Bearer token once when
/// the registry answers 401 (an expired token).
struct RegistrySession {
    let client: OCIRegistryClient
    let repository: ImageRepositoryName
    var context: OperationContext
    private(set) var credentials: RegistryCredentials = .anonymous
    private(set) var origin: RegistryURL
    private var challenge: AuthChallenge?
    private var authorization: String?
    private var tokenKey: String?

    /// The scope every request of a scan needs.
    var scope: String { "repository:\(repository.repository):pull" }

    init(client: OCIRegistryClient, repository: ImageRepositoryName, access: RegistryAccess, operation: String) throws(RegistryError) {
        self.client = client
        self.repository = repository
        let tls = try TLSMaterial.configuration(access.tls, operation: operation)
        let http = try client.httpClient(for: access.proxy, operation: operation)
        let deadline = NIODeadline.now() + .nanoseconds(RegistryTransport.nanoseconds(access.limits.timeout))
        var secrets = access.credentials.secrets + [access.proxy?.password].compactMap { $0 }
        secrets += access.tls.clientKeyPEM.map { [$0] } ?? []
        context = OperationContext(operation: operation, deadline: deadline, limits: access.limits, tls: tls, http: http, secrets: secrets)
        let base = client.configuration.endpointOverrides[repository.registry] ?? "https://\(repository.registry)"
        guard let origin = RegistryURL(parsing: base) else {
            throw RegistryError(.configuration, operation: operation, reason: "the endpoint override \"\(base)\" for \(repository.registry) is not an http(s) URL")
        }
        self.origin = RegistryURL(scheme: origin.scheme, authority: origin.authority, path: "/")
    }

    /// Resolves credentials, pings the registry and prepares the `Authorization` header.
    mutating func start(access: RegistryAccess) async throws(RegistryError) {
        credentials = try await client.credentials(for: repository, access: access, context: &context)
        context.secrets += credentials.secrets
        let ping = try await pingRegistry()
        origin = ping.origin
        challenge = ping.challenge
        try await authorize(refreshing: nil)
    }

    /// The URL of a path on the registry.
    func url(_ path: String, query: String? = nil) -> RegistryURL {
        RegistryURL(scheme: origin.scheme, authority: origin.authority, path: path, query: query)
    }

    // MARK: - Ping

    /// Pings `/v2/` to learn the auth scheme. Registries that may be spoken to over plain HTTP (``insecure``,
    /// loopback, private addresses) are pinged over HTTPS and HTTP at once, as go-containerregistry does: HTTPS wins
    /// when it answers, HTTP when it answers like a registry (200 or 401) or HTTPS fails.
    private mutating func pingRegistry() async throws(RegistryError) -> OCIRegistryClient.PingResult {
        var candidateList = [origin]
        if client.configuration.endpointOverrides[repository.registry] == nil, repository.scheme == .http {
            candidateList.append(RegistryURL(scheme: "http", authority: origin.authority, path: "/"))
        }
        let candidates = candidateList
        let key = candidates.map(\.origin).joined(separator: " ")
        if let cached = client.cachedPing(key) { return cached }
        let transport = client.transport
        let base = context
        let probing = candidates.count > 1
        let attempt: @Sendable (Int) async -> PingAttempt = { index in
            var context = base
            // When plain HTTP is an option, HTTPS is only probed: no certificate checks (and no system trust store to
            // load) until it turns out to speak TLS; then the ping is repeated with full checks.
            if probing, index == 0 { context.tls = TLSMaterial.probe(from: base.tls) }
            let candidate = candidates[index]
            let exchange = HTTPExchange(method: .GET, url: RegistryURL(scheme: candidate.scheme, authority: candidate.authority, path: "/v2/"))
            do throws(RegistryError) {
                let reply = try await transport.send(exchange, context: &context)
                return PingAttempt(index: index, reply: reply, error: nil, context: context)
            } catch {
                return PingAttempt(index: index, reply: nil, error: error, context: context)
            }
        }
        let race = await withTaskGroup(of: PingAttempt?.self) { group in
            // A port speaks TLS or plain HTTP, not both, so the order only decides the cost: plain HTTP goes first
            // (a plain registry then never loads TLS), HTTPS follows when HTTP fails, answers unlike a registry, or
            // is still silent after a head start (an HTTP server waiting on a TLS handshake, or the reverse).
            var httpsStarted = !probing
            if probing {
                group.addTask { await attempt(1) }
                group.addTask {
                    do {
                        try await Task.sleep(for: .milliseconds(250))
                    } catch {
                        return nil
                    }
                    return nil
                }
            } else {
                group.addTask { await attempt(0) }
            }
            var race = PingRace()
            while let next = await group.next() {
                if let next { race.record(next) }
                if race.isDecided(candidates: candidates.count) { break }
                if !httpsStarted {
                    httpsStarted = true
                    group.addTask { await attempt(0) }
                }
            }
            group.cancelAll()
            return race
        }
        let winner = try race.winner()
        var reply = winner.reply ?? HTTPReply(status: 0, headers: [:], body: ByteBuffer(), url: candidates[winner.index])
        context.throttles += winner.context.throttles
        context.requests += winner.context.requests
        if candidates.count > 1, winner.index == 0 {
            // The probe was unverified: only a verified answer may name the realm credentials are sent to.
            let verified = candidates[0]
            reply = try await transport.send(HTTPExchange(method: .GET, url: RegistryURL(scheme: "https", authority: verified.authority, path: "/v2/")), context: &context)
        }
        let origin = candidates[winner.index]
        if winner.index == 0, candidates.count > 1, reply.status != 200, reply.status != 401 {
            throw statusError(reply, .GET, subject: "the registry API (/v2/)")
        }
        let challenge = reply.status == 401 ? reply.header("WWW-Authenticate").flatMap(AuthChallenge.parse) : nil
        let result = OCIRegistryClient.PingResult(origin: origin, challenge: challenge)
        client.storePing(result, for: key)
        return result
    }

    // MARK: - Authorization

    /// Sets ``authorization`` for the current challenge; `refused` is a token the registry just rejected.
    private mutating func authorize(refreshing refused: String?) async throws(RegistryError) {
        if case .registryToken(let token) = credentials {
            authorization = "Bearer \(token)"
            return
        }
        guard let challenge else {
            authorization = nil
            return
        }
        switch challenge.scheme {
        case "basic":
            if case .basic(let username, let password) = credentials {
                authorization = "Basic " + Base64Text.encode(Array("\(username):\(password)".utf8))
            } else {
                authorization = nil
            }
        case "bearer":
            guard let realm = challenge.realm else {
                throw context.error(.authentication, nil, "the registry's Bearer challenge names no realm")
            }
            let key = TokenCache.key(realm: realm, service: challenge.service, scope: scope, credentials: credentials)
            if let refused { await client.tokens.discard(refused, for: key) }
            if let cached = await client.tokens.token(for: key) {
                authorization = "Bearer \(cached)"
            } else {
                let token = try await fetchToken(realm: realm, service: challenge.service)
                context.secrets.append(token.token)
                await client.tokens.store(token.token, for: key, expiresIn: token.expiresIn)
                authorization = "Bearer \(token.token)"
            }
            tokenKey = key
        default:
            authorization = nil
        }
    }

    /// Sends a request to the registry with the current authorization; after a 401, refreshes the token (or picks
    /// up a new challenge) once and tries again. Other statuses are returned for the caller to judge.
    mutating func send(_ method: HTTPMethod, _ url: RegistryURL, accept: [String]) async throws(RegistryError) -> HTTPReply {
        var retriedAuth = false
        while true {
            var exchange = HTTPExchange(method: method, url: url)
            if !accept.isEmpty { exchange.headers.append(("Accept", accept.joined(separator: ", "))) }
            if let authorization { exchange.headers.append(("Authorization", authorization)) }
            let reply = try await client.transport.send(exchange, context: &context)
            guard reply.status == 401, !retriedAuth else { return reply }
            retriedAuth = true
            let previous = authorization
            if let header = reply.header("WWW-Authenticate"), let fresh = AuthChallenge.parse(header) { challenge = fresh }
            let refused = previous.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            try await authorize(refreshing: refused)
            if authorization == nil || (authorization == previous && challenge?.scheme != "bearer") { return reply }
            client.logger.debug("registry refused the authorization; retrying with fresh credentials", metadata: ["registry.host": "\(repository.registry)"])
        }
    }

    /// The error for a status the operation cannot use.
    func statusError(_ reply: HTTPReply, _ method: HTTPMethod, subject: String) -> RegistryError {
        let exchange = HTTPExchange(method: method, url: reply.url)
        let said = client.transport.registryMessage(reply)
        switch reply.status {
        case 401:
            let reason: String
            if case .anonymous = credentials {
                reason = "the registry requires authentication and no credentials were given"
            } else {
                reason = "the registry did not accept the credentials (\(credentials))"
            }
            let scheme = challenge.map { $0.scheme == "basic" || $0.scheme == "bearer" ? "" : "; its auth scheme \"\($0.scheme)\" is not supported" } ?? ""
            return context.error(.unauthorized, exchange, status: 401, reason + scheme + said)
        case 403:
            return context.error(.forbidden, exchange, status: 403, "the credentials (\(credentials)) may not pull \(subject)" + said)
        case 404:
            return context.error(.notFound, exchange, status: 404, "\(subject) does not exist (or is hidden from these credentials)" + said)
        default:
            return context.error(.unexpectedStatus, exchange, status: reply.status, "the registry gave an unexpected answer" + said)
        }
    }
}

/// One `/v2/` ping over one scheme (index 0 is HTTPS, 1 plain HTTP).
struct PingAttempt: Sendable {
    var index: Int
    var reply: HTTPReply?
    var error: RegistryError?
    var context: OperationContext

    /// Whether the answer is a registry's (200, or 401 with a challenge) rather than, say, an HTTPS server's 400
    /// to a plain HTTP request.
    var isRegistryAnswer: Bool { reply.map { $0.status == 200 || $0.status == 401 } ?? false }
}

/// Decides the HTTPS/HTTP ping race: HTTPS wins whenever it answers; HTTP wins when it answers like a registry
/// (200 or 401), or when HTTPS failed.
struct PingRace {
    private var https: PingAttempt?
    private var http: PingAttempt?

    mutating func record(_ attempt: PingAttempt) {
        if attempt.index == 0 { https = attempt } else { http = attempt }
    }

    func isDecided(candidates: Int) -> Bool {
        if https?.reply != nil { return true }
        if candidates == 1 { return https != nil }
        if http?.isRegistryAnswer == true { return true }
        return https != nil && http != nil
    }

    /// The attempt to use, or the error to report.
    func winner() throws(RegistryError) -> PingAttempt {
        if let https, https.reply != nil { return https }
        if let http, http.reply != nil {
            // An HTTPS server refusing plain HTTP: the HTTPS failure (an untrusted certificate, say) is the story.
            if !http.isRegistryAnswer, let error = https?.error { throw error }
            return http
        }
        if let error = http?.error ?? https?.error { throw error }
        preconditionFailure("invariant: a decided ping race has an answer or an error")
    }
}
