/// Which forge serves a repository, where its API is and what it calls the repository: inferred
/// from the GitRepository's `spec.url`, or given explicitly for self-hosted services.
///
/// | host | forge | API base |
/// | --- | --- | --- |
/// | `github.com` | GitHub | `https://api.github.com` |
/// | `gitlab.com` | GitLab | `https://gitlab.com/api/v4` |
/// | `bitbucket.org` | Bitbucket | `https://api.bitbucket.org/2.0` |
/// | `codeberg.org`, `gitea.com` | Gitea | `https://HOST/api/v1` |
/// | anything else, with a provider | GitHub Enterprise `https://HOST/api/v3`, GitLab `https://HOST/api/v4`, Gitea `https://HOST/api/v1` | |
///
/// ```swift
/// let endpoint = try ForgeEndpoint(repositoryURL: "ssh://git@github.com/org/fleet.git")
/// endpoint.kind          // .github
/// endpoint.repository    // "org/fleet"
/// ```
public struct ForgeEndpoint: Sendable, Hashable {
    /// The forge.
    public var kind: ForgeKind
    /// The API's base URL, without a trailing `/` (e.g. `https://api.github.com`).
    public var apiBaseURL: WebAddress
    /// `owner/name` (GitHub, Gitea; `workspace/slug` on Bitbucket) or the full project path on GitLab (`group/sub/project`).
    public var repository: String

    /// Creates an endpoint from its parts, unchecked.
    public init(kind: ForgeKind, apiBaseURL: WebAddress, repository: String) {
        self.kind = kind
        self.apiBaseURL = apiBaseURL
        self.repository = repository
    }

    /// The hosts whose forge is known without a provider.
    public static let knownHosts: [String: ForgeKind] = [
        "github.com": .github, "gitlab.com": .gitlab, "bitbucket.org": .bitbucket, "codeberg.org": .gitea, "gitea.com": .gitea,
    ]

