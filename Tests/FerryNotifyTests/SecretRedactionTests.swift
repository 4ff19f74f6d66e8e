import FerryCore
import FerryNotify
import Testing

/// Secrets planted in tokens, passwords, header values and webhook paths never reach a log line, an error, a
/// diagnostic or the status — even when the server echoes the request back in its error response.
@Suite struct SecretRedactionTests {
    static let planted = ["planted-token-7f3a9c", "planted-password-51be", "planted-header-value-c0de", "planted-path-segment-e5e5",
                          "planted-proxy-secret-aa11"]

    @Test func plantedSecretsAppearNowhere() async throws {
        let server = try RecordingServer.http
        let prefix = RecordingServer.uniquePrefix("redact")
        let providers = [
            Harness.provider("slack", type: .slack, address: nil, secret: "slack"),
            Harness.provider("generic", type: .generic, address: nil, secret: "generic"),
            Harness.provider("am", type: .alertmanager, address: server + "/echo/500" + prefix + "/am", secret: "basic"),
            Harness.provider("down", type: .generic, address: nil, timeout: "1s", secret: "down"),
        ]
        let secrets = [
            Harness.secret("slack", strings: ["address": server + "/echo/500" + prefix + "/slack/" + Self.planted[3], "token": Self.planted[0]]),
            Harness.secret("generic", strings: ["address": server + "/echo/400" + prefix + "/generic",
                                                "headers": "X-Api-Key: " + Self.planted[2]]),
            Harness.secret("basic", strings: ["username": "admin", "password": Self.planted[1]]),
            Harness.secret("down", strings: ["address": try RecordingServer.down + "/" + Self.planted[3], "token": Self.planted[0]]),
        ]
        let configuration = NotificationConfiguration(alerts: providers.map { Harness.alert(provider: $0.metadata.name) }, providers: providers,
                                                      secrets: secrets)
        let logs = CapturedLogs()
        let status = try await Harness.withDispatcher(configuration, logs: logs) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 4)
        }
        #expect(status.failed == 4)
        // The server did echo the secrets back, so redaction had work to do.
        let echoed = try await RecordingServer.requests(under: "/echo/500" + prefix)
        #expect(echoed.contains { $0.header("Authorization") == "Bearer " + Self.planted[0] })
        var outputs = logs.all
        outputs += status.providers.values.compactMap(\.lastError)
        outputs += status.recentDiagnostics.map(\.description)
        outputs.append("\(status)")
        #expect(outputs.contains { $0.contains("*****") })
        let encoded = ByteEncoding.base64(("admin:" + Self.planted[1]).utf8)
        for secret in Self.planted + [encoded] {
            for output in outputs { #expect(!output.contains(secret), "\(secret) leaked in: \(output)") }
        }
    }
}
