import FerryCore
import FerryNotify
import Foundation
import Testing

/// Every provider delivered over HTTP to the recording server: method, path, headers, body and signature are
/// exactly the pure builder's, and the auth headers are the ones the provider's API takes.
@Suite struct ProviderDeliveryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var type: ProviderType
        var channel: String?
        var username: String?
        var secret: [String: String]
        /// The address after the server and prefix (nil: the API base is overridden instead).
        var addressSuffix: String?
        var severity: EventSeverity = .info
        var expectedHeaders: [String: String]
        var testDescription: String { type.rawValue }
    }

    static let cases: [Case] = [
        Case(type: .generic, secret: ["headers": "X-Team: platform"], addressSuffix: "/hook", expectedHeaders: ["X-Team": "platform", "gotk-component": "image-reflector-controller"]),
        Case(type: .genericHMAC, secret: ["token": "hmac-key-1"], addressSuffix: "/hook", expectedHeaders: ["gotk-component": "image-reflector-controller"]),
        Case(type: .slack, channel: "#general", secret: ["token": "xoxb-1"], addressSuffix: "/services/T/B/C", expectedHeaders: ["Authorization": "Bearer xoxb-1"]),
        Case(type: .discord, channel: "c", username: "flux", secret: [:], addressSuffix: "/api/webhooks/1/abc", expectedHeaders: [:]),
        Case(type: .rocket, channel: "c", username: "flux", secret: [:], addressSuffix: "/hooks/x", expectedHeaders: [:]),
        Case(type: .msteams, secret: [:], addressSuffix: "/workflows/x", expectedHeaders: [:]),
        Case(type: .googlechat, secret: [:], addressSuffix: "/v1/spaces/X/messages", expectedHeaders: [:]),
        Case(type: .webex, channel: "room", secret: ["token": "webex-bot"], addressSuffix: "/v1/messages", expectedHeaders: ["Authorization": "Bearer webex-bot"]),
        Case(type: .telegram, channel: "-100:7", secret: ["token": "123:ABC"], addressSuffix: nil, expectedHeaders: [:]),
        Case(type: .matrix, channel: "!room:example.org", secret: ["token": "mx"], addressSuffix: "", expectedHeaders: ["Authorization": "Bearer mx"]),
        Case(type: .lark, secret: [:], addressSuffix: "/open-apis/bot/v2/hook/x", expectedHeaders: [:]),
        Case(type: .pagerduty, channel: "routing", secret: [:], addressSuffix: "", severity: .error, expectedHeaders: [:]),
        Case(type: .opsgenie, secret: ["token": "genie"], addressSuffix: "/v2/alerts", expectedHeaders: ["Authorization": "GenieKey genie"]),
        Case(type: .alertmanager, secret: ["token": "am"], addressSuffix: "/api/v2/alerts", expectedHeaders: ["Authorization": "Bearer am"]),
        Case(type: .grafana, secret: ["username": "admin", "password": "pw"], addressSuffix: "/api/annotations/graphite",
             expectedHeaders: ["Authorization": "Basic YWRtaW46cHc="]),
        Case(type: .github, secret: ["token": "ghp"], addressSuffix: "/repo", severity: .error, expectedHeaders: ["Authorization": "Bearer ghp"]),
        Case(type: .gitlab, secret: ["token": "glpat"], addressSuffix: "/project", severity: .error, expectedHeaders: ["PRIVATE-TOKEN": "glpat"]),
        Case(type: .gitea, secret: ["token": "tea"], addressSuffix: "/repo", severity: .error, expectedHeaders: ["Authorization": "token tea"]),
        Case(type: .bitbucket, secret: ["token": "user:pass"], addressSuffix: "/repo", severity: .error,
             expectedHeaders: ["Authorization": "Basic dXNlcjpwYXNz"]),
        Case(type: .azuredevops, secret: ["token": "pat"], addressSuffix: "/proj/_git/repo", severity: .error,
             expectedHeaders: ["Authorization": "Basic OnBhdA=="]),
    ]

    @Test(arguments: cases) func deliversExactlyWhatTheBuilderBuilds(_ item: Case) async throws {
        let server = try RecordingServer.http
        let prefix = RecordingServer.uniquePrefix(item.type.rawValue)
        let base = try #require(WebAddress(server + prefix))
        let address = item.addressSuffix.map { server + prefix + $0 }
        // PagerDuty keeps only the address's host, so the unique prefix travels as the routing key.
        let channel = item.type == .pagerduty ? String(prefix.dropFirst()) : item.channel
        let provider = Harness.provider(type: item.type, address: address, channel: channel, username: item.username, secret: "s")
        let configuration = NotificationConfiguration(
            alerts: [Harness.alert()], providers: [provider], secrets: [Harness.secret("s", strings: item.secret)],
            apiBaseOverrides: [.telegram: base, .bitbucket: base])
        let event = Harness.event(severity: item.severity)
        let status = try await Harness.withDispatcher(configuration) { dispatcher in
            dispatcher.record(event)
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.delivered == 1, "\(status.providers)")
        // What the pure builder makes for the routed event.
        let routed = try #require(NotificationRouter(alerts: configuration.alerts, providers: configuration.providers)
            .route(EventMetadataFilter.cleaned(event)).routes.first)
        var settings = try ProviderSettings.resolve(provider) { name in configuration.secrets["flux-system/" + name] }
        settings.apiBaseOverride = base
        let expected = try ProviderPayloads.requests(for: routed.event, settings: settings, commitStatus: routed.commitStatus)
        // Commit-status and PagerDuty paths start at the API root, so match the unique prefix anywhere.
        let token = String(prefix.dropFirst())
        let recorded = try await RecordingServer.requests(under: "/").filter { $0.path.contains(token) || $0.bodyText.contains(token) }
        try #require(recorded.count == expected.count)
        for (got, want) in zip(recorded, expected) {
            #expect(got.method == want.method)
            #expect(got.path == want.url.path)
            #expect(got.query == (want.url.query ?? ""))
            #expect(got.bodyBytes == want.body, "\(got.bodyText)")
            #expect(got.header("Content-Type") == "application/json")
            for (name, value) in item.expectedHeaders { #expect(got.header(name) == value, "\(name)") }
        }
        if item.type == .genericHMAC, let got = recorded.first {
            let signature = ByteEncoding.hex(HMACSHA256.authenticationCode(for: got.bodyBytes, key: "hmac-key-1".utf8))
            #expect(got.header("X-Signature") == "sha256=" + signature)
        }
    }

    @Test func deliversOverTLSWithTheCertSecretRefCA() async throws {
        let prefix = RecordingServer.uniquePrefix("tls")
        let provider = Harness.provider(type: .generic, address: try RecordingServer.https + prefix, certs: "certs")
        let configuration = NotificationConfiguration(alerts: [Harness.alert()], providers: [provider],
                                                      secrets: [Harness.secret("certs", ["ca.crt": try RecordingServer.certificate("ca.crt")])])
        let status = try await Harness.withDispatcher(configuration) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.delivered == 1, "\(status.providers)")
        let recorded = try await RecordingServer.requests(under: prefix)
        #expect(recorded.first?.listener == "https")
    }

    @Test func mutualTLSSendsTheClientCertificate() async throws {
        let prefix = RecordingServer.uniquePrefix("mtls")
        let withCert = Harness.provider("with", type: .generic, address: try RecordingServer.mtls + prefix + "/with", certs: "client")
        let withoutCert = Harness.provider("without", type: .generic, address: try RecordingServer.mtls + prefix + "/without", certs: "ca")
        let configuration = NotificationConfiguration(
            alerts: [Harness.alert(provider: "with"), Harness.alert(provider: "without")], providers: [withCert, withoutCert],
            secrets: [
                Harness.secret("client", ["ca.crt": try RecordingServer.certificate("ca.crt"), "tls.crt": try RecordingServer.certificate("client.crt"),
                                          "tls.key": try RecordingServer.certificate("client.key")]),
                Harness.secret("ca", ["ca.crt": try RecordingServer.certificate("ca.crt")]),
            ])
        let status = try await Harness.withDispatcher(configuration) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 2)
        }
        #expect(status.providers["flux-system/with"]?.delivered == 1)
        #expect(status.providers["flux-system/without"]?.failed == 1)
        let recorded = try await RecordingServer.requests(under: prefix)
        #expect(recorded.map(\.path) == [prefix + "/with"])
    }

    @Test func proxySecretRefSendsThroughTheProxyWithItsCredentials() async throws {
        let prefix = RecordingServer.uniquePrefix("proxy")
        let provider = Harness.provider(type: .generic, address: "http://flux-target.invalid" + prefix + "/hook", proxy: "proxy")
        let configuration = NotificationConfiguration(
            alerts: [Harness.alert()], providers: [provider],
            secrets: [Harness.secret("proxy", strings: ["address": try RecordingServer.proxy, "username": "proxy-user", "password": "proxy-pass"])])
        let status = try await Harness.withDispatcher(configuration) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.delivered == 1, "\(status.providers)")
        let recorded = try await RecordingServer.requests(under: prefix)
        try #require(recorded.count == 1)
        #expect(recorded[0].viaProxy)
        #expect(recorded[0].listener == "proxy")
        // The credentials go with the CONNECT (AsyncHTTPClient tunnels every request) or on the request itself.
        let credentials = recorded[0].tunnel?.proxyAuthorization ?? recorded[0].header("Proxy-Authorization")
        #expect(credentials == "Basic " + ByteEncoding.base64("proxy-user:proxy-pass".utf8))
        #expect(recorded[0].tunnel.map { $0.target == "flux-target.invalid:80" } ?? true)
    }
}
