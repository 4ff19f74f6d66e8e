import FerryCore
import FerryForge
import Testing

@Suite struct GiteaPublisherTests {
    @Test func createsWithLabelIDsAndReviewersThenLeavesAloneThenUpdates() async throws {
        let forge = try ForgeHarness(.gitea)
        let repository = forge.repository("create")
        try await forge.seed(repository, labels: ["bug", "automated", "image-update"])
        let spec = forge.spec(repository, labels: ["automated", "image-update"], reviewers: ["alice", "org/reviewers"], draft: true)

        let created = try await forge.publish(spec)
        #expect(created.action == .created)
        #expect(created.webURL == "\(forge.origin)/\(repository)/pulls/1")
        var state = try await forge.state(repository)
        #expect(state.bodyJSON("POST", "/pulls")
            == #"{"base":"main","body":"- ghcr.io/stefanprodan/podinfo: 6.5.0 → 6.5.1","head":"ferry/podinfo","labels":[101,102],"title":"WIP: Update podinfo to 6.5.1"}"#)
        #expect(state.bodyJSON("POST", "/requested_reviewers") == #"{"reviewers":["alice"],"team_reviewers":["reviewers"]}"#)
        #expect(state.queries("GET", "/pulls").first == "state=open&page=1&limit=50")

        #expect(try await forge.publish(spec).action == .unchanged)
        state = try await forge.state(repository)
        #expect(state.calls.filter { !$0.hasPrefix("GET") }.count == 2)

        var changed = spec
        changed.body = "new body"
        changed.labels = ["automated", "bug"]
        let updated = try await forge.publish(changed)
        #expect(updated.action == .updated)
        #expect(updated.labelsAdded == ["bug"])
        state = try await forge.state(repository)
        #expect(state.bodyJSON("PATCH", "/pulls/1") == #"{"body":"new body","title":"WIP: Update podinfo to 6.5.1"}"#)
        #expect(state.bodyJSON("POST", "/issues/1/labels") == #"{"labels":[100]}"#)
        #expect(state.pulls.count == 1)
    }

    @Test func anUnknownLabelIsNamed() async throws {
        let forge = try ForgeHarness(.gitea)
        let repository = forge.repository("label")
        try await forge.seed(repository, labels: ["automated"])
        let error = try await forge.failure(forge.spec(repository, labels: ["automated", "nope"]))
        #expect(error.kind == .unknownLabel)
        #expect(error.description.contains("the label nope does not exist in \(repository)"))
    }

    @Test func paginationClosedPullsAndForks() async throws {
        let forge = try ForgeHarness(.gitea)
        let repository = forge.repository("pages")
        let spec = forge.spec(repository)
        var seeds = (1...6).map { ForgeHarness.Seed(source: "ferry/other-\($0)") }
        seeds.append(.init(source: "ferry/podinfo", state: "closed"))
        seeds.append(.init(source: "ferry/podinfo", headRepo: "someone/fork"))
        try await forge.seed(repository, pulls: seeds, perPageCap: 3)
        let result = try await forge.publish(spec)
        #expect(result.action == .created)
        #expect(result.number == 9)
        var state = try await forge.state(repository)
        #expect(state.calls.filter { $0.hasSuffix("/pulls") && $0.hasPrefix("GET") }.count == 3)
        // The next run finds it on the third page.
        #expect(try await forge.publish(spec).action == .unchanged)
        state = try await forge.state(repository)
        #expect(state.openPulls.count == 8)
    }

    @Test func autoMergeWhenChecksSucceed() async throws {
        let forge = try ForgeHarness(.gitea)
        let repository = forge.repository("automerge")
        let spec = forge.spec(repository, autoMerge: .rebase)
        #expect(try await forge.publish(spec).autoMerge == .enabled)
        #expect(try await forge.state(repository).bodyJSON("POST", "/pulls/1/merge") == #"{"Do":"rebase","merge_when_checks_succeed":true}"#)
        #expect(try await forge.publish(spec).autoMerge == .alreadyEnabled)
        let clean = forge.repository("clean")
        try await forge.seed(clean, autoMerge: "clean")
        #expect(try await forge.publish(forge.spec(clean, autoMerge: .merge)).autoMerge == .merged)
        let refused = forge.repository("refused")
        try await forge.seed(refused, autoMerge: "disallowed")
        #expect(try await forge.publish(forge.spec(refused, autoMerge: .merge)).autoMerge == .refused("Please try again later"))
    }

    @Test func basicAuthenticationAndErrors() async throws {
        let forge = try ForgeHarness(.gitea)
        let ok = try await forge.publish(forge.spec(forge.repository("basic"), credentials: .basic(username: "ferry-bot", password: "ferry-app-password")))
        #expect(ok.action == .created)
        let unauthorized = try await forge.failure(forge.spec(forge.repository("auth"), credentials: .basic(username: "ferry-bot", password: "wrong-pass")))
        #expect(unauthorized.kind == .unauthorized)
        #expect(unauthorized.description.contains("the forge did not accept the credentials (basic (user ferry-bot))"))
        #expect(!unauthorized.description.contains("wrong-pass"))
        let missing = try await forge.failure(forge.spec("team/missing-repo"))
        #expect(missing.kind == .notFound)
        let conflict = forge.repository("conflict")
        let error = try await forge.failure(forge.spec(conflict, reviewers: ["mallory"]))
        #expect(error.kind == .rejected)
        #expect(error.description.contains("user does not exist [uid: 0, name: mallory]"))
    }

    @Test func aPullRequestOpenedMeanwhileIsUpdatedNotDuplicated() async throws {
        let forge = try ForgeHarness(.gitea)
        let repository = forge.repository("race")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo")], raceOnce: true)
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .updated)
        #expect(result.number == 1)
        let state = try await forge.state(repository)
        #expect(state.pulls.count == 1)
        #expect(state.pulls.first?["title"] as? String == "Update podinfo to 6.5.1")
        let path = "/api/v1/repos/\(repository)/pulls"
        #expect(state.calls == ["GET \(path)", "POST \(path)", "GET \(path)", "PATCH \(path)/1"])
    }
}
