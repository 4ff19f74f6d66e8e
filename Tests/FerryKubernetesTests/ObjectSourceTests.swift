import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// The ObjectSource/ObjectStatusSink port implemented for Kubernetes, and Events.
struct ObjectSourceTests {
    func source(_ server: FakeKubeAPIServer, selector: String? = nil) throws -> KubernetesObjectSource {
        KubernetesObjectSource(
            client: try TestConnections.client(server), watchLabelSelector: selector, reportingInstance: "ferry-controller-7d9f8-abcde")
    }

    @Test func writeStatusSendsOnlyTheDifferenceToTheStatusSubresource() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("podinfo"), plural: "imagepolicies")
            let source = try source(server)
            let policy = try #require(try await source.get(ImagePolicy.self, ObjectKey(namespace: "default", name: "podinfo")))
            var next = policy
            next.status.observedGeneration = 1
            next.status.latestRef = ImagePolicy.ImageRef(name: "ghcr.io/stefanprodan/podinfo", tag: "6.5.0")
            next.status.conditions.set(
                Condition(
                    type: "Ready", status: .true, reason: "Succeeded", message: "Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.0",
                    lastTransitionTime: Timestamp(secondsSinceEpoch: 1_795_320_660), observedGeneration: 1))
            let stored = try await source.writeStatus(next, previous: policy.status)
            #expect(stored.status == next.status)
            let patch = try #require(await server.store.requests.last)
            #expect(patch.method == "PATCH")
            #expect(patch.target == "/apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies/podinfo/status?fieldManager=ferry-controller")
            #expect(patch.header("Content-Type") == "application/merge-patch+json")
            let body = try JSONValue(parsing: patch.body)
            #expect(body[path: ["status", "observedGeneration"]] == 1)
            #expect(body[path: ["status", "conditions"]]?.arrayElements?.first?["lastTransitionTime"] == "2026-11-22T04:11:00Z")
            let count = await server.store.requests.count
            #expect(try await source.writeStatus(stored, previous: stored.status) == stored)
            #expect(await server.store.requests.count == count)
            var cleared = stored
            cleared.status.latestRef = nil
            _ = try await source.writeStatus(cleared, previous: stored.status)
            #expect(try JSONValue(parsing: try #require(await server.store.requests.last).body) == ["status": ["latestRef": nil]])
        }
    }

    @Test func finalizersAreAddedAndRemovedByGuardedMergePatchWithConflictRetry() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("demo"), plural: "imagepolicies")
            let source = try source(server)
            let stale = try #require(try await source.get(ImagePolicy.self, ObjectKey(namespace: "default", name: "demo")))
            await server.store.seed(TestConnections.imagePolicy("demo", labels: ["touched": "yes"]), plural: "imagepolicies")
            let added = try await source.addFinalizer("finalizers.fluxcd.io", to: stale)
            #expect(added.metadata.finalizers == ["finalizers.fluxcd.io"])
            #expect(added.metadata.labels["touched"] == "yes")
            let patches = await server.store.requests.filter { $0.method == "PATCH" }
            #expect(patches.count == 2)
            #expect(try JSONValue(parsing: patches[1].body)[path: ["metadata", "finalizers"]] == ["finalizers.fluxcd.io"])
            #expect(try JSONValue(parsing: patches[1].body)[path: ["metadata", "resourceVersion"]]?.stringValue != stale.metadata.resourceVersion)
            #expect(try await source.addFinalizer("finalizers.fluxcd.io", to: added) == added)

            _ = try await source.client.delete(ImagePolicy.resource, name: "demo", namespace: "default")
            let terminating = try #require(try await source.get(ImagePolicy.self, ObjectKey(namespace: "default", name: "demo")))
            #expect(terminating.metadata.isBeingDeleted)
            let gone = try await source.removeFinalizer("finalizers.fluxcd.io", from: terminating)
            #expect(gone == nil)
            #expect(try await source.get(ImagePolicy.self, ObjectKey(namespace: "default", name: "demo")) == nil)
        }
    }

    @Test func changesAreFilteredByTheWatchLabelSelectorButListsAreNot() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("mine", labels: ["sharding.fluxcd.io/shard": "shard1"]), plural: "imagepolicies")
            await server.store.seed(TestConnections.imagePolicy("theirs"), plural: "imagepolicies")
            let source = try source(server, selector: "sharding.fluxcd.io/shard=shard1")
            var seen: [String] = []
            for try await change in source.changes(of: ImagePolicy.self) {
                if case .added(let policy) = change { seen.append(policy.metadata.name) }
                if case .synced = change { break }
            }
            #expect(seen == ["mine"])
            let all = try await source.list(ImagePolicy.self, namespace: "default", selector: nil)
            #expect(all.map(\.metadata.name) == ["mine", "theirs"])
            let selected = try await source.list(
                ImagePolicy.self, namespace: "default", selector: LabelSelector(matchLabels: ["sharding.fluxcd.io/shard": "shard1"]))
            #expect(selected.map(\.metadata.name) == ["mine"])
        }
    }

    @Test func eventsAreEventsK8sIoV1InFluxsShapeAndRepeatsBecomeASeries() async throws {
        try await FakeKubeAPIServer.with { server in
            let source = try source(server)
            let regarding = ObjectReference(
                kind: "ImagePolicy", namespace: "default", name: "podinfo", uid: "3dbdd0f0", apiVersion: "image.toolkit.fluxcd.io/v1",
                resourceVersion: "243")
            let time = Timestamp(nanosecondsSinceEpoch: 1_795_320_720_123_456_000)
            let event = ObjectEvent(
                regarding: regarding, type: .normal, reason: "Succeeded",
                message: "Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.0",
                annotations: ["image.toolkit.fluxcd.io/revision": "ghcr.io/stefanprodan/podinfo:6.5.0"],
                reportingController: "image-reflector-controller",
                time: time)
            await source.record(event)
            var repeated = event
            repeated.time = time.adding(.seconds(300))
            await source.record(repeated)
            let requests = await server.store.requests
            #expect(
                requests.map { "\($0.method) \($0.path)" } == [
                    "POST /apis/events.k8s.io/v1/namespaces/default/events",
                    "PATCH /apis/events.k8s.io/v1/namespaces/default/events/podinfo.\(String(1_795_320_720_123_456_000, radix: 16))",
                ])
            let body = try JSONValue(parsing: requests[0].body)
            #expect(body["eventTime"] == "2026-11-22T04:12:00.123456Z")
            #expect(body["reportingController"] == "image-reflector-controller")
            #expect(body["reportingInstance"] == "ferry-controller-7d9f8-abcde")
            #expect(body["type"] == "Normal")
            #expect(body["note"] == .string(event.message))
            #expect(body[path: ["regarding", "kind"]] == "ImagePolicy")
            #expect(body[path: ["metadata", "annotations", "image.toolkit.fluxcd.io/revision"]] == "ghcr.io/stefanprodan/podinfo:6.5.0")
            #expect(try JSONValue(parsing: requests[1].body) == ["series": ["count": 2, "lastObservedTime": "2026-11-22T04:17:00.123456Z"]])
            #expect(requests[1].header("Content-Type") == "application/merge-patch+json")
        }
    }

    @Test func traceEventsAreNormalAndLongNotesAreCutToTheAPILimit() async throws {
        try await FakeKubeAPIServer.with { server in
            let source = try source(server)
            let regarding = ObjectReference(
                kind: "ImageUpdateAutomation", namespace: "default", name: "flux-system", apiVersion: "image.toolkit.fluxcd.io/v1")
            let message = "pushed commit 'abc1234' to branch 'main'\n" + String(repeating: "é", count: 2000)
            await source.record(
                ObjectEvent(
                    regarding: regarding, type: .trace, reason: "Succeeded", message: message,
                    reportingController: "image-automation-controller", time: Timestamp(secondsSinceEpoch: 1_795_320_720)))
            let body = try JSONValue(parsing: try #require(await server.store.requests.first).body)
            #expect(body["type"] == "Normal")
            #expect((body["note"]?.stringValue?.utf8.count ?? 0) <= 1024)
            #expect(body["note"]?.stringValue?.hasPrefix("pushed commit 'abc1234'") == true)
            #expect(await server.store.objects.count == 1)
        }
    }

    @Test func anEventThatCannotBeWrittenDoesNotFailTheCaller() async throws {
        try await FakeKubeAPIServer.with { server in
            let source = KubernetesObjectSource(client: try TestConnections.client(server, token: "controller-token"), reportingInstance: "pod")
            await source.record(
                ObjectEvent(
                    regarding: ObjectReference(kind: "ImagePolicy", namespace: "default", name: "x", apiVersion: "v1"), type: .warning,
                    reason: "Failed",
                    message: "boom", reportingController: "image-reflector-controller", time: Timestamp(secondsSinceEpoch: 0)))
            #expect(await server.store.requests.count == 1)
        }
    }
}

