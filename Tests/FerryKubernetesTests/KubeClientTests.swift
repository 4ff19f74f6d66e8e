import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// The client against the fake API server: paths, verbs, headers, bodies and failure handling.
struct KubeClientTests {
    @Test func createGetListUpdateAndDelete() async throws {
        try await FakeKubeAPIServer.with { server in
            let client = try TestConnections.client(server)
            let created = try await client.create(
                TestConnections.imagePolicy("podinfo", labels: ["app": "podinfo"]), ImagePolicy.resource, namespace: "default")
            #expect(created[path: ["spec", "digestReflectionPolicy"]] == "Never")
            var policy = try await client.get(ImagePolicy.self, ImagePolicy.resource, name: "podinfo", namespace: "default")
            #expect(policy.status.observedGeneration == -1)
            policy.spec.policy = ImagePolicyChoice(semver: SemVerPolicy(range: ">=6.0.0"))
            let updated = try await client.update(policy, ImagePolicy.resource, name: "podinfo", namespace: "default")
            #expect(updated.metadata.generation == 2)
            #expect(updated.spec.policy.semver?.range == ">=6.0.0")
            let result = try await client.delete(ImagePolicy.resource, name: "podinfo", namespace: "default")
            guard case .deleted(let status) = result else {
                Issue.record("expected a Status")
                return
            }
            #expect(status.status == "Success")
            #expect(status.details?.uid == updated.metadata.uid)
            let requests = await server.store.requests
            #expect(
                requests.map { "\($0.method) \($0.target)" } == [
                    "POST /apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies",
                    "GET /apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies/podinfo",
                    "PUT /apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies/podinfo",
                    "DELETE /apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies/podinfo",
                ])
            #expect(requests.allSatisfy { $0.header("Accept") == "application/json" })
            #expect(requests[0].header("Content-Type") == "application/json")
            #expect(requests[0].header("Authorization") == "Bearer admin-token")
            #expect(requests[0].header("User-Agent")?.hasPrefix("ferry/") == true)
        }
    }

    @Test func listFollowsContinueTokensAndSelectsByLabel() async throws {
        try await FakeKubeAPIServer.with { server in
            for index in 0..<5 {
                await server.store.seed(
                    TestConnections.imagePolicy("p\(index)", labels: ["app": index % 2 == 0 ? "web" : "api"]), plural: "imagepolicies")
            }
            let client = try TestConnections.client(server)
            let all = try await client.listAll(ImagePolicy.self, ImagePolicy.resource, namespace: "default", pageSize: 2)
            #expect(all.items.map(\.metadata.name) == ["p0", "p1", "p2", "p3", "p4"])
            let targets = await server.store.requests.map(\.target)
            #expect(targets.count == 3)
            #expect(targets[0] == "/apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies?limit=2")
            #expect(targets[1].contains("&continue="))
            let web = try await client.listAll(
                ImagePolicy.self, ImagePolicy.resource, namespace: "default", options: ListOptions(labelSelector: "app=web"))
            #expect(web.items.map(\.metadata.name) == ["p0", "p2", "p4"])
            #expect(await server.store.requests.last?.rawQuery == "labelSelector=app%3Dweb&limit=500")
            let everywhere = try await client.list(ImagePolicy.self, ImagePolicy.resource, namespace: nil)
            #expect(everywhere.items.count == 5)
            #expect(await server.store.requests.last?.path == "/apis/image.toolkit.fluxcd.io/v1/imagepolicies")
        }
    }

    @Test func conflictsAndValidationFailuresAreTypedErrors() async throws {
        try await FakeKubeAPIServer.with { server in
            let client = try TestConnections.client(server)
            _ = try await client.create(TestConnections.imagePolicy("podinfo"), ImagePolicy.resource, namespace: "default")
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.create(TestConnections.imagePolicy("podinfo"), ImagePolicy.resource, namespace: "default")
            }
            #expect(error?.isAlreadyExists == true)
            var stale = try await client.get(ImagePolicy.self, ImagePolicy.resource, name: "podinfo", namespace: "default")
            _ = try await client.patch(
                ImagePolicy.self, ImagePolicy.resource, name: "podinfo", namespace: "default", patch: ["spec": ["suspend": true]])
            stale.spec.suspend = false
            let conflict = await #expect(throws: KubeAPIError.self) {
                _ = try await client.update(stale, ImagePolicy.resource, name: "podinfo", namespace: "default")
            }
            #expect(conflict?.isConflict == true)
            #expect(conflict?.description.contains("the object has been modified") == true)
            stale.metadata.resourceVersion = nil
            let invalid = await #expect(throws: KubeAPIError.self) {
                _ = try await client.update(stale, ImagePolicy.resource, name: "podinfo", namespace: "default")
            }
            #expect(invalid?.code == 422)
            #expect(invalid?.description.contains("metadata.resourceVersion") == true)
            let missing = await #expect(throws: KubeAPIError.self) {
                _ = try await client.get(ImagePolicy.self, ImagePolicy.resource, name: "nope", namespace: "default")
            }
            #expect(missing?.isNotFound == true)
            #expect(missing?.isResourceNotServed == false)
        }
    }

    @Test func retryOnConflictReadsFreshStateAndSucceeds() async throws {
        try await FakeKubeAPIServer.with { server in
            let client = try TestConnections.client(server)
            _ = try await client.create(TestConnections.imagePolicy("podinfo"), ImagePolicy.resource, namespace: "default")
            let stale = try await client.get(ImagePolicy.self, ImagePolicy.resource, name: "podinfo", namespace: "default")
            await server.store.seed(TestConnections.imagePolicy("podinfo", labels: ["changed": "yes"]), plural: "imagepolicies")
            var attempts = 0
            let result = try await client.retryOnConflict { () -> ImagePolicy in
                var policy =
                    attempts == 0 ? stale : try await client.get(ImagePolicy.self, ImagePolicy.resource, name: "podinfo", namespace: "default")
                attempts += 1
                policy.spec.suspend = true
                return try await client.update(policy, ImagePolicy.resource, name: "podinfo", namespace: "default")
            }
            #expect(attempts == 2)
            #expect(result.spec.suspend == true)
            #expect(result.metadata.labels["changed"] == "yes")
        }
    }

    @Test func mergePatchesAndStatusGoToTheRecordedPathsWithTheRecordedContentTypes() async throws {
        try await FakeKubeAPIServer.with { server in
            let client = try TestConnections.client(server)
            _ = try await client.create(TestConnections.imagePolicy("podinfo"), ImagePolicy.resource, namespace: "default")
            let patched = try await client.patch(
                ImagePolicy.self, ImagePolicy.resource, name: "podinfo", namespace: "default", patch: ["status": ["observedGeneration": 1]],
                subresource: "status", fieldManager: "ferry-controller")
            #expect(patched.status.observedGeneration == 1)
            #expect(patched.metadata.generation == 1)
            let applied = try await client.apply(
                [
                    "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy", "metadata": ["name": "podinfo-ssa", "namespace": "default"],
                    "spec": ["imageRepositoryRef": ["name": "podinfo"], "policy": ["alphabetical": ["order": "asc"]]],
                ],
                ImagePolicy.resource, namespace: "default", fieldManager: "ferry-controller")
            #expect(applied[path: ["metadata", "name"]] == "podinfo-ssa")
            let requests = await server.store.requests
            #expect(requests[1].method == "PATCH")
            #expect(
                requests[1].target == "/apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies/podinfo/status?fieldManager=ferry-controller"
            )
            #expect(requests[1].header("Content-Type") == "application/merge-patch+json")
            #expect(String(decoding: requests[1].body, as: UTF8.self) == "{\"status\":{\"observedGeneration\":1}}")
            #expect(
                requests[2].target
                    == "/apis/image.toolkit.fluxcd.io/v1/namespaces/default/imagepolicies/podinfo-ssa?fieldManager=ferry-controller&force=true")
            #expect(requests[2].header("Content-Type") == "application/apply-patch+yaml")
        }
    }

    @Test func deleteWithAFinalizerReturnsTheTerminatingObject() async throws {
        try await FakeKubeAPIServer.with { server in
            let client = try TestConnections.client(server)
            _ = try await client.create(
                TestConnections.imagePolicy("finalizer-demo").setting(
                    "metadata", to: ["name": "finalizer-demo", "finalizers": ["finalizers.fluxcd.io"]]),
                ImagePolicy.resource, namespace: "default")
            let result = try await client.delete(ImagePolicy.resource, name: "finalizer-demo", namespace: "default")
            guard case .pending(let object) = result else {
                Issue.record("expected the object")
                return
            }
            #expect(object[path: ["metadata", "deletionTimestamp"]] != nil)
            #expect(object[path: ["metadata", "deletionGracePeriodSeconds"]] == 0)
        }
    }

    @Test func unauthorizedAndForbiddenErrorsAreClearAndCarryNoToken() async throws {
        try await FakeKubeAPIServer.with { server in
            let secret = "s3cr3t-token-value-0000"
            let unauthorized = await #expect(throws: KubeAPIError.self) {
                _ = try await TestConnections.client(server, token: secret).list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            }
            #expect(unauthorized?.code == 401)
            #expect(
                unauthorized?.description.contains("rejected the credentials (401 Unauthorized) for list imagepolicies in namespace \"default\"")
                    == true)
            #expect(unauthorized?.description.contains(secret) == false)
            let forbidden = await #expect(throws: KubeAPIError.self) {
                _ = try await TestConnections.client(server, token: "controller-token").patch(
                    JSONValue.self, ImagePolicy.resource, name: "podinfo", namespace: "default", patch: ["status": [:]], subresource: "status")
            }
            #expect(forbidden?.code == 403)
            #expect(forbidden?.description.contains("User \"controller\" cannot patch resource \"imagepolicies/status\"") == true)
            #expect(forbidden?.description.contains("controller-token") == false)
        }
    }

    @Test func aResourceThatIsNotServedIsThePlainText404() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.setServed("imagepolicies", false)
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await TestConnections.client(server).list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            }
            #expect(error?.isResourceNotServed == true)
            #expect(error?.description.contains("is the CRD installed") == true)
        }
    }

    @Test func tooManyRequestsIsRetriedAfterRetryAfter() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.inject(FakeKubeStore.tooManyRequests(), pathSuffix: "/imagepolicies")
            await server.store.inject(FakeKubeStore.tooManyRequests(), pathSuffix: "/imagepolicies")
            let sleeps = RecordedSleeps()
            let list = try await TestConnections.client(server, sleeps: sleeps).list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            #expect(list.items.isEmpty)
            #expect(sleeps.all == [.seconds(1), .seconds(1)])
            #expect(await server.store.requests.count == 3)
        }
    }

    @Test func serverErrorsAreRetriedForReadsWithBackoffButNotForCreates() async throws {
        try await FakeKubeAPIServer.with { server in
            let unavailable = FakeKubeStore.status(503, "ServiceUnavailable", "the server is currently unable to handle the request")
            await server.store.inject(unavailable, method: "GET", pathSuffix: "/imagepolicies")
            await server.store.inject(unavailable, method: "GET", pathSuffix: "/imagepolicies")
            let sleeps = RecordedSleeps()
            let client = try TestConnections.client(server, sleeps: sleeps)
            _ = try await client.list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            #expect(sleeps.all == [.milliseconds(500), .seconds(1)])
            await server.store.inject(unavailable, method: "POST", pathSuffix: "/imagepolicies")
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.create(TestConnections.imagePolicy("x"), ImagePolicy.resource, namespace: "default")
            }
            #expect(error?.code == 503)
            await server.store.inject(FakeKubeStore.tooManyRequests(), method: "POST", pathSuffix: "/imagepolicies")
            _ = try await client.create(TestConnections.imagePolicy("x"), ImagePolicy.resource, namespace: "default")
        }
    }

    @Test func givesUpAfterTheRetryLimit() async throws {
        try await FakeKubeAPIServer.with { server in
            for _ in 0..<4 { await server.store.inject(FakeKubeStore.tooManyRequests(), pathSuffix: "/imagepolicies") }
            let sleeps = RecordedSleeps()
            var client = try TestConnections.client(server, sleeps: sleeps)
            client.retry.maxRetries = 3
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            }
            #expect(error?.code == 429)
            #expect(sleeps.all.count == 3)
        }
    }

    @Test func aRotatedTokenFileIsReadAgainAfterA401() async throws {
        try await withTemporaryDirectory { directory in
            try await FakeKubeAPIServer.with { server in
                let path = directory + "/token"
                try "first-token\n".write(toFile: path, atomically: true, encoding: .utf8)
                await server.store.setToken("first-token", user: "admin")
                let client = try KubeClient(
                    connection: ClusterConnection(server: server.url, credentials: .bearerTokenFile(path)), retry: RecordedSleeps().policy
                ).withTimeout(.seconds(120))
                _ = try await client.list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
                try "second-token\n".write(toFile: path, atomically: true, encoding: .utf8)
                await server.store.removeToken("first-token")
                await server.store.setToken("second-token", user: "admin")
                _ = try await client.list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
                let authorizations = await server.store.requests.map { $0.header("Authorization") ?? "" }
                #expect(authorizations == ["Bearer first-token", "Bearer first-token", "Bearer second-token"])
            }
        }
    }

    @Test func aTokenFileIsReadAgainOnceItsCacheExpires() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/token"
            try "one".write(toFile: path, atomically: true, encoding: .utf8)
            let clock = ManualClock()
            let start = ContinuousClock.now
            let source = BearerTokenSource(
                credentials: .bearerTokenFile(path), refreshInterval: .seconds(60), now: { start.advanced(by: clock.now.offset) })
            #expect(try await source.authorization() == "Bearer one")
            try "two".write(toFile: path, atomically: true, encoding: .utf8)
            clock.advance(by: .seconds(59))
            #expect(try await source.authorization() == "Bearer one")
            clock.advance(by: .seconds(1))
            #expect(try await source.authorization() == "Bearer two")
        }
    }

    @Test func aConnectionThatCannotBeMadeIsATransportErrorNamingTheServer() async throws {
        var client = try KubeClient(
            connection: ClusterConnection(server: "http://127.0.0.1:1", credentials: .bearerToken("t")),
            retry: RetryPolicy(maxRetries: 1, sleep: { _ in }))
        client.requestTimeout = .seconds(1)
        let error = await #expect(throws: KubeClientError.self) {
            _ = try await client.list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
        }
        #expect(error?.isTransport == true)
        #expect(error?.description.contains("http://127.0.0.1:1") == true)
    }
}
