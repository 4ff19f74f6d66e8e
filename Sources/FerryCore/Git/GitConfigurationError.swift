/// A GitRepository or ImageUpdateAutomation `git` spec that cannot be used: detected before any
/// Git operation runs.
///
/// Where Flux reports the same problem, ``description`` is Flux's text word for word (it ends
/// up in the automation's `Ready` condition, which users compare with Flux's), e.g.
/// `push spec not provided, and cannot be inferred from .spec.git.checkout.ref or GitRepository .spec.ref`.
public struct GitConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case pushBranchNotInferable
        case invalidURL
        case unsupportedTransport
        case passwordWithoutUsername
        case sshMissingHost
        case sshMissingIdentity
        case sshMissingKnownHosts
        case signingKeyMissing
        case signingPassphraseMissing
        case signingMultipleEntities
        case signingInvalidType
        case proxyAddressMissing
        case invalidProxyAddress
        case emptyAuthorEmail
        case emptyAuthorName
        case invalidSemVer
        case invalidBranchName
    }

    private let code: Code
    /// The full sentence.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// No push branch is configured and the checkout reference has no branch (UA-31).
    static var pushBranchNotInferable: Self {
        Self(.pushBranchNotInferable, "push spec not provided, and cannot be inferred from .spec.git.checkout.ref or GitRepository .spec.ref")
    }

    /// `spec.url` does not parse as a URL.
    static func invalidURL(_ reason: String) -> Self {
        Self(.invalidURL, "invalid GitRepository .spec.url: \(reason)")
    }

    /// `spec.url` has a scheme Git cannot be reached over.
    static func unsupportedTransport(_ scheme: String) -> Self {
        Self(.unsupportedTransport, "failed to configure authentication options: unknown transport '\(scheme)'")
    }

    /// A `password` without a `username` over HTTP(S) (fluxcd/pkg `AuthOptions.Validate`).
    static func passwordWithoutUsername(_ transport: String) -> Self {
        Self(
            .passwordWithoutUsername,
            "failed to configure authentication options: invalid '\(transport)' auth option: 'password' requires 'username' to be set"
        )
    }

    /// An SSH URL with no host.
    static var sshMissingHost: Self {
        Self(.sshMissingHost, "failed to configure authentication options: invalid 'ssh' auth option: 'host' is required")
    }

    /// An SSH URL without an `identity` in the Secret.
    static var sshMissingIdentity: Self {
        Self(.sshMissingIdentity, "failed to configure authentication options: invalid 'ssh' auth option: 'identity' is required")
    }

    /// An SSH URL without `known_hosts` in the Secret.
    static var sshMissingKnownHosts: Self {
        Self(.sshMissingKnownHosts, "failed to configure authentication options: invalid 'ssh' auth option: 'known_hosts' is required")
    }

    /// The signing Secret lacks the key field of its type (UA-05).
    static func signingKeyMissing(secret: String, field: String) -> Self {
        let article = field == "identity" ? "an" : "a"
        return Self(.signingKeyMissing, "signing key secret '\(secret)' does not contain \(article) '\(field)' key")
    }

    /// The signing key is encrypted and the Secret has no passphrase field (UA-05).
    public static func signingPassphraseMissing(secret: String, field: String) -> Self {
        Self(.signingPassphraseMissing, "can not use passphrase protected signing key without '\(field)' field present in secret \(secret)")
    }

    /// `git.asc` holds more than one key (UA-05).
    public static func signingMultipleEntities(secret: String) -> Self {
        Self(.signingMultipleEntities, "multiple entities read from secret '\(secret)', could not determine which signing key to use")
    }

    /// `signingKey.type` is neither `gpg` nor `ssh`.
    static func signingInvalidType(_ type: String) -> Self {
        Self(.signingInvalidType, "invalid .spec.git.commit.signingKey.type \"\(type)\": expected gpg or ssh")
    }

    /// The proxy Secret has no `address` (Flux's `getProxyOpts`).
    static func proxyAddressMissing(secret: String) -> Self {
        Self(.proxyAddressMissing, "invalid proxy secret '\(secret)': key 'address' is missing")
    }

    /// The proxy Secret's `address` is not an http(s) URL.
    static func invalidProxyAddress(secret: String, reason: String) -> Self {
        Self(.invalidProxyAddress, "invalid address in proxy secret '\(secret)': \(reason)")
    }

    /// `git.commit.author.email` is empty (it is required).
    static var emptyAuthorEmail: Self {
        Self(.emptyAuthorEmail, "invalid .spec.git.commit.author.email: the email is required")
    }

    /// `git.commit.author.name` is empty: the git command line refuses such commits.
    static var emptyAuthorName: Self {
        Self(.emptyAuthorName, "invalid .spec.git.commit.author.name: git refuses commits with an empty author name; set a name")
    }

    /// `ref.semver` is not a Masterminds range (fluxcd/pkg `cloneSemVer`).
    static func invalidSemVer(_ error: SemVerRangeError) -> Self {
        Self(.invalidSemVer, "semver parse error: \(error.upstreamMessage)")
    }

    /// A branch name Git would not accept as `refs/heads/<name>`.
    static func invalidBranchName(field: String, value: String) -> Self {
        Self(.invalidBranchName, "invalid \(field) \"\(value)\": not a valid Git branch name")
    }

    /// A stable label without associated values, for metrics.
    public var shortDescription: String {
        switch code {
        case .pushBranchNotInferable: return "push branch not inferable"
        case .invalidURL: return "invalid url"
        case .unsupportedTransport: return "unsupported transport"
        case .passwordWithoutUsername: return "password without username"
        case .sshMissingHost: return "ssh host missing"
        case .sshMissingIdentity: return "ssh identity missing"
        case .sshMissingKnownHosts: return "ssh known_hosts missing"
        case .signingKeyMissing: return "signing key missing"
        case .signingPassphraseMissing: return "signing passphrase missing"
        case .signingMultipleEntities: return "signing key has several entities"
        case .signingInvalidType: return "invalid signing key type"
        case .proxyAddressMissing: return "proxy address missing"
        case .invalidProxyAddress: return "invalid proxy address"
        case .emptyAuthorEmail: return "empty author email"
        case .emptyAuthorName: return "empty author name"
        case .invalidSemVer: return "invalid semver"
        case .invalidBranchName: return "invalid branch name"
        }
    }
}
