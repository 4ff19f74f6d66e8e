import FerryCluster
import FerryCore
import FerryKubernetes
import FerryReconciler
@testable import FerryKubeTesting
import FerryServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Prometheus
import ServiceLifecycle
import Testing

/// Alerts, Providers and Receivers in the cluster API: events reach a real HTTP endpoint on
/// loopback (scripts/services/notify.sh) in Flux's shape, and a POST to a Receiver's webhook
/// path makes the controller reconcile.
@Suite("ClusterRuntime: notifications and Receivers from the cluster")
struct ClusterNotificationsTests {
    @Test("An Alert and a generic Provider (address in its Secret) get the policy's event in Flux's shape")
    func alertDeliversTheEvent() async throws {
        let endpoint = try ClusterScenario.environment("FERRY_TEST_NOTIFY_HTTP")
        let prefix = "/ok/cluster-\(UUID().uuidString.prefix(8).lowercased())"
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            await Self.seedAlerting(server.store, address: endpoint + prefix)

            let summary = try await ClusterRuntime.withRuntime(scenario.configuration(), logger: ClusterScenario.logger) { try await $0.runOnce() }
            #expect(summary.allReady, "\(summary.results)")

            let requests = try await Self.recorded(endpoint, prefix)
            let events = requests.compactMap { request -> JSONValue? in
                guard let encoded = request["body"]?.stringValue, let body = Data(base64Encoded: encoded) else { return nil }
                return try? JSONValue(parsing: Array(body))
            }
            let kinds = events.compactMap { $0[path: ["involvedObject", "kind"]]?.stringValue }
            #expect(kinds.contains("ImagePolicy"), "\(events)")
            #expect(!kinds.contains("ImageRepository"), "the Alert does not select ImageRepositories")
            let policy = try #require(events.first { $0[path: ["involvedObject", "kind"]] == "ImagePolicy" })
            #expect(policy[path: ["involvedObject", "name"]] == "app")
            #expect(policy[path: ["involvedObject", "namespace"]] == "flux-system")
            #expect(policy[path: ["involvedObject", "apiVersion"]] == "image.toolkit.fluxcd.io/v1")
            #expect(policy["severity"] == "info")
            #expect(policy["reason"] == "Succeeded")
            #expect(policy["message"]?.stringValue?.contains("resolved to 1.2.3") == true, "\(policy)")
            #expect(policy["reportingController"] == "image-reflector-controller")
            #expect(policy["reportingInstance"] == "ferry-controller-7d9f8-abcde")
            #expect(policy["timestamp"]?.stringValue?.hasSuffix("Z") == true)
            let request = try #require(requests.first)
            #expect(request["method"] == "POST")
            let headers = request["headers"]?.arrayElements ?? []
            #expect(headers.contains { $0.arrayElements?.first?.stringValue?.lowercased() == "gotk-component" })
            #expect(headers.contains { $0.arrayElements == ["X-Team", "images"] }, "the Secret's headers")
        }
    }

    @Test("A Receiver gets status.webhookPath; a POST to it annotates the policy and the controller reconciles it; changes apply")
    func receiverTriggersReconcile() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            let store = server.store
            await store.seed(Self.secret("webhook-token", ["token": "s3cr3t-token"]), plural: "secrets")
            await store.seed(Self.receiver("images", secret: "webhook-token"), plural: "receivers")
            await store.seed(Self.receiver("broken", secret: "missing"), plural: "receivers")
            var configuration = scenario.configuration(leaderElection: false)
            configuration.notificationResync = .seconds(3600)
            let port = PortBox()
            try await ClusterRuntime.withRuntime(configuration, logger: ClusterScenario.logger) { runtime in
                let http = FerryHTTPServer(
                    configuration: HTTPServerConfiguration(
                        address: ListenAddress(host: "127.0.0.1", port: 0), onListening: { bound in await port.set(bound) }),
                    control: runtime.controller, metrics: PrometheusReconcileMetrics(registry: PrometheusCollectorRegistry()), logger: ClusterScenario.logger)
                let group = ServiceGroup(
                    services: [
                        http, runtime.notifications.dispatcher, NotificationWatchService(notifications: runtime.notifications), ReconcileService(runtime: runtime),
                    ], logger: ClusterScenario.logger)
                let running = Task { try await group.run() }
                defer { running.cancel() }

                // Flux's status: the path from sha256(token + name + namespace), Ready.
                let path = "/hook/" + ByteEncoding.hex(SHA256.hash(Array("s3cr3t-tokenimagesflux-system".utf8)))
                #expect(try await ClusterScenario.eventually { await scenario.object("receivers", "images")?[path: ["status", "webhookPath"]]?.stringValue == path })
                let receiver = await scenario.object("receivers", "images")
                let ready = receiver.flatMap { ClusterRuntimeTests.ready($0) }
                #expect(ready?["status"] == "True")
                #expect(ready?["reason"] == "Succeeded")
                #expect(ready?["message"]?.stringValue == "Receiver initialized for path: \(path)")
                #expect(receiver?[path: ["status", "observedGeneration"]] == 1)
                let broken = await scenario.object("receivers", "broken").flatMap { ClusterRuntimeTests.ready($0) }
                #expect(broken?["status"] == "False")
                #expect(broken?["reason"] == "TokenNotFound")
                #expect(broken?["message"]?.stringValue?.contains("flux-system/missing") == true)
                #expect(try await ClusterScenario.eventually { await runtime.controller.isReady() })
                #expect(try await ClusterScenario.eventually {
                    await scenario.object("imagepolicies", "app")?[path: ["status", "latestRef", "tag"]] == "1.2.3"
                })

                // The webhook: 200, the annotation on the policy, then the reconcile that handles it.
                let bound = try #require(try await Self.waitForPort(port))
                let (status, _) = try await Self.post("http://127.0.0.1:\(bound)\(path)", body: "{}")
                #expect(status == 200)
                let requested = try #require(
                    await scenario.object("imagepolicies", "app")?[path: ["metadata", "annotations", ObjectMeta.requestedAtAnnotation]]?.stringValue)
                #expect(try await ClusterScenario.eventually {
                    await scenario.object("imagepolicies", "app")?[path: ["status", "lastHandledReconcileAt"]]?.stringValue == requested
                })
                let (unknown, _) = try await Self.post("http://127.0.0.1:\(bound)/hook/0000", body: "{}")
                #expect(unknown == 404)

                // A Receiver created while running is served too (the watch).
                await store.seed(Self.receiver("late", secret: "webhook-token"), plural: "receivers")
                let late = "/hook/" + ByteEncoding.hex(SHA256.hash(Array("s3cr3t-tokenlateflux-system".utf8)))
                #expect(try await ClusterScenario.eventually { await scenario.object("receivers", "late")?[path: ["status", "webhookPath"]]?.stringValue == late })
                #expect(try await ClusterScenario.eventually { runtime.notifications.receiverEndpoints.contains { $0.path == late } })
                let (lateStatus, _) = try await Self.post("http://127.0.0.1:\(bound)\(late)", body: "{}")
                #expect(lateStatus == 200)

                await group.triggerGracefulShutdown()
                try await running.value
            }
            let requests = await store.requests
            let statusWrites = requests.filter { $0.method == "PATCH" && $0.path.hasPrefix("/apis/notification.toolkit.fluxcd.io/v1/") }
            #expect(statusWrites.allSatisfy { $0.path.hasSuffix("/status") && $0.query["fieldManager"] == "ferry-controller" })
            #expect(statusWrites.filter { $0.path.hasSuffix("/receivers/images/status") }.count == 1, "written once, not on every refresh")
            #expect(requests.contains { $0.path == "/apis/notification.toolkit.fluxcd.io/v1beta3/alerts" && $0.query["watch"] == "true" })
        }
    }

    // MARK: Fixtures

    static func seedAlerting(_ store: FakeKubeStore, address: String) async {
        await store.seed(Self.secret("webhook-address", ["address": address, "headers": "X-Team: images\n"]), plural: "secrets")
        await store.seed(
            [
                "apiVersion": "notification.toolkit.fluxcd.io/v1beta3", "kind": "Provider", "metadata": ClusterScenario.metadata("webhook"),
                // A minute, not Flux's 15 s: a loaded CI machine can answer a loopback request slowly (a timeout is not retried).
                "spec": ["type": "generic", "secretRef": ["name": "webhook-address"], "timeout": "1m"],
            ], plural: "providers")
        await store.seed(
            [
                "apiVersion": "notification.toolkit.fluxcd.io/v1beta3", "kind": "Alert", "metadata": ClusterScenario.metadata("images"),
                "spec": ["providerRef": ["name": "webhook"], "eventSeverity": "info", "eventSources": [["kind": "ImagePolicy", "name": "*"]]],
            ], plural: "alerts")
    }

    static func secret(_ name: String, _ values: [String: String]) -> JSONValue {
        let data = values.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string(Data($0.value.utf8).base64EncodedString())) }
        return ["apiVersion": "v1", "kind": "Secret", "metadata": ClusterScenario.metadata(name), "type": "Opaque", "data": .object(data)]
    }

    static func receiver(_ name: String, secret: String) -> JSONValue {
        [
            "apiVersion": "notification.toolkit.fluxcd.io/v1", "kind": "Receiver", "metadata": ClusterScenario.metadata(name),
            "spec": [
                "type": "generic", "secretRef": ["name": .string(secret)],
                "resources": [["apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy", "name": "app"]],
            ],
        ]
    }

    static func recorded(_ endpoint: String, _ prefix: String) async throws -> [JSONValue] {
        let url = try #require(URL(string: endpoint + "/__requests?prefix=" + prefix))
        let (data, _) = try await URLSession.shared.data(from: url)
        return try JSONValue(parsing: Array(data)).arrayElements ?? []
    }

    static func post(_ address: String, body: String) async throws -> (Int, Data) {
        var request = URLRequest(url: try #require(URL(string: address)))
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    static func waitForPort(_ port: PortBox) async throws -> Int? {
        _ = try await ClusterScenario.eventually { await port.value != nil }
        return await port.value
    }
}

/// The port the HTTP server bound.
actor PortBox {
    var value: Int?

    func set(_ port: Int) { value = port }
}
