import FerryCore
import FerryForge
import Testing

@Suite struct GitLabPublisherTests {
    @Test func createsWithReviewerIDsThenLeavesAloneThenUpdates() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("create")
        let encoded = PercentEncoding.pathSegment(repository)
        let spec = forge.spec(repository, labels: ["automated", "image-update"], reviewers: ["alice", "bob"], draft: true)

        let created = try await forge.publish(spec)
        #expect(created.action == .created)
        #expect(created.number == 1)
        #expect(created.webURL == "\(forge.origin)/\(repository)/-/merge_requests/1")
        var state = try await forge.state(repository)
        #expect(state.bodyJSON("POST", "/merge_requests") == #"""
            {"description":"- ghcr.io/stefanprodan/podinfo: 6.5.0 → 6.5.1","labels":"automated,image-update","reviewer_ids":[11,12],"source_branch":"ferry/podinfo","target_branch":"main","title":"Draft: Update podinfo to 6.5.1"}
            """#)
        #expect(state.calls.first == "GET /api/v4/projects/\(encoded)/merge_requests")
        #expect(state.queries("GET", "/merge_requests").first == "state=opened&source_branch=ferry%2Fpodinfo&target_branch=main&per_page=100")

        let again = try await forge.publish(spec)
        #expect(again.action == .unchanged)
        state = try await forge.state(repository)
        #expect(state.calls.filter { !$0.hasPrefix("GET") }.count == 1)

        var changed = spec
        changed.title = "Update podinfo to 6.5.2"
        changed.labels = ["automated", "image-update", "prod"]
        let updated = try await forge.publish(changed)
        #expect(updated.action == .updated)
        #expect(updated.labelsAdded == ["prod"])
        state = try await forge.state(repository)
        #expect(state.bodyJSON("PUT", "/merge_requests/1")
            == #"{"add_labels":"prod","description":"- ghcr.io/stefanprodan/podinfo: 6.5.0 → 6.5.1","title":"Draft: Update podinfo to 6.5.2"}"#)
        #expect(state.pulls.count == 1)
        #expect(state.pulls.first?["labels"] as? [String] == ["automated", "image-update", "prod"])
    }

    @Test func aMergeRequestMarkedReadyStaysReady() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("ready")
        let spec = forge.spec(repository, draft: true)
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", title: spec.title, body: spec.body)])
        #expect(try await forge.publish(spec).action == .unchanged)
    }

    @Test func anUnknownReviewerIsNamed() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("who")
        let error = try await forge.failure(forge.spec(repository, reviewers: ["alice", "mallory"]))
        #expect(error.kind == .unknownUser)
        #expect(error.description.contains("there is no GitLab user mallory"))
        let state = try await forge.state(repository)
        #expect(state.bodies("POST", "/merge_requests").isEmpty)
    }

    @Test func aClosedMergeRequestIsNotReused() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("closed")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", state: "merged"), .init(source: "ferry/podinfo", state: "closed")])
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .created)
        #expect(result.number == 3)
    }

    @Test func followsPaginationWithoutOpeningADuplicate() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("pages")
        let spec = forge.spec(repository)
        let others = (1...5).map { ForgeHarness.Seed(source: "ferry/other-\($0)") }
        try await forge.seed(repository, pulls: others + [.init(source: "ferry/podinfo", title: spec.title, body: spec.body)], perPageCap: 2,
                             ignoreFilters: true)
        let result = try await forge.publish(spec)
        #expect(result.action == .unchanged)
        #expect(result.number == 6)
        #expect(try await forge.state(repository).calls.count == 3)
    }

    @Test func autoMergeWhenThePipelineSucceeds() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("automerge")
        let spec = forge.spec(repository, autoMerge: .squash)
        #expect(try await forge.publish(spec).autoMerge == .enabled)
        let state = try await forge.state(repository)
        #expect(state.bodyJSON("PUT", "/merge_requests/1/merge") == #"{"auto_merge":true,"merge_when_pipeline_succeeds":true,"squash":true}"#)
        #expect(try await forge.publish(spec).autoMerge == .alreadyEnabled)
    }

    @Test func autoMergeRefusedOrImmediate() async throws {
        let forge = try ForgeHarness(.gitlab)
        let refused = forge.repository("refused")
        try await forge.seed(refused, autoMerge: "disallowed")
        #expect(try await forge.publish(forge.spec(refused, autoMerge: .merge)).autoMerge == .refused("405 Method Not Allowed"))
        let clean = forge.repository("clean")
        try await forge.seed(clean, autoMerge: "clean")
        #expect(try await forge.publish(forge.spec(clean, autoMerge: .merge)).autoMerge == .merged)
    }

    @Test func errors() async throws {
        let forge = try ForgeHarness(.gitlab)
        let unauthorized = try await forge.failure(forge.spec(forge.repository("auth"), credentials: .token("glpat-wrong")))
        #expect(unauthorized.kind == .unauthorized)
        #expect(unauthorized.description.contains("merge request ferry/podinfo → main of GitLab repository group/sub/auth-"))
        #expect(!unauthorized.description.contains("glpat-wrong"))
        let missing = try await forge.failure(forge.spec("group/missing-project"))
        #expect(missing.kind == .notFound)
        #expect(missing.description.contains("(the forge says: 404 Project Not Found)"))
        let invalid = try await forge.failure(forge.spec(forge.repository("branch"), source: "nonexistent-branch"))
        #expect(invalid.kind == .rejected)
        #expect(invalid.status == 422)
        #expect(invalid.description.contains("Source branch \"nonexistent-branch\" does not exist"))
    }

    @Test func aMergeRequestOpenedMeanwhileIsUpdatedNotDuplicated() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("race")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo")], raceOnce: true)
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .updated)
        #expect(result.number == 1)
        let state = try await forge.state(repository)
        #expect(state.pulls.count == 1)
        #expect(state.pulls.first?["title"] as? String == "Update podinfo to 6.5.1")
        let path = "/api/v4/projects/\(PercentEncoding.pathSegment(repository))/merge_requests"
        #expect(state.calls == ["GET \(path)", "POST \(path)", "GET \(path)", "PUT \(path)/1"])
    }

    @Test func aForksMergeRequestOfTheSameBranchNameIsNotOurs() async throws {
        let forge = try ForgeHarness(.gitlab)
        let repository = forge.repository("fork")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", headRepo: "someone/fork")])
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .created)
        #expect(result.number == 2)
        #expect(try await forge.state(repository).openPulls.count == 2)
    }
}
