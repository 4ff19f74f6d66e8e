/// A container image repository, normalised as go-containerregistry normalises it: the `Context()` of a Flux image
/// reference.
///
/// ```swift
/// let name = try ImageRepositoryName(parsing: "alpine")
/// name.registry       // "index.docker.io"
/// name.repository     // "library/alpine"
/// name.canonicalName  // "index.docker.io/library/alpine"
/// name.scheme         // .https
/// ```
///
/// Docker Hub is always `index.docker.io` (`docker.io` is an alias, and a reference without a registry means Docker
/// Hub), and a single-component Docker Hub repository gets the `library/` namespace.
public struct ImageRepositoryName: Hashable, Sendable, CustomStringConvertible {
    /// The URL scheme go-containerregistry uses first for a registry.
    public enum Scheme: String, Hashable, Sendable {
        /// Plain HTTP.
        case http
        /// HTTP over TLS.
        case https
    }

    /// The Docker Hub registry host, which is also the host its registry API is served from.
    public static let dockerHubRegistry = "index.docker.io"

    /// The registry as `host[:port]`, e.g. `index.docker.io`, `ghcr.io` or `[::1]:5000`; this is also the host (and
    /// port) to send registry API requests to.
    public let registry: String

    /// The repository path within the registry, e.g. `library/alpine`; this is the `<name>` of the OCI distribution API
    /// (`/v2/<name>/tags/list`).
    public let repository: String

    /// Whether plain HTTP is allowed for this repository regardless of its registry (`spec.insecure`).
    public let insecure: Bool

    /// Creates a repository name from parts that are already validated and normalised.
    init(registry: String, repository: String, insecure: Bool) {
        self.registry = registry
        self.repository = repository
        self.insecure = insecure
    }

    /// The full name, `<registry>/<repository>`: what Flux stores in `status.canonicalImageName` (e.g.
    /// `index.docker.io/library/alpine`, `ghcr.io/org/app`, `localhost:5000/app`).
    public var canonicalName: String {
        "\(registry)/\(repository)"
    }

    /// Whether the registry is Docker Hub.
    public var isDockerHub: Bool {
        registry == Self.dockerHubRegistry
    }

    /// The scheme go-containerregistry picks for the registry (`Registry.Scheme()`).
    ///
    /// `http` when ``insecure`` is set, and for registries that are private IPv4 addresses (10/8, 172.16/12,
    /// 192.168/16), `localhost[:port]`, names ending in `.local` or `.localhost` (with an optional port), and the
    /// loopback addresses `127.0.0.1[:port]`, `::1` and `[::1][:port]`; `https` for everything else.
    public var scheme: Scheme {
        insecure || RegistryHost.prefersPlainHTTP(registry) ? .http : .https
    }

    /// The ``canonicalName``.
    public var description: String {
        canonicalName
    }
}
