/// A Flux `Provider` (`notification.toolkit.fluxcd.io/v1beta3`, spec N-20…N-22): where notifications go.
public struct Provider: Sendable, Hashable, Codable {
    /// The API version this type implements.
    public static let apiVersion = "notification.toolkit.fluxcd.io/v1beta3"
    /// The kind.
    public static let kind = "Provider"
    /// The default `spec.timeout`.
    public static let defaultTimeout = FluxDuration.seconds(15)

    /// `apiVersion` as written.
    public var apiVersion: String
    /// `kind` as written.
    public var kind: String
    /// `metadata`.
    public var metadata: ObjectMetadata
    /// `spec`.
    public var spec: ProviderSpec

    /// Creates a Provider.
    public init(metadata: ObjectMetadata, spec: ProviderSpec) {
        apiVersion = Provider.apiVersion
        kind = Provider.kind
        self.metadata = metadata
        self.spec = spec
    }

    /// `Provider/namespace/name`, for messages.
    public var objectName: String { "Provider/\(metadata.qualifiedName)" }

    /// `spec.timeout` parsed, or the 15s default.
    public var timeout: FluxDuration {
        guard let text = spec.timeout, let value = FluxDuration(parsing: text) else { return Provider.defaultTimeout }
        return value
    }

    /// Checks the spec against the CRD's rules (enum, lengths, patterns, CEL rules).
    /// - Throws: ``NotificationValidationError`` naming the first bad field and its value.
    public func validate() throws(NotificationValidationError) {
        func fail(_ field: String, _ value: String, _ reason: String) -> NotificationValidationError {
            NotificationValidationError(object: objectName, field: field, value: value, reason: reason)
        }
        if !ProviderType.allowed.contains(spec.type) {
            throw fail("spec.type", spec.type.rawValue, "must be one of " + ProviderType.allowed.map(\.rawValue).joined(separator: ", "))
        }
        for (field, value) in [("spec.address", spec.address), ("spec.channel", spec.channel), ("spec.username", spec.username)] {
            if let value, value.utf8.count > 2048 { throw fail(field, String(value.prefix(40)) + "…", "must be at most 2048 characters") }
        }
        if let timeout = spec.timeout, !FluxDuration.matchesTimeoutPattern(timeout) {
            throw fail("spec.timeout", timeout, "must be a duration such as 30s, 1m or 1m30s (pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m))+$)")
        }
        if let proxy = spec.proxy {
            if !(proxy.hasPrefix("http://") || proxy.hasPrefix("https://")) {
                throw fail("spec.proxy", proxy, "must start with http:// or https://")
            }
            if proxy.utf8.count > 2048 { throw fail("spec.proxy", String(proxy.prefix(40)) + "…", "must be at most 2048 characters") }
        }
        if let expression = spec.commitStatusExpr, !expression.isEmpty, !spec.type.isCommitStatus {
            throw fail("spec.commitStatusExpr", expression, "is only supported for the github, gitlab, gitea, bitbucketserver, bitbucket and azuredevops types")
        }
        if let account = spec.serviceAccountName, !account.isEmpty, ![.azureeventhub, .azuredevops, .googlepubsub].contains(spec.type) {
            throw fail("spec.serviceAccountName", account, "is only supported for the azureeventhub, azuredevops and googlepubsub types")
        }
    }
}

/// The `spec` of a ``Provider``.
public struct ProviderSpec: Sendable, Hashable, Codable {
    /// `type`.
    public var type: ProviderType
    /// `interval` (deprecated, unused).
    public var interval: String?
    /// `channel`: chat channel, PagerDuty routing key, Telegram chat id, Webex/Matrix room.
    public var channel: String?
    /// `username`: bot name.
    public var username: String?
    /// `address`: webhook or API URL, or the Git repository for commit statuses; the Secret's `address` overrides it.
    public var address: String?
    /// `timeout` (default 15s).
    public var timeout: String?
    /// `proxy` (deprecated): use ``proxySecretRef``.
    public var proxy: String?
    /// `proxySecretRef`: Secret with `address` and optional `username`/`password`.
    public var proxySecretRef: NamedReference?
    /// `secretRef`: Secret with `address`, `token`, `username`/`password`, `headers`, `proxy`, `ca.crt`.
    public var secretRef: NamedReference?
    /// `certSecretRef`: Secret with `ca.crt` and optionally `tls.crt`/`tls.key`.
    public var certSecretRef: NamedReference?
    /// `serviceAccountName`: workload identity (not used by Ferry's HTTP providers).
    public var serviceAccountName: String?
    /// `commitStatusExpr`: a CEL expression computing the commit status id (commit-status types only).
    public var commitStatusExpr: String?
    /// `suspend`: a suspended Provider drops every notification.
    public var suspend: Bool

    /// Creates a spec.
    public init(
        type: ProviderType, channel: String? = nil, username: String? = nil, address: String? = nil, timeout: String? = nil,
        proxy: String? = nil, proxySecretRef: NamedReference? = nil, secretRef: NamedReference? = nil, certSecretRef: NamedReference? = nil,
        serviceAccountName: String? = nil, commitStatusExpr: String? = nil, suspend: Bool = false, interval: String? = nil
    ) {
        self.type = type
        self.interval = interval
        self.channel = channel
        self.username = username
        self.address = address
        self.timeout = timeout
        self.proxy = proxy
        self.proxySecretRef = proxySecretRef
        self.secretRef = secretRef
        self.certSecretRef = certSecretRef
        self.serviceAccountName = serviceAccountName
        self.commitStatusExpr = commitStatusExpr
        self.suspend = suspend
    }

    private enum CodingKeys: String, CodingKey {
        case type, interval, channel, username, address, timeout, proxy, proxySecretRef, secretRef, certSecretRef, serviceAccountName
        case commitStatusExpr, suspend
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(ProviderType.self, forKey: .type)
        interval = try container.decodeIfPresent(String.self, forKey: .interval)
        channel = try container.decodeIfPresent(String.self, forKey: .channel)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        address = try container.decodeIfPresent(String.self, forKey: .address)
        timeout = try container.decodeIfPresent(String.self, forKey: .timeout)
        proxy = try container.decodeIfPresent(String.self, forKey: .proxy)
        proxySecretRef = try container.decodeIfPresent(NamedReference.self, forKey: .proxySecretRef)
        secretRef = try container.decodeIfPresent(NamedReference.self, forKey: .secretRef)
        certSecretRef = try container.decodeIfPresent(NamedReference.self, forKey: .certSecretRef)
        serviceAccountName = try container.decodeIfPresent(String.self, forKey: .serviceAccountName)
        commitStatusExpr = try container.decodeIfPresent(String.self, forKey: .commitStatusExpr)
        suspend = try container.decodeIfPresent(Bool.self, forKey: .suspend) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        for (key, value) in [(CodingKeys.interval, interval), (.channel, channel), (.username, username), (.address, address),
                             (.timeout, timeout), (.proxy, proxy), (.serviceAccountName, serviceAccountName),
                             (.commitStatusExpr, commitStatusExpr)] {
            if let value, !value.isEmpty { try container.encode(value, forKey: key) }
        }
        try container.encodeIfPresent(proxySecretRef, forKey: .proxySecretRef)
        try container.encodeIfPresent(secretRef, forKey: .secretRef)
        try container.encodeIfPresent(certSecretRef, forKey: .certSecretRef)
        if suspend { try container.encode(suspend, forKey: .suspend) }
    }
}
