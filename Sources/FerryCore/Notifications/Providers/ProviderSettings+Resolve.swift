extension ProviderSettings {
    /// Resolves a Provider's settings as Flux's `createNotifier` does: `spec.channel` and `spec.username`;
    /// `spec.proxy` (deprecated), then the Secret's `proxy`, then `proxySecretRef` (each later one wins);
    /// the Secret's `address` over `spec.address`, its `token`, `username`/`password` (as a pair) and `headers`;
    /// TLS from `certSecretRef`, or from `ca.crt` in `secretRef` for commit-status types.
    ///
    /// - Parameters:
    ///   - provider: The Provider.
    ///   - secret: Looks up a Secret by name in the provider's namespace.
    /// - Throws: ``ProviderConfigurationError`` for a missing Secret or key, an unreadable `headers` map, a bad
    ///   proxy or an over-long address.
    public static func resolve(_ provider: Provider, secret: (String) -> SecretData?) throws(ProviderConfigurationError) -> ProviderSettings {
        let name = provider.objectName
        func fail(_ field: String, _ reason: String) -> ProviderConfigurationError {
            ProviderConfigurationError(provider: name, field: field, reason: reason)
        }
        func lookup(_ field: String, _ reference: NamedReference) throws(ProviderConfigurationError) -> SecretData {
            guard let found = secret(reference.name) else {
                throw fail(field, "Secret '\(provider.metadata.namespace.isEmpty ? "" : provider.metadata.namespace + "/")\(reference.name)' not found")
            }
            return found
        }
        let spec = provider.spec
        var settings = ProviderSettings(
            type: spec.type, providerName: name, providerUID: provider.metadata.uid.isEmpty ? stableUID(provider) : provider.metadata.uid,
            address: spec.address ?? "", channel: spec.channel ?? "", username: spec.username ?? "", timeout: provider.timeout)
        var proxyText = spec.proxy
        var providerSecret: SecretData?
        if let reference = spec.secretRef {
            let data = try lookup("spec.secretRef", reference)
            providerSecret = data
            if let address = data.values["address"], address.count > 2048 {
                throw fail("spec.secretRef", "the address in the Secret exceeds the maximum length of 2048 bytes")
            }
            if let proxy = data.text("proxy") { proxyText = proxy }
            if let headers = data.rawText("headers") {
                do {
                    settings.headers = try HeaderMap.parse(headers)
                } catch {
                    throw fail("spec.secretRef", "failed to read headers from the Secret: \(error)")
                }
            }
            if let token = data.text("token") { settings.token = token }
            if let username = data.text("username"), let password = data.text("password") {
                settings.username = username
                settings.password = password
            }
            if let address = data.text("address") { settings.address = address }
        }
        if let text = proxyText, !text.isEmpty {
            guard let address = WebAddress(text) else { throw fail(spec.proxy == proxyText ? "spec.proxy" : "spec.secretRef", "the proxy is not a valid URL") }
            settings.proxy = Proxy(address: address)
        }
        if let reference = spec.proxySecretRef {
            let data = try lookup("spec.proxySecretRef", reference)
            guard let text = data.text("address") else { throw fail("spec.proxySecretRef", "the Secret has no 'address' key") }
            guard let address = WebAddress(text) else { throw fail("spec.proxySecretRef", "the proxy address in the Secret is not a valid URL") }
            settings.proxy = Proxy(address: address, username: data.text("username"), password: data.text("password"))
        }
        if let reference = spec.certSecretRef {
            let data = try lookup("spec.certSecretRef", reference)
            settings.tls = try tlsMaterial(data, field: "spec.certSecretRef", fail)
        } else if spec.type.isCommitStatus, let data = providerSecret, data.values["ca.crt"] != nil {
            settings.tls = try tlsMaterial(data, field: "spec.secretRef", fail)
        }
        return settings
    }

    private static func tlsMaterial(
        _ data: SecretData, field: String, _ fail: (String, String) -> ProviderConfigurationError
    ) throws(ProviderConfigurationError) -> TLSMaterial {
        let material = TLSMaterial(certificateAuthority: data.values["ca.crt"], certificate: data.values["tls.crt"], privateKey: data.values["tls.key"])
        if (material.certificate == nil) != (material.privateKey == nil) {
            throw fail(field, "the Secret must hold both tls.crt and tls.key, or neither")
        }
        if material.certificateAuthority == nil, material.certificate == nil {
            throw fail(field, "the Secret has none of ca.crt, tls.crt and tls.key")
        }
        return material
    }

    /// A stand-in for `metadata.uid` when a manifest has none (standalone mode): the first 8 hex digits of the
    /// SHA-256 of `namespace/name`, shaped like a UID's first segment so commit-status ids stay stable.
    public static func stableUID(_ provider: Provider) -> String {
        String(ByteEncoding.hex(SHA256.hash(provider.metadata.qualifiedName.utf8)).prefix(8))
    }
}
