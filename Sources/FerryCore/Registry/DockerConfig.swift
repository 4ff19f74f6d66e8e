/// Registry credentials from a Docker configuration: the `auths` map of a `kubernetes.io/dockerconfigjson` Secret
/// (`.dockerconfigjson`), a legacy `.dockercfg`, or a Docker `config.json`.
///
/// Parsing the JSON is the registry adapter's job (`FerryRegistry`); this type holds the entries and picks the one
/// for a registry with the rules of the tool that would read it (``MatchingRules``).
public struct DockerConfig: Hashable, Sendable {
    /// How an entry's key is matched against a registry.
    public enum MatchingRules: Hashable, Sendable {
        /// The Kubernetes keyring, which Flux uses for `secretRef` Secrets: keys may carry a scheme, a path
        /// (`quay.io/team`, matched as a prefix of the repository path) and `*` globs per host label
        /// (`*.azurecr.io`); ports must match; the most specific key wins; `https://index.docker.io/v1/` and
        /// `index.docker.io` serve Docker Hub.
        case kubernetes
        /// The Docker CLI's rules for `config.json`: the key equal to the registry, else the first key whose host
        /// (scheme and path removed) is the registry; Docker Hub is looked up as `https://index.docker.io/v1/`.
        case dockerCLI
    }

    /// One `auths` entry, with `auth` already decoded into ``username``/``password``.
    public struct Entry: Hashable, Sendable {
        /// The user name (from `username` or the decoded `auth`).
        public var username: String?
        /// The password (from `password` or the decoded `auth`).
        public var password: String?
        /// `identitytoken`: a refresh token for the registry's token server.
        public var identityToken: String?
        /// `registrytoken`: a bearer token for the registry itself.
        public var registryToken: String?

        /// Creates an entry.
        public init(username: String? = nil, password: String? = nil, identityToken: String? = nil, registryToken: String? = nil) {
            self.username = username
            self.password = password
            self.identityToken = identityToken
            self.registryToken = registryToken
        }

        /// The credentials this entry stands for: a registry token first, then an identity token, then Basic
        /// (go-containerregistry's order), anonymous when empty.
        public var credentials: RegistryCredentials {
            if let registryToken, !registryToken.isEmpty { return .registryToken(registryToken) }
            if let identityToken, !identityToken.isEmpty { return .identityToken(identityToken) }
            if let username, !username.isEmpty || !(password ?? "").isEmpty {
                return .basic(username: username, password: password ?? "")
            }
            return .anonymous
        }
    }

    /// The entries by their key as written (`ghcr.io`, `https://index.docker.io/v1/`, `*.azurecr.io`).
    public var entries: [String: Entry]
    /// The matching rules.
    public var rules: MatchingRules

    /// Creates a configuration.
    public init(entries: [String: Entry], rules: MatchingRules) {
        self.entries = entries
        self.rules = rules
    }

    /// Docker Hub's legacy key, which `docker login` writes for Docker Hub.
    public static let dockerHubLegacyKey = "https://index.docker.io/v1/"
}
