import FerryCore
import Testing

@Suite("PolicyRevert and PolicyMarkers: undoing one commit for one policy")
struct PolicyRevertTests {
    static func deployment(app: String, sidecar: String, digest: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app, namespace: default}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: ghcr.io/org/app:\(app) # {"$imagepolicy": "flux-system:app"}
              - name: sidecar
                image: ghcr.io/org/sidecar:\(sidecar) # {"$imagepolicy": "flux-system:sidecar"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: versions}
        data:
          tag: "\(app)" # {"$imagepolicy": "flux-system:app:tag"}
          digest: "\(digest)" # {"$imagepolicy": "flux-system:app:digest"}

        """
    }

    func file(_ text: String, _ path: String = "apps/app.yaml") -> ManifestFile { ManifestFile(path: path, bytes: Array(text.utf8)) }

    @Test func markersAreReadWithoutChangingAnything() {
        let fields = PolicyMarkers.fields(namespace: "flux-system", name: "app", in: file(Self.deployment(app: "1.0.0", sidecar: "2.0.0")))
        #expect(fields.map(\.value).sorted() == ["", "1.0.0", "ghcr.io/org/app:1.0.0"])
        #expect(Set(fields.map(\.kind)) == ["reference", "tag", "digest"])
        let values = PolicyMarkers.Values(fields)
        #expect(values == PolicyMarkers.Values(image: "ghcr.io/org/app", tag: "1.0.0", digest: nil))
        #expect(PolicyMarkers.otherPolicies(namespace: "flux-system", name: "app", in: file(Self.deployment(app: "1", sidecar: "2"))) == ["flux-system:sidecar"])
    }

    @Test(arguments: [
        ("ghcr.io/org/app:1.2.3", "ghcr.io/org/app", "1.2.3", nil),
        ("localhost:5000/team/app:v1@sha256:abc", "localhost:5000/team/app", "v1", "sha256:abc"),
        ("localhost:5000/team/app", "localhost:5000/team/app", nil, nil),
    ] as [(String, String, String?, String?)])
    func referencesSplit(reference: String, image: String, tag: String?, digest: String?) {
        let values = PolicyMarkers.Values([PolicyMarkers.Field(object: ResourceIdentifier(), setter: "ns:p", value: reference)])
        #expect(values == PolicyMarkers.Values(image: image, tag: tag, digest: digest))
    }

    @Test func aCommitIsRevertedForItsPolicyOnly() throws {
        let before = file(Self.deployment(app: "1.0.0", sidecar: "2.0.0"))
        let after = file(Self.deployment(app: "1.0.1", sidecar: "2.0.1"))
        let revert = try #require(PolicyRevert.find(namespace: "flux-system", name: "app", before: [before.path: before], after: [after]))
        #expect(revert.files == ["apps/app.yaml"])
        #expect(revert.from.tag == "1.0.1")
        #expect(revert.to.tag == "1.0.0")
        #expect(revert.badTag == "1.0.1")
        let result = try revert.apply(to: [after])
        let reverted = String(decoding: try #require(result.changedFiles.first).bytes, as: UTF8.self)
        #expect(reverted == Self.deployment(app: "1.0.0", sidecar: "2.0.1"), "the sidecar's update stays")
    }

    @Test func aCommitThatDidNotTouchThePolicyIsNotAChange() {
        let before = file(Self.deployment(app: "1.0.0", sidecar: "2.0.0"))
        let after = file(Self.deployment(app: "1.0.0", sidecar: "2.0.1"))
        #expect(PolicyRevert.find(namespace: "flux-system", name: "app", before: [before.path: before], after: [after]) == nil)
        #expect(PolicyRevert.find(namespace: "flux-system", name: "app", before: [:], after: [after]) == nil, "a new file has no earlier values")
    }

    @Test func fieldsChangedSinceTheCommitAreRefused() throws {
        let before = file(Self.deployment(app: "1.0.0", sidecar: "2.0.0"))
        let after = file(Self.deployment(app: "1.0.1", sidecar: "2.0.0"))
        let revert = try #require(PolicyRevert.find(namespace: "flux-system", name: "app", before: [before.path: before], after: [after]))
        let current = file(Self.deployment(app: "1.0.2", sidecar: "2.0.0"))
        #expect(throws: PolicyRevertError.self) { try revert.apply(to: [current]) }
        do {
            _ = try revert.apply(to: [current])
        } catch {
            #expect(error.description.hasPrefix("the fields of policy flux-system:app in apps/app.yaml changed after the commit being reverted: it wrote ghcr.io/org/app:1.0.1, the file now holds ghcr.io/org/app:1.0.2"))
        }
    }
}
