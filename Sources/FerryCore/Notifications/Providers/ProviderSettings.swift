/// Everything a payload builder needs about one Provider, with its Secrets resolved (N-20, N-21): the values
/// Flux's `createNotifier` gathers from the spec, `secretRef`, `proxySecretRef` and `certSecretRef`.
/// ``description`` names the provider and type only; ``secretValues`` lists every secret for redaction.
public struct ProviderSettings: Sendable, Hashable, CustomStringConvertible {
    /// TLS material from `certSecretRef` (or `ca.crt` in `secretRef` for commit-status types).
    public struct TLSMaterial: Sendable, Hashable {
        /// `ca.crt` (PEM).
        public var certificateAuthority: [UInt8]?
        /// `tls.crt` (PEM), for client authentication.
        public var certificate: [UInt8]?
        /// `tls.key` (PEM), for client authentication.
        public var privateKey: [UInt8]?

        /// Creates TLS material.
        public init(certificateAuthority: [UInt8]? = nil, certificate: [UInt8]? = nil, privateKey: [UInt8]? = nil) {
            self.certificateAuthority = certificateAuthority
            self.certificate = certificate
            self.privateKey = privateKey
        }
    }

    /// An HTTP proxy.
    public struct Proxy: Sendable, Hashable {
        /// The proxy URL.
        public var address: WebAddress
        /// Basic-auth user name, if any.
        public var username: String?
        /// Basic-auth password, if any.
        public var password: String?

        /// Creates a proxy setting.
        public init(address: WebAddress, username: String? = nil, password: String? = nil) {
            self.address = address
            self.username = username
            self.password = password
        }
    }

    /// The provider type.
    public var type: ProviderType
    /// `Provider/namespace/name`.
    public var providerName: String
    /// The provider's UID (or a stable stand-in; see ``Provider``): commit-status ids use its first segment.
    public var providerUID: String
    /// The address: the Secret's `address` if set, else `spec.address`.
    public var address: String
    /// `spec.channel`.
    public var channel: String
    /// The user name: the Secret's `username` when it has `username` and `password`, else `spec.username`.
    public var username: String
    /// The Secret's `password`.
    public var password: String
    /// The Secret's `token`.
    public var token: String
    /// The Secret's `headers` map.
    public var headers: [String: String]
    /// The proxy, if any.
    public var proxy: Proxy?
    /// TLS material, if any.
    public var tls: TLSMaterial?
    /// `spec.timeout` (default 15s).
    public var timeout: FluxDuration
    /// Base URLs for providers whose API address Flux fixes (Telegram, Bitbucket Cloud): tests point them at a
    /// local server; manifests cannot set them.
    public var apiBaseOverride: WebAddress?

    /// Creates settings.
    public init(
        type: ProviderType, providerName: String, providerUID: String = "", address: String = "", channel: String = "", username: String = "",
        password: String = "", token: String = "", headers: [String: String] = [:], proxy: Proxy? = nil, tls: TLSMaterial? = nil,
        timeout: FluxDuration = Provider.defaultTimeout, apiBaseOverride: WebAddress? = nil
    ) {
        self.type = type
        self.providerName = providerName
        self.providerUID = providerUID
        self.address = address
        self.channel = channel
        self.username = username
        self.password = password
        self.token = token
        self.headers = headers
        self.proxy = proxy
        self.tls = tls
        self.timeout = timeout
        self.apiBaseOverride = apiBaseOverride
    }

    /// Every secret value these settings carry (token, password, address and its userinfo, header values, proxy
    /// credentials), longest first, for redacting text before it is logged or stored.
    public var secretValues: [String] {
        var values = [token, password] + headers.values
        values.append(address)
        // The encoded forms sent on the wire (Basic credentials), which a server may echo back.
        if !password.isEmpty { values.append(ByteEncoding.base64((username + ":" + password).utf8)) }
        if !token.isEmpty { values += [ByteEncoding.base64((":" + token).utf8), ByteEncoding.base64(token.utf8)] }
        if let web = WebAddress(address) {
            values.append(web.path)
            if let query = web.query { values.append(query) }
            if let userinfo = web.userinfo { values.append(userinfo) }
        }
        if let proxy {
            values += [proxy.username ?? "", proxy.password ?? "", proxy.address.userinfo ?? ""]
        }
        return Array(Set(values.filter { $0.count >= 4 && $0 != "/" })).sorted { $0.count > $1.count }
    }

    /// Replaces every secret value in `text` with `*****` (Flux's `masktoken` does this for the token).
    public func redact(_ text: String) -> String {
        var text = text
        for secret in secretValues where text.contains(secret) { text = text.replacing(secret, with: "*****") }
        return text
    }

    public var description: String { "\(providerName) (\(type))" }
}