    /// Works out the endpoint.
    ///
    /// - Parameters:
    ///   - repositoryURL: The GitRepository's `spec.url` (`https://`, `http://`, `ssh://` or scp-like `git@host:path`).
    ///   - kind: `ferry.dev/pull-request-provider`, required for hosts not in ``knownHosts``.
    ///   - apiBaseURL: `ferry.dev/pull-request-api-url`, which replaces the inferred API base.
    ///   - repository: `ferry.dev/pull-request-repository`, which replaces the path of the URL.
    /// - Throws: ``SpecError`` naming the annotation or `spec.url` and the value.
    public init(repositoryURL: String, kind: ForgeKind? = nil, apiBaseURL: String? = nil, repository: String? = nil) throws(SpecError) {
        if let kind, let apiBaseURL, !apiBaseURL.isEmpty, let repository, !repository.isEmpty {
            // Everything is given: the URL need not name a forge at all (a mirror, a file:// remote).
            let path = Self.trimmedPath(Substring(repository))
            let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            if segments.count < 2 || (kind != .gitlab && segments.count != 2) || segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                throw SpecError(
                    field: PullRequestAnnotations.field(PullRequestAnnotations.repository), value: repository,
                    problem: "does not name a \(kind) repository as \(kind == .gitlab ? "group/project" : "owner/name")")
            }
            self.init(kind: kind, apiBaseURL: try Self.apiAddress(apiBaseURL), repository: path)
            return
        }
        let location = try Self.location(of: repositoryURL)
        let host = location.host.lowercased()
        guard let forge = kind ?? Self.knownHosts[host] else {
            throw SpecError(
                field: PullRequestAnnotations.field(PullRequestAnnotations.provider), value: "",
                problem: "is required: Ferry cannot tell which forge serves \(host) (set it to github, gitlab, gitea, forgejo or bitbucket)")
        }
        let base: WebAddress
        if let apiBaseURL, !apiBaseURL.isEmpty {
            base = try Self.apiAddress(apiBaseURL)
        } else {
            base = try Self.defaultAPI(forge, host: host, location: location)
        }
        let path = repository.map { Self.trimmedPath(Substring($0)) } ?? location.path
        let field = repository == nil ? "spec.url" : PullRequestAnnotations.field(PullRequestAnnotations.repository)
        let value = repository ?? repositoryURL
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) || segments.count < 2 {
            throw SpecError(field: field, value: GitURL.redacting(value), problem: "does not name a \(forge) repository as owner/name")
        }
        if forge != .gitlab && segments.count != 2 {
            throw SpecError(
                field: field, value: GitURL.redacting(value),
                problem: "names \(segments.count) path segments, but a \(forge) repository is exactly owner/name")
        }
        self.init(kind: forge, apiBaseURL: base, repository: path)
    }

    /// The host, the scheme the API should use and the repository path of a Git URL.
    private static func location(of url: String) throws(SpecError) -> (scheme: String, host: String, port: Int?, path: String) {
        let invalid = SpecError(field: "spec.url", value: GitURL.redacting(url), problem: "is not a Git URL Ferry can find a forge for")
        if let separator = url.firstRange(of: "://") {
            let scheme = url[..<separator.lowerBound].lowercased()
            guard ["http", "https", "ssh"].contains(scheme) else { throw invalid }
            var rest = url[separator.upperBound...]
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<slash]
            rest = rest[slash...]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            var host = Substring(authority)
            var port: Int?
            if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
                host = authority[..<colon]
                port = Int(authority[authority.index(after: colon)...])
            }
            guard !host.isEmpty else { throw invalid }
            // The API of an SSH remote is on HTTPS's default port, never on the SSH port.
            return (scheme == "ssh" ? "https" : scheme, String(host), scheme == "ssh" ? nil : port, trimmedPath(rest))
        }
        guard let colon = url.firstIndex(of: ":") else { throw invalid }
        var host = url[..<colon]
        if let at = host.firstIndex(of: "@") { host = host[host.index(after: at)...] }
        guard !host.isEmpty, !host.contains("/") else { throw invalid }
        return ("https", String(host), nil, trimmedPath(url[url.index(after: colon)...]))
    }

    private static func trimmedPath(_ path: Substring) -> String {
        var trimmed = path.drop { $0 == "/" }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".git") { trimmed = trimmed.dropLast(4) }
        return String(trimmed)
    }

    private static func defaultAPI(
        _ forge: ForgeKind, host: String, location: (scheme: String, host: String, port: Int?, path: String)
    ) throws(SpecError) -> WebAddress {
        let origin = location.scheme + "://" + location.host + (location.port.map { ":\($0)" } ?? "")
        let text: String
        switch (forge, host) {
        case (.github, "github.com"): text = "https://api.github.com"
        case (.bitbucket, "bitbucket.org"): text = "https://api.bitbucket.org/2.0"
        case (.bitbucket, _):
            throw SpecError(
                field: PullRequestAnnotations.field(PullRequestAnnotations.apiURL), value: "",
                problem: "is required for \(host): Ferry speaks Bitbucket Cloud's API (api.bitbucket.org), not Bitbucket Data Center's")
        case (.github, _): text = origin + "/api/v3"
        case (.gitlab, _): text = origin + "/api/v4"
        case (.gitea, _): text = origin + "/api/v1"
        }
        guard let address = WebAddress(text) else { preconditionFailure("invariant: a forge API URL built from a parsed host parses") }
        return address
    }

    /// Checks an explicit API base URL: absolute http(s), no credentials, query or fragment.
    static func apiAddress(_ text: String) throws(SpecError) -> WebAddress {
        let field = PullRequestAnnotations.field(PullRequestAnnotations.apiURL)
        guard var address = WebAddress(text) else {
            throw SpecError(field: field, value: GitURL.redacting(text), problem: "is not an absolute http:// or https:// URL")
        }
        guard address.userinfo == nil else {
            throw SpecError(field: field, value: GitURL.redacting(text), problem: "must not carry credentials (put them in the Secret)")
        }
        guard address.query == nil, !text.contains("#") else {
            throw SpecError(field: field, value: text, problem: "must not have a query or a fragment")
        }
        while address.path.hasSuffix("/") { address.path.removeLast() }
        return address
    }
}
