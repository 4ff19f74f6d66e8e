import FerryCluster
import FerryCore
import FerryKubernetes
import FerryReconciler
@testable import FerryKubeTesting
import Foundation
import ServiceLifecycle
import Testing

/// The seed scenario with its objects in the (fake, recorded-wire-format) cluster API: a real
/// registry, a real Git repository, and the controller as `ferry controller` composes it.
@Suite("ClusterRuntime: the controller against the API server")
struct ClusterRuntimeTests {
    @Test("runOnce: scans, selects, pushes the commit and writes status, Events, finalizers and the Lease as Flux does")
    func seedScenario() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            let seed = try await scenario.git.revision()

            let summary = try await ClusterRuntime.withRuntime(scenario.configuration(), logger: ClusterScenario.logger) { try await $0.runOnce() }

            #expect(summary.allReady, "\(summary.results)")
            #expect(summary.results.map(\.id.kind) == ["ImageRepository", "ImagePolicy", "ImageUpdateAutomation"])
            // The commit, byte for byte.
            let head = try await scenario.git.revision()
            #expect(head != seed)
            #expect(try await scenario.git.show("main", "clusters/app.yaml") == scenario.manifest.replacingOccurrences(of: ":1.0.0 #", with: ":1.2.3 #"))
            #expect(try await scenario.git.show("main", "README.md") == "untouched\n")
            #expect(try await scenario.git.log().hasPrefix("fluxcdbot <fluxcdbot@users.noreply.github.com>\nUpdate \(scenario.image):1.0.0 to \(scenario.image):1.2.3--\n"))

            // Status subresources.
            let repository = try #require(await scenario.object("imagerepositories", "app"))
            #expect(repository[path: ["status", "lastScanResult", "tagCount"]] == 3)
            #expect(repository[path: ["status", "lastScanResult", "scanTime"]]?.stringValue?.hasSuffix("Z") == true)
            #expect(repository[path: ["status", "canonicalImageName"]]?.stringValue == scenario.image)
            #expect(repository[path: ["status", "observedGeneration"]] == 1)
            #expect(Self.ready(repository)?["reason"] == "Succeeded")
            let policy = try #require(await scenario.object("imagepolicies", "app"))
            #expect(policy[path: ["status", "latestRef"]] == ["name": .string(scenario.image), "tag": "1.2.3"])
            #expect(policy[path: ["status", "observedGeneration"]] == 1)
            #expect(Self.ready(policy)?["status"] == "True")
            #expect(Self.ready(policy)?["message"]?.stringValue == "Latest image tag for \(scenario.image) resolved to 1.2.3")
            #expect(Self.ready(policy)?["observedGeneration"] == 1)
            let automation = try #require(await scenario.object("imageupdateautomations", "flux-system"))
            #expect(automation[path: ["status", "lastPushCommit"]]?.stringValue == head)
            #expect(automation[path: ["status", "lastPushTime"]] != nil)
            #expect(automation[path: ["status", "observedPolicies", "app", "tag"]] == "1.2.3")
            #expect(Self.ready(automation)?["message"] == "repository up-to-date")
            let requests = await server.store.requests
            let statusWrites = requests.filter { $0.method == "PATCH" && $0.path.hasSuffix("/status") }
            #expect(!statusWrites.isEmpty)
            #expect(statusWrites.allSatisfy { $0.header("Content-Type") == "application/merge-patch+json" && $0.query["fieldManager"] == "ferry-controller" })
            #expect(!requests.contains { $0.method == "PUT" && $0.path.contains("image.toolkit.fluxcd.io") }, "status is patched, never replaced")

            // Finalizers.
            for object in [repository, policy, automation] {
                #expect(object[path: ["metadata", "finalizers"]] == ["finalizers.fluxcd.io"], "\(object["kind"]?.stringValue ?? "")")
            }

            // Events (events.k8s.io/v1).
            let events = await scenario.events()
            let policyEvent = try #require(events.first { $0[path: ["regarding", "kind"]] == "ImagePolicy" })
            #expect(policyEvent["reportingController"] == "image-reflector-controller")
            #expect(policyEvent["reportingInstance"] == "ferry-controller-7d9f8-abcde")
            #expect(policyEvent[path: ["regarding", "name"]] == "app")
            #expect(policyEvent["type"] == "Normal")
            let push = try #require(events.first { $0[path: ["regarding", "kind"]] == "ImageUpdateAutomation" })
            #expect(push["reportingController"] == "image-automation-controller")
            #expect(push["note"]?.stringValue?.hasPrefix("pushed commit '\(head.prefix(7))' to branch 'main'") == true)

