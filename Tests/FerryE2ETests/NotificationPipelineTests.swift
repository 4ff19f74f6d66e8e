import Foundation
import Testing

/// The events of a `ferry run` pass reach an Alert's Provider: a real HTTP endpoint on loopback
/// (scripts/services/notify-server.py) records what Ferry sent.
@Suite("Notifications from the pipeline")
struct NotificationPipelineTests {
    @Test("The automation's push and the policy's new tag reach a generic Provider in Flux's event shape")
    func pushEventDelivered() async throws {
        let endpoint = try E2EWorld.variable("FERRY_TEST_NOTIFY_HTTP")
        let prefix = "/ok/pipeline-\(UUID().uuidString.prefix(8).lowercased())"
        let alerting = """
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata: {name: webhook, namespace: flux-system}
            spec: {type: generic, address: "\(endpoint)\(prefix)", timeout: 1m}
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata: {name: images, namespace: flux-system}
            spec:
              providerRef: {name: webhook}
              eventSeverity: info
              eventSources:
                - {kind: ImagePolicy, name: "*"}
                - {kind: ImageUpdateAutomation, name: "*", matchLabels: {team: platform}}
                - {kind: ImageRepository, name: "*", matchLabels: {team: nobody}}
              exclusionList: ["^no change"]

            """
        let scenario = try await FaultTests.Scenario(name: "notify", extraManifests: alerting)
        defer { scenario.world.remove() }
        try await scenario.push("1.0.0", "1.4.0")
        let run = try await scenario.once()
        #expect(run.status == 0, "\(run.stderr)")

        let recorded = try await scenario.world.run("curl", ["-sf", "\(endpoint)/__requests?prefix=\(prefix)"])
        let requests = try #require(try JSONSerialization.jsonObject(with: Data(recorded.utf8)) as? [[String: Any]])
        let events = requests.compactMap { request -> [String: Any]? in
            guard let encoded = request["body"] as? String, let body = Data(base64Encoded: encoded) else { return nil }
            return try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        }
        let kinds = events.compactMap { ($0["involvedObject"] as? [String: Any])?["kind"] as? String }
        #expect(kinds.contains("ImagePolicy"), "\(events)")
        #expect(kinds.contains("ImageUpdateAutomation"), "\(events)")
        #expect(!kinds.contains("ImageRepository"), "the Alert does not select ImageRepositories")
        let push = try #require(events.first { ($0["involvedObject"] as? [String: Any])?["kind"] as? String == "ImageUpdateAutomation" })
        #expect(push["severity"] as? String == "info")
        #expect(push["reason"] as? String == "Succeeded")
        #expect((push["message"] as? String)?.hasPrefix("pushed commit '") == true)
        #expect(push["reportingController"] as? String == "image-automation-controller")
        #expect((push["involvedObject"] as? [String: Any])?["name"] as? String == "fleet")
        #expect((push["involvedObject"] as? [String: Any])?["namespace"] as? String == "flux-system")
    }
}
