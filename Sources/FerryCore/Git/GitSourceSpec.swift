/// Where and how to reach a repository: the GitRepository fields the automation uses.
public struct GitSourceSpec: Hashable, Sendable {
    /// `spec.url`.
    public var url: GitURL
    /// The effective checkout reference (see ``GitCheckoutReference/effective(automation:repository:)``);
    /// `nil` checks out `master`.
    public var reference: GitCheckoutReference?
    /// Credentials from `spec.secretRef`.
    public var authentication: GitAuthentication
    /// `spec.proxySecretRef`, for HTTP(S) remotes.
    public var proxy: GitProxy?
    /// `spec.timeout`: the limit for each network operation (Flux: one for the clone, one for the push). Default one minute.
    public var timeout: Duration

    /// Creates a source spec.
    public init(
        url: GitURL, reference: GitCheckoutReference? = nil, authentication: GitAuthentication = GitAuthentication(),
        proxy: GitProxy? = nil, timeout: Duration = .seconds(60)
    ) {
        self.url = url
        self.reference = reference
        self.authentication = authentication
        self.proxy = proxy
        self.timeout = timeout
    }

    /// What to check out.
    public var strategy: GitCheckoutStrategy { (reference ?? GitCheckoutReference()).strategy }

    /// Every secret value in the spec, for scrubbing messages.
    public var secrets: [String] {
        var values = authentication.secrets
        if let password = url.password, !password.isEmpty {
            values.append(password)
        } else if !url.username.isEmpty && !url.isSSH {
            values.append(url.username)  // a token given as the user name (`https://<token>@host/…`)
        }
        if let proxy, !proxy.password.isEmpty { values.append(proxy.password) }
        return values
    }
}
