/// The credentials presented to a registry.
///
/// Their `description` never shows a secret: only the kind and, for Basic, the user name.
public enum RegistryCredentials: Hashable, Sendable, CustomStringConvertible {
    /// No credentials: anonymous access, including anonymous Bearer tokens.
    case anonymous
    /// A user name and password: sent as Basic auth, or to the token server of a Bearer challenge.
    case basic(username: String, password: String)
    /// An identity (refresh) token, as `docker login` stores it: exchanged for an access token with an OAuth2
    /// `refresh_token` grant.
    case identityToken(String)
    /// A registry (access) token presented as `Authorization: Bearer` directly.
    case registryToken(String)
    /// A Docker configuration (`config.json`, or the `.dockerconfigjson` of a Secret): the entry matching the
    /// registry host is used, anonymous when none matches.
    case dockerConfig(DockerConfig)

    /// The credentials `dockerConfig` gives for a registry; other cases are returned unchanged.
    public func resolved(for registry: String) -> RegistryCredentials {
        guard case .dockerConfig(let config) = self else { return self }
        return config.credentials(for: registry) ?? .anonymous
    }

    /// Every secret string this value holds (to check that none leaks into messages).
    public var secrets: [String] {
        switch self {
        case .anonymous: return []
        case .basic(_, let password): return [password]
        case .identityToken(let token), .registryToken(let token): return [token]
        case .dockerConfig(let config): return config.entries.values.flatMap { $0.credentials.secrets }
        }
    }

    /// `anonymous`, `basic (user ci)`, `identity token`, `registry token` or `docker config (N entries)`.
    public var description: String {
        switch self {
        case .anonymous: return "anonymous"
        case .basic(let username, _): return "basic (user \(username))"
        case .identityToken: return "identity token"
        case .registryToken: return "registry token"
        case .dockerConfig(let config): return "docker config (\(config.entries.count) entries)"
        }
    }
}
