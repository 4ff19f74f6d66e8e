import FerryCore
import Testing

@Suite("Promotion: reading what another environment runs")
struct PromotionValuesTests {
    static func file(_ path: String, _ text: String) -> ManifestFile { ManifestFile(path: path, bytes: Array(text.utf8)) }

    static let staging = file("apps/app.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: registry.local:5000/team/app:1.4.0 # {"$imagepolicy": "flux-system:app"}
              - name: sidecar
                image: ghcr.io/org/sidecar:2.0.0@sha256:abc # {"$imagepolicy": "flux-system:sidecar"}

        """)

    static let policies = [
        PolicyLatestRef(namespace: "flux-system", name: "app", image: "registry.local:5000/team/app", tag: "1.9.0"),
        PolicyLatestRef(namespace: "flux-system", name: "sidecar", image: "ghcr.io/org/sidecar", tag: "2.1.0"),
        PolicyLatestRef(namespace: "flux-system", name: "absent", image: "ghcr.io/org/absent", tag: "1.0.0"),
    ]

    @Test("Full-reference markers give image, tag and digest; the policies' own latest tags are ignored")
    func fullReferences() {
        let plan = PromotionValues.read([Self.staging]).promote(Self.policies)
        #expect(plan.policies == [
            PolicyLatestRef(namespace: "flux-system", name: "app", image: "registry.local:5000/team/app", tag: "1.4.0"),
            PolicyLatestRef(namespace: "flux-system", name: "sidecar", image: "ghcr.io/org/sidecar", tag: "2.0.0", digest: "sha256:abc"),
        ])
        #expect(plan.notFound == ["flux-system:absent"])
        #expect(plan.conflicts.isEmpty)
    }

    @Test("Split markers (:name and :tag) are combined; a tag alone keeps the policy's image name")
    func splitMarkers() {
        let helm = Self.file("values.yaml", """
            image:
              repository: ghcr.io/org/app # {"$imagepolicy": "flux-system:app:name"}
              tag: "1.4.0" # {"$imagepolicy": "flux-system:app:tag"}
            sidecar:
              tag: 2.0.0 # {"$imagepolicy": "flux-system:sidecar:tag"}

            """)
        let plan = PromotionValues.read([helm]).promote(Array(Self.policies.prefix(2)))
        #expect(plan.policies == [
            PolicyLatestRef(namespace: "flux-system", name: "app", image: "ghcr.io/org/app", tag: "1.4.0"),
            PolicyLatestRef(namespace: "flux-system", name: "sidecar", image: "ghcr.io/org/sidecar", tag: "2.0.0"),
        ])
    }

    @Test("Two places that run different tags of one policy are a conflict naming both, and nothing is promoted for it")
    func conflict() {
        let other = Self.file("apps/worker.yaml", """
            spec:
              image: registry.local:5000/team/app:1.3.0 # {"$imagepolicy": "flux-system:app"}

            """)
        let plan = PromotionValues.read([Self.staging, other]).promote([Self.policies[0]])
        #expect(plan.policies.isEmpty)
        let conflict = try? #require(plan.conflicts.first)
        #expect(conflict?.description == "the promotion source runs more than one value for flux-system:app: "
            + "\"registry.local:5000/team/app:1.4.0\" (apps/app.yaml:9), \"registry.local:5000/team/app:1.3.0\" (apps/worker.yaml:2); "
            + "make them agree before promoting")
    }

    @Test("The same tag in two places is no conflict; files that are not YAML are skipped")
    func agreeingAndBroken() {
        let copy = Self.file("apps/copy.yaml", "spec:\n  image: registry.local:5000/team/app:1.4.0 # {\"$imagepolicy\": \"flux-system:app\"}\n")
        let broken = Self.file("apps/chart.yaml", "{{ if .Values.x }}\n  image: [oops # {\"$imagepolicy\": \"flux-system:app\"}\n")
        let plan = PromotionValues.read([Self.staging, copy, broken]).promote([Self.policies[0]])
        #expect(plan.policies.map(\.tag) == ["1.4.0"])
        #expect(plan.conflicts.isEmpty)
    }

    @Test("A marker without a tag (image name only) promotes nothing for that policy")
    func nameOnly() {
        let names = Self.file("a.yaml", "repository: ghcr.io/org/app # {\"$imagepolicy\": \"flux-system:app:name\"}\n")
        let plan = PromotionValues.read([names]).promote([Self.policies[0]])
        #expect(plan.policies.isEmpty)
        #expect(plan.notFound == ["flux-system:app"])
    }

    @Test(
        "The promote-from path is relative and stays in the repository",
        arguments: [("./clusters/staging", "clusters/staging"), ("clusters/staging/", "clusters/staging"), (".", "."), ("./", ".")])
    func paths(raw: String, expected: String) throws {
        #expect(try PromotionAnnotations.promotionPath([PromotionAnnotations.promoteFrom: raw]) == expected)
    }

    @Test("An absolute path or one that leaves the repository is refused, naming the annotation")
    func badPaths() {
        for raw in ["/etc", "clusters/../../x"] {
            #expect(throws: SpecError.self) { try PromotionAnnotations.promotionPath([PromotionAnnotations.promoteFrom: raw]) }
        }
        #expect(throws: SpecError(
            field: "metadata.annotations[ferry.dev/promote-from]", value: "../prod", problem: "must stay inside the repository (no '..')")) {
            try PromotionAnnotations.promotionPath([PromotionAnnotations.promoteFrom: "../prod"])
        }
    }

    @Test("The batch window is a Go duration up to an hour; zero means none")
    func batchWindow() throws {
        #expect(try PromotionAnnotations.batchWindow([PromotionAnnotations.batchWindow: "30s"]) == .seconds(30))
        #expect(try PromotionAnnotations.batchWindow([PromotionAnnotations.batchWindow: "0s"]) == nil)
        #expect(try PromotionAnnotations.batchWindow([:]) == nil)
        for bad in ["soon", "-5s", "2h"] {
            #expect(throws: SpecError.self) { try PromotionAnnotations.batchWindow([PromotionAnnotations.batchWindow: bad]) }
        }
    }
}
