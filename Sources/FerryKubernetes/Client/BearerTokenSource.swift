import Foundation

/// Supplies the bearer token for requests. A token from a file is cached for a minute and
/// read again after that, or at once after a 401, so a rotated service-account token is
/// picked up without a restart (client-go does the same).
actor BearerTokenSource {
    private let credentials: ClusterConnection.Credentials
    private let refreshInterval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var cached: (token: String, readAt: ContinuousClock.Instant)?

    init(
        credentials: ClusterConnection.Credentials, refreshInterval: Duration = .seconds(60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.credentials = credentials
        self.refreshInterval = refreshInterval
        self.now = now
    }

    /// Whether a 401 may be cured by reading the token again.
    var canRefresh: Bool {
        if case .bearerTokenFile = credentials { return true }
        return false
    }

    /// The `Authorization` header value, or nil.
    func authorization() throws -> String? {
        switch credentials {
        case .none: return nil
        case .bearerToken(let token): return "Bearer " + token
        case .basic(let username, let password): return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .bearerTokenFile(let path):
            let instant = now()
            if let cached, cached.readAt.duration(to: instant) < refreshInterval { return "Bearer " + cached.token }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubeConfigError(source: path, problem: "the bearer token file cannot be read")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw KubeConfigError(source: path, problem: "the bearer token file is empty") }
            cached = (token, instant)
            return "Bearer " + token
        }
    }

    /// Forgets the cached token so the next request reads the file again.
    func invalidate() {
        cached = nil
    }
}
