/// How to authenticate to a Git remote: the fields of the GitRepository's `secretRef` Secret,
/// sorted out as fluxcd/pkg `git.NewAuthOptions` does.
///
/// | Secret key | transport | use |
/// | --- | --- | --- |
/// | `username`, `password` | http(s) | Basic auth (also taken from the URL's user information) |
/// | `bearerToken` | http(s) | `Authorization: Bearer …`; wins over `username`/`password` |
/// | `ca.crt` (or `caFile`) | http(s) | extra trusted CA certificates |
/// | `tls.crt`, `tls.key` | https | client certificate and key (mutual TLS) |
/// | `identity`, `known_hosts` | ssh | private key (required) and host keys (required) |
/// | `password` | ssh | the passphrase of `identity` |
public struct GitAuthentication: Hashable, Sendable {
    /// The user name: Basic auth over HTTP(S); the login over SSH (default `git`).
    public var username: String
    /// The Basic-auth password over HTTP(S), or the passphrase of ``sshIdentity`` over SSH.
    public var password: String
    /// A bearer token sent as `Authorization: Bearer <token>`.
    public var bearerToken: String
    /// The SSH private key (OpenSSH or PEM text).
    public var sshIdentity: [UInt8]
    /// `known_hosts` lines for SSH host-key checking.
    public var sshKnownHosts: [UInt8]
    /// PEM CA certificates to trust for HTTPS.
    public var caCertificate: [UInt8]
    /// PEM client certificate for HTTPS.
    public var clientCertificate: [UInt8]
    /// PEM client key for HTTPS.
    public var clientKey: [UInt8]

    /// Creates options directly.
    public init(
        username: String = "", password: String = "", bearerToken: String = "", sshIdentity: [UInt8] = [], sshKnownHosts: [UInt8] = [],
        caCertificate: [UInt8] = [], clientCertificate: [UInt8] = [], clientKey: [UInt8] = []
    ) {
        self.username = username
        self.password = password
        self.bearerToken = bearerToken
        self.sshIdentity = sshIdentity
        self.sshKnownHosts = sshKnownHosts
        self.caCertificate = caCertificate
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
    }

    /// Reads a GitRepository Secret for a URL, as Flux does, and validates the result.
    ///
    /// - Parameters:
    ///   - url: The repository URL; its user information fills in a missing username/password over HTTP(S).
    ///   - secretData: The Secret's `data`, decoded; empty when there is no `secretRef`.
    /// - Throws: ``GitConfigurationError`` with fluxcd/pkg's message for a password without a
    ///   username, or an SSH URL without `identity` or `known_hosts`.
    public init(url: GitURL, secretData: [String: [UInt8]]) throws(GitConfigurationError) {
        self.init()
        let text = { (key: String) in String(decoding: secretData[key] ?? [], as: UTF8.self) }
        if !secretData.isEmpty {
            let ca = secretData["ca.crt"].flatMap { $0.isEmpty ? nil : $0 } ?? secretData["caFile"] ?? []
            if url.isSSH {
                sshIdentity = secretData["identity"] ?? []
                sshKnownHosts = secretData["known_hosts"] ?? []
                username = url.username
                password = text("password")
                if username.isEmpty { username = "git" }
            } else if let token = secretData["bearerToken"] {
                caCertificate = ca
                bearerToken = String(decoding: token, as: UTF8.self)
            } else {
                caCertificate = ca
                username = text("username")
                password = text("password")
            }
            if !url.isSSH {
                clientCertificate = secretData["tls.crt"] ?? secretData["certFile"] ?? []
                clientKey = secretData["tls.key"] ?? secretData["keyFile"] ?? []
            }
        }
        if !url.isSSH {
            if username.isEmpty { username = url.username }
            if password.isEmpty { password = url.password ?? "" }
        }
        switch url.scheme {
        case "http", "https":
            if username.isEmpty && !password.isEmpty { throw .passwordWithoutUsername(url.scheme) }
        case "ssh":
            if url.host.isEmpty { throw .sshMissingHost }
            if sshIdentity.isEmpty { throw .sshMissingIdentity }
            if sshKnownHosts.isEmpty { throw .sshMissingKnownHosts }
        default:
            break
        }
    }

    /// Every secret value, for scrubbing texts before they are shown (empty values left out).
    public var secrets: [String] {
        var values = [password, bearerToken]
        for bytes in [sshIdentity, clientKey] where !bytes.isEmpty {
            values.append(String(decoding: bytes, as: UTF8.self))
        }
        return values.filter { !$0.isEmpty }
    }
}

/// An HTTP(S) proxy from a GitRepository's `proxySecretRef` (keys `address`, `username`, `password`).
public struct GitProxy: Hashable, Sendable {
    /// The proxy URL without credentials, e.g. `http://proxy.example:3128`.
    public var address: String
    /// The proxy user, empty for none.
    public var username: String
    /// The proxy password, empty for none.
    public var password: String

    /// Creates a proxy.
    public init(address: String, username: String = "", password: String = "") {
        self.address = address
        self.username = username
        self.password = password
    }

    /// Reads a proxy Secret as Flux's `getProxyOpts` does.
    ///
    /// - Parameters:
    ///   - secretName: `namespace/name` of the Secret, for messages.
    ///   - secretData: The Secret's `data`.
    /// - Throws: ``GitConfigurationError`` when `address` is missing or not an http(s) URL.
    public init(secretName: String, secretData: [String: [UInt8]]) throws(GitConfigurationError) {
        guard let address = secretData["address"] else { throw .proxyAddressMissing(secret: secretName) }
        let text = String(decoding: address, as: UTF8.self)
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw .invalidProxyAddress(secret: secretName, reason: "\"\(GitURL.redacting(text))\" is not an http:// or https:// URL")
        }
        self.init(
            address: text,
            username: String(decoding: secretData["username"] ?? [], as: UTF8.self),
            password: String(decoding: secretData["password"] ?? [], as: UTF8.self)
        )
    }
}
