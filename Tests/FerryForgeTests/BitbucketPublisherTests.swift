import FerryCore
import FerryForge
import Testing

@Suite struct BitbucketPublisherTests {
    static let uuid = "{d5e8c5a1-3b7d-4f3e-9d1a-2f0c6e7b8a90}"

    @Test func createsWithReviewersThenLeavesAloneThenUpdates() async throws {
        let forge = try ForgeHarness(.bitbucket)
        let repository = forge.repository("create")
        let spec = forge.spec(repository, reviewers: [Self.uuid, "557058:1a2b3c"])

        let created = try await forge.publish(spec)
        #expect(created.action == .created)
        #expect(created.webURL == "\(forge.origin)/\(repository)/pull-requests/1")
        #expect(created.reviewersRequested == [Self.uuid, "557058:1a2b3c"])
        var state = try await forge.state(repository)
        #expect(state.bodyJSON("POST", "/pullrequests") == #"""
            {"description":"- ghcr.io/stefanprodan/podinfo: 6.5.0 → 6.5.1","destination":{"branch":{"name":"main"}},"draft":false,"reviewers":[{"uuid":"{d5e8c5a1-3b7d-4f3e-9d1a-2f0c6e7b8a90}"},{"account_id":"557058:1a2b3c"}],"source":{"branch":{"name":"ferry/podinfo"}},"title":"Update podinfo to 6.5.1"}
            """#)
        #expect(state.queries("GET", "/pullrequests").first
            == "q=source.branch.name+%3D+%22ferry%2Fpodinfo%22+AND+destination.branch.name+%3D+%22main%22+AND+state+%3D+%22OPEN%22&pagelen=50")

        #expect(try await forge.publish(spec).action == .unchanged)
        state = try await forge.state(repository)
        #expect(state.calls.last == "GET /2.0/repositories/\(repository)/pullrequests/1")

        var changed = spec
        changed.body = "new body"
        let updated = try await forge.publish(changed)
        #expect(updated.action == .updated)
        state = try await forge.state(repository)
        #expect(state.bodyJSON("PUT", "/pullrequests/1") == #"{"description":"new body","title":"Update podinfo to 6.5.1"}"#)
        #expect(state.pulls.count == 1)
        #expect(state.pulls.first?["description"] as? String == "new body")
    }

    @Test func branchNamesWithQuotesAreEscapedInTheQuery() async throws {
        let forge = try ForgeHarness(.bitbucket)
        let repository = forge.repository("quote")
        let spec = forge.spec(repository, source: #"ferry/odd"name"#)
        #expect(try await forge.publish(spec).action == .created)
        #expect(try await forge.publish(spec).action == .unchanged)
    }

    @Test func paginationAndClosedPullRequests() async throws {
        let forge = try ForgeHarness(.bitbucket)
        let repository = forge.repository("pages")
        let spec = forge.spec(repository)
        let others = (1...4).map { ForgeHarness.Seed(source: "ferry/other-\($0)") }
        try await forge.seed(
            repository, pulls: [.init(source: "ferry/podinfo", state: "merged")] + others + [.init(source: "ferry/podinfo", title: spec.title, body: spec.body)],
            perPageCap: 2, ignoreFilters: true)
        let result = try await forge.publish(spec)
        #expect(result.action == .unchanged)
        #expect(result.number == 6)
        let state = try await forge.state(repository)
        #expect(state.calls.filter { $0.hasSuffix("/pullrequests") }.count == 3)
    }

    @Test func labelsAndAutoMergeAreRefused() async throws {
        let forge = try ForgeHarness(.bitbucket)
        let repository = forge.repository("unsupported")
        #expect(try await forge.failure(forge.spec(repository, labels: ["x"])).kind == .configuration)
        #expect(try await forge.failure(forge.spec(repository, autoMerge: .merge)).kind == .configuration)
        #expect(try await forge.state(repository).requests.isEmpty)
    }

    @Test func appPasswordsAndErrors() async throws {
        let forge = try ForgeHarness(.bitbucket)
        let basic = forge.spec(forge.repository("basic"), credentials: .basic(username: "ferry-bot", password: "ferry-app-password"))
        #expect(try await forge.publish(basic).action == .created)
        let unauthorized = try await forge.failure(forge.spec(forge.repository("auth"), credentials: .token("bb-wrong-token")))
        #expect(unauthorized.kind == .unauthorized)
        #expect(unauthorized.description.contains("Token is invalid, expired, or not supported for this endpoint."))
        #expect(!unauthorized.description.contains("bb-wrong-token"))
        let missing = try await forge.failure(forge.spec("ws/missing-repo"))
        #expect(missing.kind == .notFound)
        #expect(missing.description.contains("(the forge says: Repository not found)"))
        let invalid = try await forge.failure(forge.spec(forge.repository("branch"), source: "nonexistent-branch"))
        #expect(invalid.kind == .rejected)
        #expect(invalid.status == 400)
        #expect(invalid.description.contains("source branch not found: nonexistent-branch"))
    }
}
