public import FerryCore

/// The ``RegistryAccessResolver`` port: reads an ImageRepository's Secrets as Flux's
/// image-reflector-controller does (IR-04 to IR-07, IR-22).
///
/// - `secretRef`: a `kubernetes.io/dockerconfigjson` Secret (`.dockerconfigjson`) or the legacy
///   `.dockercfg`, matched to the registry host with the Kubernetes keyring rules; ignored for a
///   cloud `provider`, which gets its own credentials.
/// - `certSecretRef`: `ca.crt` and/or `tls.crt` with `tls.key` (the deprecated `caFile`,
///   `certFile`, `keyFile` still work).
/// - `proxySecretRef`: `address` (required), `username`, `password`.
///
/// Unlike Flux, a `certSecretRef` naming the same Secret as `secretRef` is read normally.
public struct SecretRegistryAccessResolver: RegistryAccessResolver {
    /// Creates the resolver.
    public init() {}

    public func access(for repository: ImageRepository, secret: @escaping @Sendable (String) async throws -> Secret?) async throws -> RegistryAccess {
        let spec = repository.spec
        let provider = RegistryProvider(rawValue: spec.effectiveProvider) ?? .generic
        var access = RegistryAccess(provider: provider, limits: RegistryLimits(timeout: spec.effectiveTimeout.duration))
        if provider == .generic, let name = spec.secretRef?.name {
            let values = try await Self.values(name, secret)
            let source = "secret \(repository.metadata.namespace)/\(name)"
            if let json = values[".dockerconfigjson"] {
                access.credentials = .dockerConfig(try DockerConfig(configJSON: json, source: source, rules: .kubernetes))
            } else if let legacy = values[".dockercfg"] {
                access.credentials = .dockerConfig(try DockerConfig(legacyDockercfg: legacy, source: source))
            } else {
                throw AccessError(description: "secret '\(name)' has neither a '.dockerconfigjson' nor a '.dockercfg' key")
            }
        }
        if let name = spec.certSecretRef?.name {
            let values = try await Self.values(name, secret)
            let text = { (key: String, legacy: String) -> String? in (values[key] ?? values[legacy]).map { String(decoding: $0, as: UTF8.self) } }
            access.tls = RegistryTLS(
                caCertificatesPEM: text("ca.crt", "caFile"), clientCertificatePEM: text("tls.crt", "certFile"), clientKeyPEM: text("tls.key", "keyFile"))
            if (access.tls.clientCertificatePEM == nil) != (access.tls.clientKeyPEM == nil) {
                throw AccessError(description: "secret '\(name)' must hold both 'tls.crt' and 'tls.key', or neither")
            }
            if access.tls.caCertificatesPEM == nil && access.tls.clientCertificatePEM == nil {
                throw AccessError(description: "secret '\(name)' holds none of 'ca.crt', 'tls.crt' and 'tls.key'")
            }
        }
        if let name = spec.proxySecretRef?.name {
            let values = try await Self.values(name, secret)
            guard let address = values["address"].map({ String(decoding: $0, as: UTF8.self) }), !address.isEmpty else {
                throw AccessError(description: "invalid proxy secret '\(name)': key 'address' is missing")
            }
            access.proxy = RegistryProxy(
                address: address, username: values["username"].map { String(decoding: $0, as: UTF8.self) },
                password: values["password"].map { String(decoding: $0, as: UTF8.self) })
        }
        return access
    }

    private static func values(_ name: String, _ secret: @Sendable (String) async throws -> Secret?) async throws -> [String: [UInt8]] {
        guard let found = try await secret(name) else { throw AccessError(description: "Secret \"\(name)\" not found") }
        return try found.values()
    }

    /// What stopped the options from being built; never a credential.
    public struct AccessError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The reason.
        public let description: String
    }
}
