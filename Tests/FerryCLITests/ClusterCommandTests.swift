import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// `ferry get/reconcile/suspend/resume image …` against a cluster: FerryKubeTesting's fake
/// API server (the recorded v1.36 wire format), reached through a kubeconfig file.
@Suite("Image commands against a cluster")
struct ClusterCommandTests {
    static let image = "ghcr.io/stefanprodan/podinfo"

    @Test("get image policy|repository|update print flux's tables from the API; -A adds NAMESPACE; -l goes to the server")
    func tables() async throws {
        try await FakeKubeAPIServer.with { server in
            let cluster = try await Cluster(server)
            defer { cluster.remove() }
            let policies = await ferry(["get", "image", "policy"] + cluster.flags)
            #expect(policies.status == 0, "\(policies.stderr)")
            let lines = policies.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first?.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } == ["NAME", "IMAGE", "TAG", "READY", "MESSAGE"])
            #expect(
                lines.last?.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                    == ["app", Self.image, "6.5.1", "True", "Latest image tag for \(Self.image) resolved to 6.5.1"])

            let everywhere = await ferry(["get", "image", "policy", "-A", "--no-header"] + cluster.flags)
            #expect(everywhere.status == 0)
            let rows = everywhere.stdout.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" }
            #expect(rows.map { $0.trimmingCharacters(in: .whitespaces) } == ["apps", "flux-system"])
            #expect(everywhere.stdout.contains("waiting to be reconciled"), "the apps policy has no status yet")
            let header = await ferry(["get", "image", "policy", "-A"] + cluster.flags)
            #expect(header.stdout.hasPrefix("NAMESPACE"))

            let repositories = await ferry(["get", "image", "repository"] + cluster.flags)
            #expect(repositories.status == 0)
            #expect(repositories.stdout.hasPrefix("NAME"))
            #expect(repositories.stdout.contains("LAST SCAN") && repositories.stdout.contains("SUSPENDED"))
            #expect(repositories.stdout.contains("2026-06-06T"))
            #expect(repositories.stdout.contains("successful scan: found 12 tags"))
            let updates = await ferry(["get", "image", "update", "--no-header"] + cluster.flags)
            #expect(updates.status == 0)
            #expect(updates.stdout.hasPrefix("flux-system"))
            #expect(updates.stdout.contains("True\t") && updates.stdout.contains("repository up-to-date"))
            let header2 = await ferry(["get", "image", "update"] + cluster.flags)
            #expect(header2.stdout.contains("LAST RUN"))

            let labelled = await ferry(["get", "image", "policy", "-A", "-l", "team=web", "--no-header"] + cluster.flags)
            #expect(labelled.status == 0)
            #expect(labelled.stdout.split(separator: "\n").count == 1)
            let requests = await server.store.requests
            #expect(requests.contains { $0.path == "/apis/image.toolkit.fluxcd.io/v1/imagepolicies" && $0.query["labelSelector"] == "team=web" })
            #expect(requests.allSatisfy { $0.method == "GET" }, "get only reads")

            let all = await ferry(["get", "image", "all"] + cluster.flags)
            #expect(all.status == 0)
            #expect(all.stdout.contains("imagepolicy/app\t") && all.stdout.contains("imagerepository/app\t"))
        }
    }

    @Test("get with a name reads the object; an unknown one names the object, the namespace and the server")
    func getNotFound() async throws {
        try await FakeKubeAPIServer.with { server in
            let cluster = try await Cluster(server)
            defer { cluster.remove() }
            let one = await ferry(["get", "image", "policy", "app", "--no-header"] + cluster.flags)
            #expect(one.status == 0)
            #expect(one.stdout.hasPrefix("app"))
            let missing = await ferry(["get", "image", "policy", "nope"] + cluster.flags)
            #expect(missing.status == 1)
            #expect(missing.stderr == "ferry: ImagePolicy 'nope' not found in flux-system namespace of the cluster at \(server.url)\n")
        }
    }

    @Test("reconcile image policy annotates by merge patch and waits for lastHandledReconcileAt, printing flux's lines")
    func reconcileWaitsForTheController() async throws {
        try await FakeKubeAPIServer.with { server in
            let cluster = try await Cluster(server)
            defer { cluster.remove() }
            let controller = Task { await cluster.actAsController(plural: "imagepolicies", name: "app") }
            defer { controller.cancel() }
            let result = await ferry(["reconcile", "image", "policy", "app", "--timeout", "5m"] + cluster.flags)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                result.stderr == """
                    ► annotating ImagePolicy app in flux-system namespace
                    ✔ ImagePolicy annotated
                    ◎ waiting for ImagePolicy reconciliation
                    ✔ ImagePolicy reconciliation completed
                    ✔ selected ref \(Self.image):6.5.1

                    """)
            let patch = try #require(await server.store.requests.first { $0.method == "PATCH" })
            #expect(patch.path == "/apis/image.toolkit.fluxcd.io/v1/namespaces/flux-system/imagepolicies/app")
            #expect(patch.header("Content-Type") == "application/merge-patch+json")
            let stored = await server.store.object("imagepolicies", "flux-system", "app")
            let requested = stored?[path: ["metadata", "annotations", "reconcile.fluxcd.io/requestedAt"]]?.stringValue
            #expect(requested != nil)
            #expect(stored?[path: ["status", "lastHandledReconcileAt"]]?.stringValue == requested)

            let noWait = await ferry(["reconcile", "image", "repository", "app", "--no-wait"] + cluster.flags)
            #expect(noWait.status == 0)
            #expect(noWait.stderr == "► annotating ImageRepository app in flux-system namespace\n✔ ImageRepository annotated\n")
        }
    }

    @Test("reconcile: an unknown object, a suspended one, and a controller that never answers within --timeout")
    func reconcileFailures() async throws {
        try await FakeKubeAPIServer.with { server in
            let cluster = try await Cluster(server)
            defer { cluster.remove() }
            let unknown = await ferry(["reconcile", "image", "update", "nope", "-n", "apps"] + cluster.flags)
            #expect(unknown.status == 2)
            #expect(unknown.stderr == "ferry: ImageUpdateAutomation 'apps/nope' not found in the cluster at \(server.url)\n")
            let suspend = await ferry(["suspend", "image", "update", "flux-system"] + cluster.flags)
            #expect(suspend.status == 0)
            #expect(suspend.stderr == "► suspending image update automation flux-system in flux-system namespace\n✔ image update automation suspended\n")
            #expect(await server.store.object("imageupdateautomations", "flux-system", "flux-system")?[path: ["spec", "suspend"]] == true)
            let suspended = await ferry(["reconcile", "image", "update", "flux-system"] + cluster.flags)
            #expect(suspended.status == 1)
            #expect(suspended.stderr == "ferry: resource is suspended\n")
            let resume = await ferry(["resume", "image", "update", "flux-system", "--no-wait"] + cluster.flags)
            #expect(resume.status == 0)
            #expect(await server.store.object("imageupdateautomations", "flux-system", "flux-system")?[path: ["spec", "suspend"]] == false)
            let timeout = await ferry(["reconcile", "image", "policy", "app", "--timeout", "1s"] + cluster.flags)
            #expect(timeout.status == 3)
            #expect(timeout.stderr.hasSuffix("ferry: timed out waiting for ImagePolicy 'flux-system/app' to be reconciled; is `ferry controller` running?\n"))
        }
    }

    @Test("A server that cannot be reached, a 403, and cluster flags mixed with --state")
    func connectionFailures() async throws {
        let closed = try await FakeKubeAPIServer.start()
        let url = closed.url
        await closed.shutdown()
        let down = try Cluster.kubeconfig(server: url, token: "admin-token")
        defer { try? FileManager.default.removeItem(atPath: down) }
        let unreachable = await ferry(["get", "image", "policy", "--kubeconfig", down, "--request-timeout", "500ms"])
        #expect(unreachable.status == 3)
        #expect(unreachable.stderr.contains(url) || unreachable.stderr.contains("list imagepolicies"), "\(unreachable.stderr)")
        #expect(unreachable.stderr.hasPrefix("ferry: Kubernetes API request failed"))

        try await FakeKubeAPIServer.with { server in
            let cluster = try await Cluster(server)
            defer { cluster.remove() }
            let forbidden = await ferry(["get", "image", "policy", "--kubeconfig", cluster.kubeconfig, "--context", "controller"])
            #expect(forbidden.status == 3)
            #expect(forbidden.stderr.contains("(403 Forbidden)"), "\(forbidden.stderr)")
            #expect(forbidden.stderr.contains("cannot list resource \"imagepolicies\""))
            #expect(!forbidden.stderr.contains("controller-token"), "never a credential")
            let patchForbidden = await ferry(["suspend", "image", "policy", "app", "--kubeconfig", cluster.kubeconfig, "--context", "controller"])
            #expect(patchForbidden.status == 3)
            let badTimeout = await ferry(["get", "image", "policy", "--request-timeout", "soon"] + cluster.flags)
            #expect(badTimeout.status == 2)
            #expect(badTimeout.stderr.hasPrefix("ferry: --request-timeout: "))
            let mixed = await ferry(["get", "image", "policy", "--state", "ferry.db"] + cluster.flags)
            #expect(mixed.status == 2)
            #expect(mixed.stderr.contains("--kubeconfig/--context and --manifests/--state cannot be used together"))
            let badContext = await ferry(["get", "image", "policy", "--kubeconfig", cluster.kubeconfig, "--context", "nowhere"])
            #expect(badContext.status == 2)
            #expect(badContext.stderr.contains("nowhere"))
        }
    }
}

