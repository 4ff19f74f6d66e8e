import FerryCore
import Testing

@Suite struct GitPushPlanTests {
    static let notInferable = "push spec not provided, and cannot be inferred from .spec.git.checkout.ref or GitRepository .spec.ref"

    /// UA-31: push branch, switch and force, for each combination of push spec and checkout ref.
    @Test(arguments: [
        // push branch, checkout ref, expected branch, switches
        ("", GitCheckoutReference(branch: "main") as GitCheckoutReference?, "main", false),
        ("main", GitCheckoutReference(branch: "main"), "main", false),
        ("auto", GitCheckoutReference(branch: "main"), "auto", true),
        ("auto", GitCheckoutReference(tag: "v1"), "auto", true),
        ("auto", GitCheckoutReference(semver: "1.x"), "auto", true),
        ("main", GitCheckoutReference(tag: "v1"), "main", true),
        ("master", nil, "master", false),
        ("main", nil, "main", true),
        ("main", GitCheckoutReference(branch: "main", commit: "abc"), "main", false),
    ])
    func inference(_ pushBranch: String, _ checkout: GitCheckoutReference?, _ branch: String, _ switches: Bool) throws {
        let plan = try GitPushPlan(push: GitPushSpec(branch: pushBranch), checkout: checkout)
        #expect(plan.branch == branch)
        #expect(plan.switchesBranch == switches)
        #expect(plan.forcesBranch == switches)
        #expect(plan.requiresFullSync == switches)
        #expect(plan.branchRefspec == (switches ? "+" : "") + "refs/heads/\(branch):refs/heads/\(branch)")
    }

    @Test(
        arguments: [
            (nil, nil),
            (GitPushSpec(), nil),
            (nil, GitCheckoutReference(tag: "v1")),
            (GitPushSpec(refspec: "refs/heads/x:refs/heads/y"), GitCheckoutReference(semver: "1.x")),
            (nil, GitCheckoutReference(commit: "abc")),
        ] as [(GitPushSpec?, GitCheckoutReference?)])
    func notInferableWordForWord(_ push: GitPushSpec?, _ checkout: GitCheckoutReference?) {
        #expect(throws: GitConfigurationError.self) { try GitPushPlan(push: push, checkout: checkout) }
        do {
            _ = try GitPushPlan(push: push, checkout: checkout)
        } catch {
            #expect(error.description == Self.notInferable)
            #expect(error.shortDescription == "push branch not inferable")
        }
    }

    @Test func forceGateOffNeverForces() throws {
        let plan = try GitPushPlan(push: GitPushSpec(branch: "auto"), checkout: GitCheckoutReference(branch: "main"), forcePushBranch: false)
        #expect(plan.switchesBranch)
        #expect(!plan.forcesBranch)
        #expect(plan.branchRefspec == "refs/heads/auto:refs/heads/auto")
    }

    @Test func refspecAndOptions() throws {
        let push = GitPushSpec(branch: "auto", refspec: "refs/heads/auto:refs/for/main", options: ["topic": "bump", "merge_request.create": ""])
        let plan = try GitPushPlan(push: push, checkout: GitCheckoutReference(branch: "main"))
        #expect(plan.refspec == "refs/heads/auto:refs/for/main")
        #expect(plan.pushedRefspecs == ["refs/heads/auto:refs/for/main"])
        #expect(plan.options == ["merge_request.create", "topic=bump"])
        #expect(plan.requiresFullSync)
        let sameBranch = try GitPushPlan(
            push: GitPushSpec(refspec: "refs/heads/main:refs/heads/release"), checkout: GitCheckoutReference(branch: "main"))
        #expect(!sameBranch.switchesBranch)
        #expect(sameBranch.requiresFullSync)
    }

    @Test(arguments: ["bad name", "a..b", "-x", "x.lock", "x/", "a:b", ".hidden", "a/.b", "x~1", "a@{1}"])
    func invalidBranchNames(_ name: String) {
        #expect(throws: GitConfigurationError.self) { try GitPushPlan(push: GitPushSpec(branch: name), checkout: nil) }
    }

    @Test func pushSummaryAsFluxWritesIt() {
        let hash = "0123456789abcdef0123456789abcdef01234567"
        var result = GitPushResult(
            commit: GitRevision(reference: "refs/heads/auto", hash: hash), branch: "auto", refspecs: [], time: GitTimestamp(seconds: 1),
            message: "Update image", attempts: 1
        )
        #expect(result.summary == "pushed commit '0123456' to branch 'auto'\nUpdate image")
        result.refspecs = ["refs/heads/auto:refs/for/main", "refs/heads/auto:refs/heads/x"]
        result.message = ""
        #expect(
            result.summary == "pushed commit '0123456' to branch 'auto' and refspecs 'refs/heads/auto:refs/for/main', 'refs/heads/auto:refs/heads/x'")
    }

    /// UA-18: the push commit after a push to the checkout branch, the checkout commit when switching.
    @Test func observedSourceRevision() {
        let checkout = GitRevision(reference: "refs/heads/main", hash: String(repeating: "1", count: 40))
        let pushed = GitPushResult(
            commit: GitRevision(reference: "refs/heads/main", hash: String(repeating: "2", count: 40)), branch: "main", refspecs: [],
            time: GitTimestamp(seconds: 5), message: "m", attempts: 1
        )
        #expect(
            GitAutomationOutcome(checkout: checkout, push: pushed, switchedBranch: false).observedSourceRevision
                == "main@sha1:" + String(repeating: "2", count: 40))
        #expect(
            GitAutomationOutcome(checkout: checkout, push: pushed, switchedBranch: true).observedSourceRevision
                == "main@sha1:" + String(repeating: "1", count: 40))
        #expect(
            GitAutomationOutcome(checkout: checkout, push: nil, switchedBranch: false).observedSourceRevision
                == "main@sha1:" + String(repeating: "1", count: 40))
    }
}