/// Secrets, as recorded (06-secrets), through the port.
struct SecretTests {
    @Test func aDockerConfigSecretIsReadFromTheCoreGroup() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.inject(try RecordedExchange.load("06-secrets", "02-get-dockerconfigjson").fakeResponse, pathSuffix: "/secrets/regcred")
            let source = KubernetesObjectSource(client: try TestConnections.client(server), reportingInstance: "pod")
            let secret = try #require(try await source.secret(ObjectKey(namespace: "default", name: "regcred")))
            #expect(secret.type == "kubernetes.io/dockerconfigjson")
            #expect(try secret.values()[".dockerconfigjson"].map { String(decoding: $0, as: UTF8.self) }?.contains("example-user") == true)
            #expect(await server.store.requests.first?.path == "/api/v1/namespaces/default/secrets/regcred")
        }
    }

    @Test func aMissingSecretIsNilAndAForbiddenOneAnError() async throws {
        try await FakeKubeAPIServer.with { server in
            let source = KubernetesObjectSource(client: try TestConnections.client(server), reportingInstance: "pod")
            #expect(try await source.secret(ObjectKey(namespace: "default", name: "does-not-exist")) == nil)
            let restricted = KubernetesObjectSource(client: try TestConnections.client(server, token: "controller-token"), reportingInstance: "pod")
            let error = await #expect(throws: KubeAPIError.self) { _ = try await restricted.secret(ObjectKey(namespace: "default", name: "regcred")) }
            #expect(error?.description.contains("cannot get resource \"secrets\" in API group \"\" in the namespace \"default\"") == true)
        }
    }
}
