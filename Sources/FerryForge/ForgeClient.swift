import AsyncHTTPClient
public import FerryCore
public import Logging
import NIOCore
import NIOSSL
import Synchronization

/// The production ``ChangeRequestPublisher``: GitHub's REST v3 (and GraphQL for auto-merge), GitLab's REST v4,
/// Gitea's and Forgejo's API v1 and Bitbucket Cloud's REST 2.0 over AsyncHTTPClient. Create it with
/// ``withClient(userAgent:logger:_:)`` so its HTTP clients are shut down.
///
/// ```swift
/// try await ForgeClient.withClient(logger: logger) { forge in
///     let result = try await forge.publish(plan.spec)
///     print(result)   // created #12 https://github.com/org/fleet/pull/12
/// }
/// ```
///
/// Every publication first lists the open pull requests of the source and target branch (following
/// pagination), so it never opens a duplicate. Request URLs, headers and bodies never reach a log line or
/// an error with a credential in them; forge messages are scrubbed of the spec's secrets.
public final class ForgeClient: ChangeRequestPublisher {
    private let clients = Mutex<[[UInt8]: HTTPClient]>([:])
    private let closed = Atomic<Bool>(false)
    private let userAgent: String
    private let logger: Logger

    private init(userAgent: String, logger: Logger) {
        self.userAgent = userAgent
        self.logger = logger
    }

    /// Runs `body` with a client and shuts its HTTP clients down afterwards, whatever happens.
    /// - Parameters:
    ///   - userAgent: The `User-Agent` header (GitHub requires one).
    ///   - logger: Receives one debug line per request (method, origin and path, status; no headers or bodies).
    ///   - body: Uses the client.
    public static func withClient<Result: Sendable>(
        userAgent: String = "ferry/\(FerryCore.version)", logger: Logger = Logger(label: "ferry.forge"),
        _ body: (ForgeClient) async throws -> Result
    ) async throws -> Result {
        let client = ForgeClient(userAgent: userAgent, logger: logger)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
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

    public func publish(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult {
        try Self.check(request)
        let session = ForgeSession(
            http: try client(for: request), spec: request, userAgent: userAgent, logger: logger,
            deadline: .now() + .nanoseconds(Int64(request.timeout.components.seconds) * 1_000_000_000
                + request.timeout.components.attoseconds / 1_000_000_000))
        switch request.forge {
        case .github: return try await GitHubPublisher(session: session).publish()
        case .gitlab: return try await GitLabPublisher(session: session).publish()
        case .gitea: return try await GiteaPublisher(session: session).publish()
        case .bitbucket: return try await BitbucketPublisher(session: session).publish()
        }
    }

    public func close(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult? {
        let http: HTTPClient
        do {
            try Self.check(request)
            http = try client(for: request)
        } catch {
            throw error.during(.close(number: nil))
        }
        let session = ForgeSession(
            http: http, spec: request, userAgent: userAgent, logger: logger,
            deadline: .now() + .nanoseconds(Int64(request.timeout.components.seconds) * 1_000_000_000
                + request.timeout.components.attoseconds / 1_000_000_000))
        switch request.forge {
        case .github: return try await GitHubPublisher(session: session).close()
        case .gitlab: return try await GitLabPublisher(session: session).close()
        case .gitea: return try await GiteaPublisher(session: session).close()
        case .bitbucket: return try await BitbucketPublisher(session: session).close()
        }
    }

    /// Refuses a spec the publishers cannot address: a repository that is not `owner/name` (GitLab: a path of two or
    /// more segments), an empty branch, or the same source and target branch.
    static func check(_ spec: ChangeRequestSpec) throws(ChangeRequestError) {
        let segments = spec.repository.split(separator: "/", omittingEmptySubsequences: false)
        let shaped = spec.forge == .gitlab ? segments.count >= 2 : segments.count == 2
        guard shaped, !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw ChangeRequestError(
                .configuration, spec: spec,
                reason: "\"\(spec.repository)\" is not a \(spec.forge) repository name (\(spec.forge == .gitlab ? "group/project" : "owner/name"))")
        }
        guard !spec.sourceBranch.isEmpty, !spec.targetBranch.isEmpty, spec.sourceBranch != spec.targetBranch else {
            throw ChangeRequestError(.configuration, spec: spec, reason: "the source and target branches must be two different, non-empty branches")
        }
    }

    /// One HTTP client per set of extra trusted roots (none: the system's).
    private func client(for spec: ChangeRequestSpec) throws(ChangeRequestError) -> HTTPClient {
        if closed.load(ordering: .sequentiallyConsistent) {
            throw ChangeRequestError(.configuration, spec: spec, reason: "the forge client has been shut down")
        }
        let key = spec.certificateAuthority ?? []
        if let existing = clients.withLock({ $0[key] }) { return existing }
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(60))
        configuration.redirectConfiguration = .disallow
        if let authority = spec.certificateAuthority {
            var tls = TLSConfiguration.makeClientConfiguration()
            do {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMBytes(authority))]
            } catch {
                throw ChangeRequestError(.configuration, spec: spec, reason: "the CA certificates could not be read as PEM")
            }
            configuration.tlsConfiguration = tls
        }
        // Creating a client does no I/O, so it happens under the lock and no second client is ever made for a key.
        return clients.withLock { clients in
            if let existing = clients[key] { return existing }
            let created = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = created
            return created
        }
    }
}