/// A fake cluster with image objects and a kubeconfig file pointing at it.
struct Cluster {
    let server: FakeKubeAPIServer
    let kubeconfig: String

    var flags: [String] { ["--kubeconfig", kubeconfig] }

    init(_ server: FakeKubeAPIServer) async throws {
        self.server = server
        kubeconfig = try Self.kubeconfig(server: server.url, token: "admin-token")
        let store = server.store
        let image = ClusterCommandTests.image
        let ready: (String) -> JSONValue = { message in
            [["type": "Ready", "status": "True", "reason": "Succeeded", "message": .string(message), "lastTransitionTime": "2026-06-06T10:00:00Z",
              "observedGeneration": 1]]
        }
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImageRepository", "metadata": ["name": "app", "namespace": "flux-system"],
                "spec": ["image": .string(image), "interval": "5m"],
                "status": [
                    "observedGeneration": 1, "canonicalImageName": .string(image),
                    "lastScanResult": ["revision": "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b", "tagCount": 12, "scanTime": "2026-06-06T10:00:00Z"], "conditions": ready("successful scan: found 12 tags"),
                ],
            ], plural: "imagerepositories")
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy",
                "metadata": ["name": "app", "namespace": "flux-system", "labels": ["team": "web"]],
                "spec": ["imageRepositoryRef": ["name": "app"], "policy": ["semver": ["range": "6.x"]]],
                "status": [
                    "observedGeneration": 1, "latestRef": ["name": .string(image), "tag": "6.5.1"],
                    "conditions": ready("Latest image tag for \(image) resolved to 6.5.1"),
                ],
            ], plural: "imagepolicies")
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy", "metadata": ["name": "other", "namespace": "apps"],
                "spec": ["imageRepositoryRef": ["name": "app"], "policy": ["semver": ["range": "1.x"]]],
            ], plural: "imagepolicies")
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImageUpdateAutomation", "metadata": ["name": "flux-system", "namespace": "flux-system"],
                "spec": [
                    "interval": "30m", "sourceRef": ["kind": "GitRepository", "name": "flux-system"],
                    "git": ["commit": ["author": ["email": "fluxcdbot@users.noreply.github.com", "name": "fluxcdbot"]]],
                ],
                "status": ["observedGeneration": 1, "lastAutomationRunTime": "2026-06-06T10:01:00Z", "conditions": ready("repository up-to-date")],
            ], plural: "imageupdateautomations")
    }

    /// Writes a kubeconfig with two contexts: `fake` (the admin, current) and `controller` (a
    /// user with no permissions).
    static func kubeconfig(server: String, token: String) throws -> String {
        let path = NSTemporaryDirectory() + "ferry-kubeconfig-\(UUID().uuidString.prefix(8))"
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: \(server)
            users:
            - name: admin
              user:
                token: \(token)
            - name: controller
              user:
                token: controller-token
            contexts:
            - name: fake
              context:
                cluster: fake
                user: admin
                namespace: flux-system
            - name: controller
              context:
                cluster: fake
                user: controller
            current-context: fake

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Does what the controller would: once the object carries a new
    /// `reconcile.fluxcd.io/requestedAt`, writes it back as `status.lastHandledReconcileAt`.
    func actAsController(plural: String, name: String) async {
        while !Task.isCancelled {
            if let object = await server.store.object(plural, "flux-system", name),
                let requested = object[path: ["metadata", "annotations", "reconcile.fluxcd.io/requestedAt"]],
                object[path: ["status", "lastHandledReconcileAt"]] != requested, let status = object["status"]
            {
                await server.store.seed(object.setting("status", to: status.setting("lastHandledReconcileAt", to: requested)), plural: plural)
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: kubeconfig) }
}
