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
