import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// `ferry release-tag` against a cluster: the `ferry.dev/quarantined-tags` annotation, by merge patch, on FerryKubeTesting's
/// fake API server.
@Suite("Quarantine commands against a cluster")
struct ClusterQuarantineCommandTests {
    static let key = "ferry.dev/quarantined-tags"

    static func seedHeld(_ server: FakeKubeAPIServer, annotation: String) async {
        await server.store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy",
                "metadata": ["name": "held", "namespace": "flux-system", "annotations": .object([(key, .string(annotation))])],
                "spec": ["imageRepositoryRef": ["name": "app"], "policy": ["semver": ["range": "1.x"]]],
            ], plural: "imagepolicies")
    }

    @Test("release-tag takes the tag out of the annotation by merge patch and requests a reconcile; the last one removes the annotation")
    func releaseTag() async throws {
        try await FakeKubeAPIServer.with { server in
            let cluster = try await Cluster(server)
            defer { cluster.remove() }
            await Self.seedHeld(
                server, annotation: #"[{"tag":"1.1.0","reason":"rolled back by ferry rollback","since":"2026-12-01T15:02:11Z","commit":"3f2a9c1"},{"tag":"1.2.0","reason":"broken","since":"2026-12-01T16:00:00Z"}]"#)
            let first = await ferry(["release-tag", "held", "1.1.0"] + cluster.flags)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout == "released tag 1.1.0 of flux-system/held in the cluster; the next reconcile may select it\n")
            let patch = try #require(await server.store.requests.first { $0.method == "PATCH" })
            #expect(patch.path == "/apis/image.toolkit.fluxcd.io/v1/namespaces/flux-system/imagepolicies/held")
            #expect(patch.header("Content-Type") == "application/merge-patch+json")
            var stored = await server.store.object("imagepolicies", "flux-system", "held")
            #expect(stored?[path: ["metadata", "annotations", Self.key]]?.stringValue == #"[{"tag":"1.2.0","reason":"broken","since":"2026-12-01T16:00:00Z"}]"#)
            #expect(stored?[path: ["metadata", "annotations", "reconcile.fluxcd.io/requestedAt"]]?.stringValue != nil)

            let last = await ferry(["release-tag", "held", "1.2.0", "-o", "json"] + cluster.flags)
            #expect(last.status == 0, "\(last.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(last.stdout.utf8)) as? [String: Any]
            #expect(json?["released"] as? String == "1.2.0")
            #expect((json?["quarantinedTags"] as? [Any])?.isEmpty == true, "\(last.stdout)")
            stored = await server.store.object("imagepolicies", "flux-system", "held")
            #expect(stored?[path: ["metadata", "annotations", Self.key]] == nil, "the annotation is removed")

            let again = await ferry(["release-tag", "held", "1.2.0"] + cluster.flags)
            #expect(again.status == 1)
            #expect(again.stderr == "ferry: tag 1.2.0 is not in the quarantine of ImagePolicy flux-system/held "
                + "(annotation ferry.dev/quarantined-tags in the cluster at \(server.url))\n")
        }
    }

    @Test("release-tag: an unknown policy exits 2 naming it; an annotation that cannot be read exits 2 naming the object, the annotation and the value")
    func releaseTagFailures() async throws {
        try await FakeKubeAPIServer.with { server in
            let cluster = try await Cluster(server)
            defer { cluster.remove() }
            let unknown = await ferry(["release-tag", "nope", "1.0.0", "-n", "apps"] + cluster.flags)
            #expect(unknown.status == 2)
            #expect(unknown.stderr == "ferry: ImagePolicy 'apps/nope' not found in the cluster at \(server.url)\n")
            await Self.seedHeld(server, annotation: "1.1.0,1.2.0")
            let bad = await ferry(["release-tag", "held", "1.1.0"] + cluster.flags)
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("ferry: ImagePolicy 'flux-system/held' in the cluster at \(server.url): "
                + "metadata.annotations[ferry.dev/quarantined-tags]: invalid value \"1.1.0,1.2.0\": is not JSON"), "\(bad.stderr)")
            #expect(await server.store.requests.allSatisfy { $0.method == "GET" }, "nothing is written")
            let mixed = await ferry(["release-tag", "held", "1.1.0", "--state", "ferry.db"] + cluster.flags)
            #expect(mixed.status == 2)
        }
    }
}

/// `ferry explain policy` and `ferry rollback` against a cluster: the objects from the API, the quarantine in the annotation,
/// the revert commit in a real (`file://`) Git repository.
@Suite("Explain and rollback against a cluster")
struct ClusterRollbackCommandTests {
    static let image = "ghcr.io/acme/app"

