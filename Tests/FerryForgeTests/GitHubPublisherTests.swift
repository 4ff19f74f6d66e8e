import FerryCore
import FerryForge
import Testing

@Suite struct GitHubPublisherTests {
    @Test func createsThenLeavesAloneThenUpdates() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("create")
        let spec = forge.spec(repository, labels: ["automated", "image-update"], reviewers: ["alice", "org/reviewers"], draft: true)

        let created = try await forge.publish(spec)
        #expect(created.action == .created)
        #expect(created.number == 1)
        #expect(created.webURL == "\(forge.origin)/\(repository)/pull/1")
        #expect(created.labelsAdded == ["automated", "image-update"])
        #expect(created.reviewersRequested == ["alice", "org/reviewers"])
        var state = try await forge.state(repository)
        #expect(state.bodyJSON("POST", "/pulls")
            == #"{"base":"main","body":"- ghcr.io/stefanprodan/podinfo: 6.5.0 → 6.5.1","draft":true,"head":"ferry/podinfo","title":"Update podinfo to 6.5.1"}"#)
        #expect(state.bodyJSON("POST", "/requested_reviewers") == #"{"reviewers":["alice"],"team_reviewers":["reviewers"]}"#)
        #expect(state.bodyJSON("POST", "/issues/1/labels") == #"{"labels":["automated","image-update"]}"#)
        let pull = try #require(state.pulls.first)
        #expect((pull["labels"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["automated", "image-update"])
        #expect((pull["requested_reviewers"] as? [[String: Any]])?.compactMap { $0["login"] as? String } == ["alice"])
        #expect((pull["requested_teams"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["reviewers"])
        #expect(pull["draft"] as? Bool == true)
        #expect(state.queries("GET", "/pulls").first == "state=open&head=team%3Aferry%2Fpodinfo&base=main&per_page=100")

        let again = try await forge.publish(spec)
        #expect(again.action == .unchanged)
        #expect(again.number == 1)
        #expect(again.labelsAdded.isEmpty && again.reviewersRequested.isEmpty)
        state = try await forge.state(repository)
        #expect(state.calls.filter { !$0.hasPrefix("GET") }.count == 3)  // create, labels, reviewers: nothing more

