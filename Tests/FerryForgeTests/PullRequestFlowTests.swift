import FerryCore
import FerryForge
import Testing

/// The whole pull-request path the automation reconciler runs, from the annotations to the forge: settings,
/// endpoint, one branch per policy, the commit data restricted to each branch, the plan and the publication.
@Suite struct PullRequestFlowTests {
    static let podinfo = PolicyLatestRef(namespace: "flux-system", name: "podinfo", image: "ghcr.io/stefanprodan/podinfo", tag: "6.5.1")
    static let redis = PolicyLatestRef(namespace: "flux-system", name: "redis", image: "docker.io/bitnami/redis", tag: "7.2.4")

    /// Plans and publishes one pull request per branch group, as the reconciler would after pushing each branch.
    static func run(
        forge: ForgeHarness, repository: String, annotations: [String: String], result: UpdateResult, policies: [PolicyLatestRef]
    ) async throws -> [(branch: String, plan: PullRequestPlan, result: ChangeRequestResult)] {
        let settings = try #require(try PullRequestSettings.parse(annotations: annotations))
        let gitRepository = GitRepository(
            metadata: ObjectMeta(name: "fleet", namespace: "flux-system"),
            spec: .init(url: "ssh://git@git.example.com/\(repository).git"))
        var overridden = settings
        overridden.apiURL = forge.apiBase().string
        let endpoint = try PullRequestPlanner.endpoint(for: gitRepository, settings: overridden)
        let groups = try PullRequestBranches.group(
            policies: policies, template: settings.branchTemplate, pushBranch: "ferry/updates", targetBranch: "main",
            automationNamespace: "flux-system", automationName: "production")
        var outcomes: [(String, PullRequestPlan, ChangeRequestResult)] = []
        try await ForgeClient.withClient { client in
            for group in groups {
                let data = CommitTemplateData(
                    automationNamespace: "flux-system", automationName: "production", result: result.restricted(to: group.policies),
                    policies: group.policies)
                let message = try CommitMessage.render(template: "Update images\n\n{{ range .Updated.Images }}- {{ . }}\n{{ end }}", data: data)
                let plan = try PullRequestPlanner.plan(
                    settings: settings, endpoint: endpoint, sourceBranch: group.branch, targetBranch: "main", commitMessage: message, data: data,
                    credentials: .token(ForgeHarness.token))
                outcomes.append((group.branch, plan, try await client.publish(plan.spec)))
            }
        }
        return outcomes
    }

    @Test func onePullRequestPerPolicyKeptUpToDate() async throws {
        let forge = try ForgeHarness(.gitea)
        let repository = forge.repository("flow")
        try await forge.seed(repository, labels: ["automated"])
        let annotations = [
            "ferry.dev/pull-request": "true",
            "ferry.dev/pull-request-provider": "forgejo",
            "ferry.dev/pull-request-branch-template": "ferry/{{ .Policy.Name }}",
            "ferry.dev/pull-request-title": "chore(prod): {{ range .Updated.Images }}{{ .ImageName }} {{ .NewTag }}{{ end }}",
            "ferry.dev/pull-request-labels": "automated",
        ]
        let first = try await Self.run(
            forge: forge, repository: repository, annotations: annotations, result: CommitTemplateData.sample.result,
            policies: [Self.podinfo, Self.redis])
        #expect(first.map(\.branch) == ["ferry/podinfo", "ferry/redis"])
        #expect(first.map(\.result.action) == [.created, .created])
        #expect(first.map(\.plan.spec.title) == ["chore(prod): ghcr.io/stefanprodan/podinfo 6.5.1", "chore(prod): docker.io/bitnami/redis 7.2.4"])
        #expect(first[0].plan.spec.body == "- ghcr.io/stefanprodan/podinfo:6.5.1")
        #expect(first[0].plan.spec.repository == repository)

        // The next run with the same state changes nothing on the forge.
        let again = try await Self.run(
            forge: forge, repository: repository, annotations: annotations, result: CommitTemplateData.sample.result,
            policies: [Self.podinfo, Self.redis])
        #expect(again.map(\.result.action) == [.unchanged, .unchanged])

        // A newer podinfo updates its own pull request and leaves redis's alone.
        var newer = Self.podinfo
        newer.tag = "6.5.2"
        let next = try await Self.run(
            forge: forge, repository: repository, annotations: annotations, result: CommitTemplateData.sample.result,
            policies: [newer, Self.redis])
        #expect(next.map(\.result.action) == [.updated, .unchanged])
        #expect(next.map(\.result.number) == first.map(\.result.number))
        let state = try await forge.state(repository)
        #expect(state.openPulls.count == 2)
        #expect(state.openPulls.compactMap { $0["title"] as? String }.sorted()
            == ["chore(prod): docker.io/bitnami/redis 7.2.4", "chore(prod): ghcr.io/stefanprodan/podinfo 6.5.2"])
    }
}