            // The Lease: taken for the run, released afterwards.
            let lease = try #require(await scenario.object("leases", "ferry-controller-leader-election"))
            #expect(lease[path: ["spec", "holderIdentity"]] == nil || lease[path: ["spec", "holderIdentity"]] == .null)
            #expect(lease[path: ["spec", "leaseDurationSeconds"]] == 1)
            #expect(requests.contains { $0.method == "POST" && $0.path == "/apis/coordination.k8s.io/v1/namespaces/flux-system/leases" })
        }
    }

    @Test("The ferry.dev/quarantined-tags annotation keeps the controller's policy off the quarantined tag, and nothing is pushed")
    func quarantineAnnotation() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            var policy = scenario.policy("app")
            let metadata = ClusterScenario.metadata("app").setting(
                "annotations", to: .object([("ferry.dev/quarantined-tags", .string(#"[{"tag":"1.2.3","reason":"rolled back by ferry rollback"}]"#))]))
            policy = policy.setting("metadata", to: metadata)
            await server.store.seed(policy, plural: "imagepolicies")
            let seed = try await scenario.git.revision()

            let summary = try await ClusterRuntime.withRuntime(scenario.configuration(), logger: ClusterScenario.logger) { try await $0.runOnce() }
            #expect(summary.allReady, "\(summary.results)")
            let written = try #require(await scenario.object("imagepolicies", "app"))
            #expect(written[path: ["status", "latestRef", "tag"]] == "1.0.0")
            #expect(Self.ready(written)?["message"]?.stringValue?.hasSuffix("resolved to 1.0.0 (1.2.3 held back: quarantined: rolled back by ferry rollback)") == true, "\(String(describing: Self.ready(written)))")
            #expect(try await scenario.git.revision() == seed, "the quarantined tag is never written")
        }
    }

    @Test("Under a ServiceGroup: the leader reconciles from watches, holds the Lease, and a graceful shutdown releases it")
    func leaderReconcilesAndShutsDownGracefully() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            let configuration = scenario.configuration()
            let identity = try #require(configuration.leaderElection?.identity)
            try await ClusterRuntime.withRuntime(configuration, logger: ClusterScenario.logger) { runtime in
                try await runtime.checkConnection()
                let group = ServiceGroup(services: [ReconcileService(runtime: runtime)], logger: ClusterScenario.logger)
                let running = Task { try await group.run() }
                let pushed = try await ClusterScenario.eventually {
                    await scenario.object("imageupdateautomations", "flux-system")?[path: ["status", "lastPushCommit"]] != nil
                }
                #expect(pushed)
                let held = await scenario.object("leases", "ferry-controller-leader-election")
                #expect(held?[path: ["spec", "holderIdentity"]]?.stringValue == identity)
                #expect(await runtime.controller.isReady())
                #expect(await server.store.openWatchCount == 3)

                await group.triggerGracefulShutdown()
                try await running.value
                let released = await scenario.object("leases", "ferry-controller-leader-election")
                #expect(released?[path: ["spec", "holderIdentity"]]?.stringValue == nil)
            }
            #expect(try await scenario.git.show("main", "clusters/app.yaml").contains(":1.2.3 #"))
        }
    }

    @Test("A 409 Conflict on a status write is retried and the reconcile succeeds")
    func conflictOnStatusIsRetried() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            let resource = try #require(FakeKubeStore.resources.first { $0.plural == "imagepolicies" })
            await server.store.inject(FakeKubeStore.conflict(resource, "app"), method: "PATCH", pathSuffix: "/imagepolicies/app/status")

            let summary = try await ClusterRuntime.withRuntime(scenario.configuration(), logger: ClusterScenario.logger) { try await $0.runOnce() }

            #expect(summary.allReady, "\(summary.results)")
            #expect(await server.store.faults.isEmpty, "the 409 was served")
            let writes = await server.store.requests.filter { $0.method == "PATCH" && $0.path.hasSuffix("/imagepolicies/app/status") }
            #expect(writes.count >= 2)
            #expect(writes.count >= 2 && writes[0].body == writes[1].body, "the same patch is sent again")
            #expect(await scenario.object("imagepolicies", "app")?[path: ["status", "latestRef", "tag"]] == "1.2.3")
        }
    }

    @Test("A watch that expires (410 Gone) is followed by a relist, and what changed meanwhile is reconciled")
    func expiredWatchRelists() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            try await ClusterRuntime.withRuntime(scenario.configuration(leaderElection: false), logger: ClusterScenario.logger) { runtime in
                let running = Task { try await runtime.reconcile() }
                #expect(try await ClusterScenario.eventually { await scenario.object("imagepolicies", "app")?[path: ["status", "latestRef"]] != nil })

                let store = server.store
                await store.setDeliverToWatchers(false)
                await store.seed(scenario.policy("app-rc", range: ">=2.0.0-0"), plural: "imagepolicies")
                await store.compact(before: Int(await store.currentVersion) ?? 0)
                let before = await store.requests.count
                await store.breakAllWatches()
                await store.setDeliverToWatchers(true)

                let reconciled = try await ClusterScenario.eventually {
                    await scenario.object("imagepolicies", "app-rc")?[path: ["status", "latestRef", "tag"]] == "2.0.0-rc.1"
                }
                #expect(reconciled)
                let after = await store.requests.dropFirst(before)
                #expect(after.contains { $0.method == "GET" && $0.path.hasSuffix("/imagepolicies") && $0.query["watch"] == nil }, "a relist")
                running.cancel()
                try await running.value
            }
        }
    }

    @Test("A replica that is not the leader does not reconcile, and runOnce refuses to")
    func followerDoesNotReconcile() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            let now = Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1_000_000_000)).rfc3339Micro
            await server.store.seed(
                [
                    "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ClusterScenario.metadata("ferry-controller-leader-election"),
                    "spec": [
                        // An hour: the other holder's lease must not run out while a loaded machine runs this test.
                        "holderIdentity": "ferry-controller-other_1234", "leaseDurationSeconds": 3600, "acquireTime": .string(now), "renewTime": .string(now),
                        "leaseTransitions": 0,
                    ],
                ], plural: "leases")
            try await ClusterRuntime.withRuntime(scenario.configuration(), logger: ClusterScenario.logger) { runtime in
                await #expect(throws: ClusterRuntimeError.self) { try await runtime.runOnce() }
                let running = Task { try await runtime.reconcile() }
                // Several attempts at the Lease (one at once), none of which may reconcile.
                _ = try await ClusterScenario.eventually(.seconds(2)) { false }
                running.cancel()
                try await running.value
            }
            let requests = await server.store.requests
            #expect(!requests.contains { $0.path.contains("image.toolkit.fluxcd.io") && $0.method != "GET" }, "no status, finalizer or annotation writes")
            #expect(!requests.contains { $0.query["watch"] == "true" }, "no watches before leading")
            #expect(await scenario.object("leases", "ferry-controller-leader-election")?[path: ["spec", "holderIdentity"]] == "ferry-controller-other_1234")
            #expect(await scenario.object("imagepolicies", "app")?[path: ["metadata", "finalizers"]] == nil)
        }
    }

    @Test("--watch-label-selector: only labelled objects are reconciled, and the shard has its own Lease")
    func sharding() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects()
            let labelled = await scenario.object("imagerepositories", "app")
            let policy = await scenario.object("imagepolicies", "app")
            let shard: JSONValue = ["sharding.fluxcd.io/shard": "shard1"]
            for (object, plural) in [(labelled, "imagerepositories"), (policy, "imagepolicies")] {
                guard let object, let metadata = object["metadata"] else { continue }
                await server.store.seed(object.setting("metadata", to: metadata.setting("labels", to: shard)), plural: plural)
            }
            let seed = try await scenario.git.revision()
            let configuration = scenario.configuration(selector: "sharding.fluxcd.io/shard=shard1")
            let leaseName = try #require(configuration.leaderElection?.leaseName)
            #expect(leaseName.hasPrefix("ferry-controller-leader-election-"))
            #expect(leaseName.dropFirst("ferry-controller-leader-election-".count).count == 8)
            try await ClusterRuntime.withRuntime(configuration, logger: ClusterScenario.logger) { runtime in
                let running = Task { try await runtime.reconcile() }
                #expect(try await ClusterScenario.eventually { await scenario.object("imagepolicies", "app")?[path: ["status", "latestRef", "tag"]] == "1.2.3" })
                #expect(await scenario.object("leases", leaseName)?[path: ["spec", "holderIdentity"]]?.stringValue == configuration.leaderElection?.identity)
                running.cancel()
                try await running.value
            }
            let automation = await scenario.object("imageupdateautomations", "flux-system")
            #expect(automation?[path: ["metadata", "finalizers"]] == nil, "the unlabelled automation belongs to another shard")
            #expect(automation?[path: ["status", "lastPushCommit"]] == nil)
            #expect(try await scenario.git.revision() == seed)
            let watches = await server.store.requests.filter { $0.query["watch"] == "true" }
            #expect(!watches.isEmpty && watches.allSatisfy { $0.query["labelSelector"] == "sharding.fluxcd.io/shard=shard1" })
        }
    }

    @Test("runOnce with --watch-label-selector reconciles only the shard's objects, and lists with the selector")
    func runOnceHonoursTheWatchLabelSelector() async throws {
        try await FakeKubeAPIServer.with { server in
            let scenario = try await ClusterScenario.make(server)
            defer { scenario.remove() }
            await scenario.createObjects(policyLabels: ["sharding.fluxcd.io/shard": "shard1"])
            if let repository = await scenario.object("imagerepositories", "app"), let metadata = repository["metadata"] {
                await server.store.seed(
                    repository.setting("metadata", to: metadata.setting("labels", to: ["sharding.fluxcd.io/shard": "shard1"])), plural: "imagerepositories")
            }
            await server.store.seed(scenario.policy("other", labels: ["sharding.fluxcd.io/shard": "shard2"]), plural: "imagepolicies")
            let seed = try await scenario.git.revision()

            let configuration = scenario.configuration(selector: "sharding.fluxcd.io/shard=shard1")
            let summary = try await ClusterRuntime.withRuntime(configuration, logger: ClusterScenario.logger) { try await $0.runOnce() }

            #expect(summary.results.map(\.id.description) == ["ImageRepository/flux-system/app", "ImagePolicy/flux-system/app"], "\(summary.results)")
            #expect(summary.allReady)
            #expect(await scenario.object("imagepolicies", "app")?[path: ["status", "latestRef", "tag"]] == "1.2.3")
            let other = await scenario.object("imagepolicies", "other")
            #expect(other?[path: ["status", "latestRef"]] == nil, "another shard's policy")
            #expect(other?[path: ["status", "conditions"]] == nil)
            #expect(other?[path: ["metadata", "finalizers"]] == nil)
            #expect(await scenario.object("imageupdateautomations", "flux-system")?[path: ["metadata", "finalizers"]] == nil)
            #expect(try await scenario.git.revision() == seed)
            let lists = await server.store.requests.filter {
                $0.method == "GET" && $0.query["watch"] == nil && Self.isImageCollection($0.path)
                    && $0.query["limit"] != "1"
            }
            #expect(!lists.isEmpty && lists.allSatisfy { $0.query["labelSelector"] == "sharding.fluxcd.io/shard=shard1" }, "\(lists.map(\.query))")
        }
    }

    @Test("checkConnection names the server when it cannot be reached, and asks for the CRDs when they are not served")
    func connectionProblems() async throws {
        let closed = try await FakeKubeAPIServer.start()
        let url = closed.url
        await closed.shutdown()
        var unreachable = ClusterRuntime.Configuration(connection: ClusterConnection(server: url, namespace: "flux-system"))
        unreachable.retry = RetryPolicy(maxRetries: 1, sleep: { _ in })
        unreachable.connectionCheckTimeout = .seconds(1)
        let error = await #expect(throws: ClusterRuntimeError.self) {
            try await ClusterRuntime.withRuntime(unreachable, logger: ClusterScenario.logger) { try await $0.checkConnection() }
        }
        #expect(error?.description.contains(url) == true)
        #expect(error?.description.contains("could not be reached") == true)

        try await FakeKubeAPIServer.with { server in
            await server.store.setServed("imagepolicies", false)
            var configuration = ClusterRuntime.Configuration(
                connection: ClusterConnection(server: server.url, credentials: .bearerToken("admin-token"), namespace: "flux-system"))
            configuration.retry = RetryPolicy(maxRetries: 1, sleep: { _ in })
            let error = await #expect(throws: ClusterRuntimeError.self) {
                try await ClusterRuntime.withRuntime(configuration, logger: ClusterScenario.logger) { try await $0.checkConnection() }
            }
            #expect(error?.description.contains("does not serve imagepolicies.image.toolkit.fluxcd.io") == true)
            #expect(error?.description.contains("ferry install") == true)
        }
    }

    static func isImageCollection(_ path: String) -> Bool {
        ["/imagepolicies", "/imagerepositories", "/imageupdateautomations"].contains { path.hasSuffix($0) }
    }

    static func ready(_ object: JSONValue) -> JSONValue? {
        object[path: ["status", "conditions"]]?.arrayElements?.first { $0["type"] == "Ready" }
    }
}