        var changed = spec
        changed.title = "Update podinfo to 6.5.2"
        changed.body = "- ghcr.io/stefanprodan/podinfo: 6.5.0 → 6.5.2"
        let updated = try await forge.publish(changed)
        #expect(updated.action == .updated)
        #expect(updated.number == 1)
        state = try await forge.state(repository)
        #expect(state.pulls.count == 1)
        #expect(state.pulls.first?["title"] as? String == "Update podinfo to 6.5.2")
        #expect(state.bodies("PATCH", "/pulls/1").count == 1)
        #expect(Set(state.bodies("PATCH", "/pulls/1").first?.keys.map { $0 } ?? []) == ["title", "body"])
    }

    @Test func missingLabelsAreAddedToAnOpenPullRequest() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("labels")
        let spec = forge.spec(repository, labels: ["automated", "Prod"])
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", title: spec.title, body: spec.body, labels: ["prod", "keep-me"])])
        let result = try await forge.publish(spec)
        #expect(result.action == .updated)
        #expect(result.labelsAdded == ["automated"])
        let state = try await forge.state(repository)
        #expect(state.bodies("POST", "/issues/1/labels").first?["labels"] as? [String] == ["automated"])
        #expect(state.bodies("PATCH", "/pulls/1").isEmpty)
        #expect((state.pulls.first?["labels"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["prod", "keep-me", "automated"])
    }

    @Test func aClosedPullRequestIsNotReused() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("closed")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", state: "closed")])
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .created)
        #expect(result.number == 2)
        let state = try await forge.state(repository)
        #expect(state.openPulls.count == 1)
        #expect(state.pulls.count == 2)
    }

    @Test func aForksBranchOfTheSameNameIsNotOurs() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("fork")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", headRepo: "someone/fork")], ignoreFilters: true)
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .created)
        #expect(result.number == 2)
    }

    @Test func followsPaginationWithoutOpeningADuplicate() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("pages")
        let spec = forge.spec(repository)
        let others = (1...7).map { ForgeHarness.Seed(source: "ferry/other-\($0)") }
        try await forge.seed(repository, pulls: others + [.init(source: "ferry/podinfo", title: spec.title, body: spec.body)], perPageCap: 3,
                             ignoreFilters: true)
        let result = try await forge.publish(spec)
        #expect(result.action == .unchanged)
        #expect(result.number == 8)
        let state = try await forge.state(repository)
        #expect(state.calls == ["GET /repos/\(repository)/pulls", "GET /repos/\(repository)/pulls", "GET /repos/\(repository)/pulls"])
        #expect(state.queries("GET", "/pulls").last?.contains("page=3") == true)
    }

    @Test func autoMergeThroughGraphQL() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("automerge")
        let spec = forge.spec(repository, autoMerge: .squash, enterprise: true)
        let first = try await forge.publish(spec)
        #expect(first.autoMerge == .enabled)
        let state = try await forge.state(repository)
        #expect(state.calls.contains("POST /api/graphql"))
        let graphQL = try #require(state.bodies("POST", "/graphql").first)
        let nodeID = try #require(state.pulls.first?["node_id"] as? String)
        #expect((graphQL["variables"] as? [String: String]) == ["pullRequestId": nodeID, "mergeMethod": "SQUASH"])
        #expect(state.calls.allSatisfy { $0.hasPrefix("POST /api/graphql") || $0.contains(" /api/v3/") })
        let second = try await forge.publish(spec)
        #expect(second.autoMerge == .alreadyEnabled)
    }

    @Test func aCleanPullRequestIsMergedAtOnce() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("clean")
        try await forge.seed(repository, autoMerge: "clean")
        let result = try await forge.publish(forge.spec(repository, autoMerge: .rebase))
        #expect(result.autoMerge == .merged)
        let state = try await forge.state(repository)
        #expect(state.bodies("PUT", "/pulls/1/merge").first?["merge_method"] as? String == "rebase")
    }

    @Test func aRepositoryWithoutAutoMergeSaysSo() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("noauto")
        try await forge.seed(repository, autoMerge: "disallowed")
        let result = try await forge.publish(forge.spec(repository, autoMerge: .merge))
        #expect(result.action == .created)
        #expect(result.autoMerge == .refused("Pull request Auto merge is not allowed for this repository"))
    }

    @Test func badCredentials() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("auth")
        let error = try await forge.failure(forge.spec(repository, credentials: .token("ghp_wrong_token_value")))
        #expect(error.kind == .unauthorized)
        #expect(error.status == 401)
        #expect(error.description.hasPrefix("cannot open or update the pull request ferry/podinfo → main of GitHub repository \(repository): GET "))
        #expect(error.description.contains("answered 401 Unauthorized: the forge did not accept the credentials (token) (the forge says: Bad credentials)"))
        #expect(!error.description.contains("ghp_wrong_token_value"))
    }

    @Test func missingRepository() async throws {
        let forge = try ForgeHarness(.github)
        let error = try await forge.failure(forge.spec("team/missing-repo"))
        #expect(error.kind == .notFound)
        #expect(error.description.contains("team/missing-repo does not exist on 127.0.0.1"))
    }

    @Test func readOnlyCredentials() async throws {
        let forge = try ForgeHarness(.github)
        let error = try await forge.failure(forge.spec(forge.repository("readonly")))
        #expect(error.kind == .forbidden)
        #expect(error.description.contains("(the forge says: Resource not accessible by personal access token)"))
    }

    @Test func aBranchGitHubRefuses() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("invalid")
        let error = try await forge.failure(forge.spec(repository, source: "nonexistent-branch"))
        #expect(error.kind == .rejected)
        #expect(error.status == 422)
        #expect(error.description.contains("the forge says: Validation Failed; head invalid"))
        #expect(error.sourceBranch == "nonexistent-branch")
    }

    @Test func anUnknownReviewerFailsAfterTheCreation() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("ghost")
        let error = try await forge.failure(forge.spec(repository, reviewers: ["ghost"]))
        #expect(error.kind == .rejected)
        #expect(error.description.contains("Reviews may only be requested from collaborators"))
        // The pull request stands; the next run finds it and does not open another.
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .unchanged)
    }

    @Test func aPullRequestOpenedMeanwhileIsUpdatedNotDuplicated() async throws {
        let forge = try ForgeHarness(.github)
        let repository = forge.repository("race")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo")], raceOnce: true)
        let result = try await forge.publish(forge.spec(repository))
        #expect(result.action == .updated)
        #expect(result.number == 1)
        let state = try await forge.state(repository)
        #expect(state.pulls.count == 1)
        #expect(state.pulls.first?["title"] as? String == "Update podinfo to 6.5.1")
        let path = "/repos/\(repository)/pulls"
        #expect(state.calls == ["GET \(path)", "POST \(path)", "GET \(path)", "PATCH \(path)/1"])
    }

    @Test func aMalformedRepositoryNameIsRefusedBeforeAnyRequest() async throws {
        let forge = try ForgeHarness(.github)
        for name in ["team", "team/a/b", "team/", "/a"] {
            let error = try await forge.failure(forge.spec(name))
            #expect(error.kind == .configuration)
            #expect(error.description.contains("\"\(name)\" is not a GitHub repository name (owner/name)"))
        }
        let same = try await forge.failure(forge.spec(forge.repository("same"), source: "main", target: "main"))
        #expect(same.kind == .configuration)
    }
}
