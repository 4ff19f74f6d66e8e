import Testing

@testable import FerryCore

struct ImagePolicyDecisionsTests {
    private func policy(_ choice: ImagePolicyChoice, filter: TagFilterSpec? = nil, digest: ImagePolicy.DigestReflectionPolicy? = nil, latest: ImagePolicy.ImageRef? = nil) -> ImagePolicy {
        var policy = ImagePolicy(
            metadata: ObjectMeta(name: "p", namespace: "ns"),
            spec: .init(imageRepositoryRef: .init(name: "r"), policy: choice, filterTags: filter, digestReflectionPolicy: digest))
        policy.status.latestRef = latest
        return policy
    }

    @Test func selectsWithFluxMessages() {
        let semver = policy(ImagePolicyChoice(semver: SemVerPolicy(range: "^1.x")))
        #expect(ImagePolicyDecisions.select(semver, tags: TagList(["1.0.0", "1.2.0", "2.0.0"])) == .tag("1.2.0", value: "1.2.0"))
        #expect(ImagePolicyDecisions.select(semver, tags: TagList([])) == .noTags)
        #expect(ImagePolicyDecisions.select(semver, tags: nil) == .noTags)
        #expect(ImagePolicyDecisions.select(semver, tags: TagList(["3.0.0"])) == .failed(message: "unable to determine latest version from provided list"))
        let numeric = policy(ImagePolicyChoice(numerical: OrderPolicy(order: "asc")))
        #expect(ImagePolicyDecisions.select(numeric, tags: TagList(["1", "x"])) == .failed(message: "failed to parse invalid numeric value 'x'"))
    }

    @Test func invalidSpecsStall() {
        let badRange = policy(ImagePolicyChoice(semver: SemVerPolicy(range: ">=1.0 <<2")))
        #expect(ImagePolicyDecisions.select(badRange, tags: TagList(["1.0.0"])) == .stalled(reason: "InvalidPolicy", message: "invalid policy: improper constraint: >=1.0 <<2"))
        let empty = policy(ImagePolicyChoice())
        #expect(ImagePolicyDecisions.select(empty, tags: TagList(["1.0.0"])) == .stalled(reason: "InvalidPolicy", message: "invalid policy: given ImagePolicyChoice object is invalid"))
        guard case .stalled(let reason, let message) = ImagePolicyDecisions.select(policy(ImagePolicyChoice(alphabetical: OrderPolicy()), filter: TagFilterSpec(pattern: "(")), tags: TagList(["a"])) else {
            Issue.record("an invalid filter must stall")
            return
        }
        #expect(reason == "InvalidPolicy")
        #expect(message.hasPrefix("failed to filter tags: "))
    }

    @Test func digestPlans() {
        let latest = ImagePolicy.ImageRef(name: "img", tag: "1.0.0", digest: "sha256:aa")
        #expect(ImagePolicyDecisions.digestPlan(policy(ImagePolicyChoice(), latest: latest), image: "img", tag: "1.0.0") == .keep(nil))
        #expect(ImagePolicyDecisions.digestPlan(policy(ImagePolicyChoice(), digest: .always, latest: latest), image: "img", tag: "1.0.0") == .fetch)
        #expect(ImagePolicyDecisions.digestPlan(policy(ImagePolicyChoice(), digest: .ifNotPresent, latest: latest), image: "img", tag: "1.0.0") == .keep("sha256:aa"))
        #expect(ImagePolicyDecisions.digestPlan(policy(ImagePolicyChoice(), digest: .ifNotPresent, latest: latest), image: "img", tag: "1.0.1") == .fetch)
        #expect(ImagePolicyDecisions.digestPlan(policy(ImagePolicyChoice(), digest: .ifNotPresent, latest: nil), image: "img", tag: "1.0.0") == .fetch)
    }

    @Test func refsAndReadyMessages() {
        var status = ImagePolicy.Status()
        #expect(ImagePolicyDecisions.update(&status, to: .init(name: "ghcr.io/a/b", tag: "1.0.0")))
        #expect(ImagePolicyDecisions.readyMessage(status) == "Latest image tag for ghcr.io/a/b resolved to 1.0.0")
        #expect(!ImagePolicyDecisions.update(&status, to: .init(name: "ghcr.io/a/b", tag: "1.0.0")))
        #expect(ImagePolicyDecisions.update(&status, to: .init(name: "ghcr.io/a/b", tag: "1.1.0", digest: "sha256:bb")))
        #expect(ImagePolicyDecisions.readyMessage(status) == "Latest image tag for ghcr.io/a/b resolved to 1.1.0 with digest sha256:bb (previously ghcr.io/a/b:1.0.0)")
        #expect(status.observedPreviousRef?.tag == "1.0.0")
    }

    @Test func neverMovesBackWhileTheSpecIsUnchanged() {
        let semver = policy(ImagePolicyChoice(semver: SemVerPolicy(range: ">=1.0.0")), latest: .init(name: "img", tag: "1.5.0"))
        #expect(ImagePolicyDecisions.downgradeGuard(semver, selected: "1.4.0", specUnchanged: true) == "1.5.0")
        #expect(ImagePolicyDecisions.downgradeGuard(semver, selected: "1.4.0", specUnchanged: false) == nil, "a spec change may move back")
        #expect(ImagePolicyDecisions.downgradeGuard(semver, selected: "1.6.0", specUnchanged: true) == nil)
        #expect(ImagePolicyDecisions.downgradeGuard(semver, selected: "v1.5.0", specUnchanged: true) == nil, "an equal version is not a downgrade")
        let numeric = policy(ImagePolicyChoice(numerical: OrderPolicy(order: "asc")), latest: .init(name: "img", tag: "10"))
        #expect(ImagePolicyDecisions.downgradeGuard(numeric, selected: "10.0", specUnchanged: true) == nil, "equal numbers are not a downgrade")
        #expect(ImagePolicyDecisions.downgradeGuard(numeric, selected: "9", specUnchanged: true) == "10")
        let descending = policy(ImagePolicyChoice(alphabetical: OrderPolicy(order: "desc")), latest: .init(name: "img", tag: "a"))
        #expect(ImagePolicyDecisions.downgradeGuard(descending, selected: "b", specUnchanged: true) == "a")
    }
}
