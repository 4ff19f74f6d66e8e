import FerryCore
import Testing

@Suite struct NotificationAPITests {
    typealias R = NotificationRoutingTests

    @Test func alertValidationNamesFieldAndValue() {
        #expect(throws: NotificationValidationError(object: "Alert/flux-system/a", field: "spec.eventSeverity", value: "warning",
                                                    reason: "must be info or error")) {
            try R.alert(severity: "warning").validate()
        }
        #expect(throws: NotificationValidationError.self) { try R.alert(sources: []).validate() }
        #expect(throws: NotificationValidationError.self) { try R.alert(provider: "").validate() }
        #expect(throws: NotificationValidationError.self) { try R.alert(summary: String(repeating: "s", count: 256)).validate() }
        let error = #expect(throws: NotificationValidationError.self) {
            try R.alert(sources: [EventSourceReference(kind: "Deployment", name: "x")]).validate()
        }
        #expect(error?.description.hasPrefix("Alert/flux-system/a: spec.eventSources[0].kind \"Deployment\" is invalid: must be one of Bucket") == true)
        #expect(throws: Never.self) { try R.alert(severity: "error").validate() }
    }

    @Test func providerValidation() {
        func provider(_ spec: ProviderSpec) -> Provider { Provider(metadata: ObjectMetadata(name: "p", namespace: "ns"), spec: spec) }
        #expect(throws: Never.self) { try provider(ProviderSpec(type: .slack, timeout: "1m30s")).validate() }
        let type = #expect(throws: NotificationValidationError.self) { try provider(ProviderSpec(type: ProviderType(rawValue: "smoke-signal"))).validate() }
        #expect(type?.field == "spec.type")
        #expect(type?.value == "smoke-signal")
        let timeout = #expect(throws: NotificationValidationError.self) { try provider(ProviderSpec(type: .slack, timeout: "1h")).validate() }
        #expect(timeout?.field == "spec.timeout")
        #expect(throws: NotificationValidationError.self) { try provider(ProviderSpec(type: .slack, proxy: "socks5://x")).validate() }
        #expect(throws: NotificationValidationError.self) { try provider(ProviderSpec(type: .slack, commitStatusExpr: "'x'")).validate() }
        #expect(throws: NotificationValidationError.self) {
            try provider(ProviderSpec(type: .slack, address: String(repeating: "a", count: 2049))).validate()
        }
        #expect(provider(ProviderSpec(type: .slack)).timeout == .seconds(15))
        #expect(provider(ProviderSpec(type: .slack, timeout: "2m")).timeout == .seconds(120))
    }

    @Test func receiverValidationAndWebhookPath() {
        let receiver = Receiver(metadata: ObjectMetadata(name: "github-receiver", namespace: "flux-system"),
                                spec: ReceiverSpec(type: "github", events: ["push"], resources: [EventSourceReference(kind: "GitRepository", name: "app")],
                                                   secretRef: NamedReference(name: "token")))
        #expect(throws: Never.self) { try receiver.validate() }
        // sha256("token" + "github-receiver" + "flux-system"), python3 hashlib.
        #expect(receiver.webhookPath(token: "token") == "/hook/8ed710969b945c0dc10d6d0b5084e120ec2228353d1fe42d56be5ba88500e684")
        var bad = receiver
        bad.spec.type = "harbor"
        #expect(throws: NotificationValidationError.self) { try bad.validate() }
        bad.spec.events = []
        bad.spec.secretRef = nil
        #expect(throws: NotificationValidationError.self) { try bad.validate() }
        bad.spec.type = "generic-oidc"
        #expect(throws: Never.self) { try bad.validate() }
    }

    static func secret(_ name: String, _ values: [String: String]) -> SecretData {
        SecretData(metadata: ObjectMetadata(name: name, namespace: "flux-system"), values: values.mapValues { Array($0.utf8) })
    }

    @Test func settingsResolveSecretsAsFlux() throws {
        let secrets = [
            "auth": Self.secret("auth", ["address": " https://hooks.example.com/secret-path \n", "token": "tok-1234\n", "username": "u", "password": "p",
                                         "headers": "X-One: 1\nX-Two: \"two words\"\n# comment\n", "proxy": "http://old-proxy:3128"]),
            "proxy": Self.secret("proxy", ["address": "http://proxy.example.com:8080", "username": "pu", "password": "pp"]),
            "certs": Self.secret("certs", ["ca.crt": "CA", "tls.crt": "CRT", "tls.key": "KEY"]),
        ]
        let provider = Provider(metadata: ObjectMetadata(name: "p", namespace: "flux-system", uid: "abcd-ef"),
                                spec: ProviderSpec(type: .generic, channel: "c", username: "spec-user", address: "https://spec.example.com",
                                                   timeout: "5s", proxySecretRef: NamedReference(name: "proxy"), secretRef: NamedReference(name: "auth"),
                                                   certSecretRef: NamedReference(name: "certs")))
        let settings = try ProviderSettings.resolve(provider) { secrets[$0] }
        #expect(settings.address == "https://hooks.example.com/secret-path")
        #expect(settings.token == "tok-1234")
        #expect(settings.username == "u")
        #expect(settings.password == "p")
        #expect(settings.headers == ["X-One": "1", "X-Two": "two words"])
        #expect(settings.proxy == ProviderSettings.Proxy(address: try #require(WebAddress("http://proxy.example.com:8080")), username: "pu", password: "pp"))
        #expect(settings.tls == ProviderSettings.TLSMaterial(certificateAuthority: Array("CA".utf8), certificate: Array("CRT".utf8), privateKey: Array("KEY".utf8)))
        #expect(settings.timeout == .seconds(5))
        #expect(settings.providerUID == "abcd-ef")
        #expect(!settings.description.contains("tok-1234"))
        #expect(settings.redact("failed: tok-1234 at https://hooks.example.com/secret-path with u:p") == "failed: ***** at ***** with u:p")
    }

    @Test func settingsErrorsNameTheFieldNotTheSecret() {
        let provider = Provider(metadata: ObjectMetadata(name: "p", namespace: "flux-system"),
                                spec: ProviderSpec(type: .slack, secretRef: NamedReference(name: "missing")))
        let error = #expect(throws: ProviderConfigurationError.self) { try ProviderSettings.resolve(provider) { _ in nil } }
        #expect(error?.description == "Provider/flux-system/p: spec.secretRef: Secret 'flux-system/missing' not found.")
        let badHeaders = ["s": Self.secret("s", ["headers": "X-Key: {a: b}"])]
        var withHeaders = provider
        withHeaders.spec.secretRef = NamedReference(name: "s")
        let headerError = #expect(throws: ProviderConfigurationError.self) { try ProviderSettings.resolve(withHeaders) { badHeaders[$0] } }
        #expect(headerError?.description.contains("failed to read headers") == true)
        let halfTLS = ["c": Self.secret("c", ["tls.crt": "x"])]
        var tls = provider
        tls.spec.secretRef = nil
        tls.spec.certSecretRef = NamedReference(name: "c")
        #expect(throws: ProviderConfigurationError.self) { try ProviderSettings.resolve(tls) { halfTLS[$0] } }
    }

    @Test func commitStatusTypesTakeTheCAFromTheSecret() throws {
        let secrets = ["s": Self.secret("s", ["token": "t", "ca.crt": "CA"])]
        var provider = Provider(metadata: ObjectMetadata(name: "p", namespace: "flux-system"),
                                spec: ProviderSpec(type: .github, address: "https://ghe/o/r", secretRef: NamedReference(name: "s")))
        #expect(try ProviderSettings.resolve(provider) { secrets[$0] }.tls?.certificateAuthority == Array("CA".utf8))
        provider.spec.type = .slack
        #expect(try ProviderSettings.resolve(provider) { secrets[$0] }.tls == nil)
    }

    @Test(arguments: [
        ("X-A: 1\nX-B: two", ["X-A": "1", "X-B": "two"]), ("{X-A: 1, 'X-B': \"b, c\"}", ["X-A": "1", "X-B": "b, c"]),
        ("Authorization: Bearer abc # note", ["Authorization": "Bearer abc"]), ("", [:]),
    ])
    func headerMaps(text: String, expected: [String: String]) throws {
        #expect(try HeaderMap.parse(text) == expected)
    }
}