    static func deployment(_ tag: String) -> String {
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n"
            + "        image: \(image):\(tag) # {\"$imagepolicy\": \"flux-system:app\"}\n"
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: String? = nil, author: String = "Seeder <seed@ferry.invalid>") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let name = String(author.prefix { $0 != "<" }.dropLast())
        let email = String(author.drop { $0 != "<" }.dropFirst().dropLast())
        process.environment = ProcessInfo.processInfo.environment.merging([
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
        ]) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return String(decoding: data, as: UTF8.self)
    }

    /// A bare repository whose `main` has a seed commit (1.0.0) and an automated one (1.0.1, by ferry@example.com).
    static func repository() throws -> (root: String, bare: String, automated: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-cluster-rollback-\(UUID().uuidString)").path
        let work = root + "/work", bare = root + "/origin.git"
        try FileManager.default.createDirectory(atPath: work + "/apps", withIntermediateDirectories: true)
        try git(["init", "--bare", "-b", "main", bare])
        try git(["init", "-b", "main", work])
        try deployment("1.0.0").write(toFile: work + "/apps/app.yaml", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: work)
        try git(["commit", "-m", "seed"], in: work)
        try deployment("1.0.1").write(toFile: work + "/apps/app.yaml", atomically: true, encoding: .utf8)
        try git(["commit", "-am", "Update \(image):1.0.1"], in: work, author: "ferry <ferry@example.com>")
        try git(["push", bare, "main"], in: work)
        let automated = try git(["--git-dir", bare, "rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return (root, bare, automated)
    }

    static func seed(_ server: FakeKubeAPIServer, url: String, annotations: JSONValue = [:]) async {
        let store = server.store
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImageRepository", "metadata": ["name": "app", "namespace": "flux-system"],
                "spec": ["image": .string(image), "interval": "5m"],
                "status": ["lastScanResult": ["revision": "sha256:0123", "tagCount": 3, "scanTime": "2026-12-01T10:00:00Z", "latestTags": ["1.0.1", "1.0.0", "0.9.0"]]],
            ], plural: "imagerepositories")
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy",
                "metadata": ["name": "app", "namespace": "flux-system", "annotations": annotations],
                "spec": ["imageRepositoryRef": ["name": "app"], "policy": ["semver": ["range": ">=1.0.0"]]],
                "status": ["latestRef": ["name": .string(image), "tag": "1.0.1"]],
            ], plural: "imagepolicies")
        await store.seed(
            [
                "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository", "metadata": ["name": "fleet", "namespace": "flux-system"],
                "spec": ["url": .string(url), "interval": "1m", "ref": ["branch": "main"]],
            ], plural: "gitrepositories")
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImageUpdateAutomation", "metadata": ["name": "fleet", "namespace": "flux-system"],
                "spec": [
                    "interval": "5m", "sourceRef": ["kind": "GitRepository", "name": "fleet"],
                    "git": ["checkout": ["ref": ["branch": "main"]], "commit": ["author": ["name": "ferry", "email": "ferry@example.com"]], "push": ["branch": "main"]],
                    "update": ["path": "./apps", "strategy": "Setters"],
                ],
            ], plural: "imageupdateautomations")
    }

    @Test("explain policy reads the objects from the cluster, the quarantine from the annotation and the tags from the repository's status")
    func explain() async throws {
        try await FakeKubeAPIServer.with { server in
            let kubeconfig = try Cluster.kubeconfig(server: server.url, token: "admin-token")
            defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
            await Self.seed(server, url: "file:///nowhere", annotations: .object([
                (ClusterQuarantineCommandTests.key, .string(#"[{"tag":"1.0.1","reason":"broken"}]"#)), ("ferry.dev/minimum-age", "10m"),
            ]))
            let result = await ferry(["explain", "policy", "app", "--no-checkout", "-o", "json", "--kubeconfig", kubeconfig])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(json["selected"] as? String == "1.0.0")
            let tags = try #require(json["tags"] as? [[String: Any]])
            #expect(tags.first { $0["tag"] as? String == "1.0.1" }?["rule"] as? String == "quarantine")
            #expect(await server.store.requests.allSatisfy { $0.method == "GET" }, "explain only reads")

            let unknown = await ferry(["explain", "policy", "nope", "--no-checkout", "--kubeconfig", kubeconfig])
            #expect(unknown.status == 2)
            #expect(unknown.stderr == "ferry: no ImagePolicy flux-system/nope in the cluster at \(server.url)\n")
        }
    }

    @Test("rollback makes the revert commit in Git and puts the tag in the policy's annotation by merge patch")
    func rollback() async throws {
        let (root, bare, automated) = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await FakeKubeAPIServer.with { server in
            let kubeconfig = try Cluster.kubeconfig(server: server.url, token: "admin-token")
            defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
            await Self.seed(server, url: "file://" + bare)
            let result = await ferry(["rollback", "app", "--kubeconfig", kubeconfig])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("quarantined tag 1.0.1"), "\(result.stdout)")
            #expect(try Self.git(["--git-dir", bare, "show", "main:apps/app.yaml"]) == Self.deployment("1.0.0"))
            #expect(try Self.git(["--git-dir", bare, "rev-parse", "main~1"]).hasPrefix(automated), "a new commit, never a history rewrite")
            let patch = try #require(await server.store.requests.first { $0.method == "PATCH" })
            #expect(patch.path == "/apis/image.toolkit.fluxcd.io/v1/namespaces/flux-system/imagepolicies/app")
            #expect(patch.header("Content-Type") == "application/merge-patch+json")
            let stored = await server.store.object("imagepolicies", "flux-system", "app")
            let annotation = try #require(stored?[path: ["metadata", "annotations", ClusterQuarantineCommandTests.key]]?.stringValue)
            #expect(annotation.hasPrefix(#"[{"tag":"1.0.1","reason":"rolled back by ferry rollback","since":""#), "\(annotation)")
            #expect(annotation.hasSuffix(#""commit":"\#(automated)"}]"#), "\(annotation)")
            #expect(stored?[path: ["metadata", "annotations", "reconcile.fluxcd.io/requestedAt"]]?.stringValue != nil)
            #expect(stored?[path: ["status", "latestRef", "tag"]] == "1.0.0", "no automation run writes 1.0.1 again before the policy's reconcile")
            #expect(stored?[path: ["status", "observedPreviousRef", "tag"]] == "1.0.1")
            let statusPatch = await server.store.requests.first { $0.method == "PATCH" && $0.path.hasSuffix("/status") }
            #expect(statusPatch?.header("Content-Type") == "application/merge-patch+json")

            let again = await ferry(["rollback", "app", "--kubeconfig", kubeconfig])
            #expect(again.status == 1, "the latest change is already a rollback: \(again.stderr)")
        }
    }
}
