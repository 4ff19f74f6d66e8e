import Foundation
import Testing

/// Issue 9's scenario, end to end with the real registry, a real Git repository and the stand-in GitHub API: staging
/// updates itself, production gets a pull request with the same tag, `ferry rollback` reverts staging and quarantines
/// the tag, and the next scan keeps the previous tag.
@Suite("Promotion and rollback scenario end to end")
struct PromotionRollbackScenarioTests {
    typealias Scenario = PullRequestPipelineTests.Scenario

    static let staging = """
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata: {name: staging, namespace: flux-system}
        spec:
          interval: 1m
          sourceRef: {kind: GitRepository, name: fleet}
          git:
            checkout: {ref: {branch: main}}
            commit:
              author: {name: ferry, email: ferry@example.com}
              messageTemplate: "staging: {{ range .Updated.Images }}{{ .ImageName }}:{{ .NewTag }}{{ end }}"
            push: {branch: main}
          update: {path: ./staging, strategy: Setters}
        ---

        """

    static let production = PullRequestPipelineTests.automation(
        path: "./production", push: "promote/production", extra: "    ferry.dev/promote-from: ./staging"
    ).replacingOccurrences(of: "name: fleet\n  namespace", with: "name: production\n  namespace")

    func ferry(_ scenario: Scenario, _ arguments: String...) async throws -> FerryRun {
        try await ferryExecutable(arguments + ["--manifests", scenario.manifests, "--secrets", scenario.secrets, "--state", scenario.state])
    }

    func mainCommits(_ scenario: Scenario) async throws -> Int {
        Int(try await scenario.world.git(["--git-dir", scenario.world.bare, "rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("staging auto-updates, production gets a PR with the same tag, rollback reverts staging and quarantines the tag, the next scan keeps it")
    func stagingProductionRollback() async throws {
        let scenario = try await Scenario(
            name: "scenario-promote-rollback",
            files: { ["staging/app.yaml": PullRequestPipelineTests.deployment($0, "1.0.0"), "production/app.yaml": PullRequestPipelineTests.deployment($0, "1.0.0")] },
            automation: Self.staging + Self.production)
        defer { scenario.world.remove() }
        let image = "\(scenario.world.registry)/\(scenario.world.prefix)/app"
        try await scenario.push("1.0.0", "1.1.0")

        // Staging updates itself on main; production gets one pull request with the tag staging now runs.
        let first = try await scenario.once()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await scenario.file("main", "staging/app.yaml") == PullRequestPipelineTests.deployment(image, "1.1.0"))
        #expect(try await scenario.file("main", "production/app.yaml") == PullRequestPipelineTests.deployment(image, "1.0.0"), "production waits for review")
        #expect(try await scenario.file("promote/production", "production/app.yaml") == PullRequestPipelineTests.deployment(image, "1.1.0"))
        var forge = try await scenario.forgeState()
        #expect(PullRequestPipelineTests.titles(PullRequestPipelineTests.open(forge.pulls)) == ["Update app to 1.1.0"])
        let automated = try await scenario.world.revision("main")
        let commitsBefore = try await mainCommits(scenario)

        // 1.1.0 breaks staging: roll back staging's commit and quarantine the tag.
        let rollback = try await ferry(scenario, "rollback", "app", "--automation", "staging")
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(rollback.stdout.contains("quarantined tag 1.1.0"), "\(rollback.stdout)")
        #expect(try await mainCommits(scenario) == commitsBefore + 1, "a new commit, never a history rewrite")
        #expect(try await scenario.world.git(["--git-dir", scenario.world.bare, "rev-parse", "main~1"]).hasPrefix(automated))
        #expect(try await scenario.file("main", "staging/app.yaml") == PullRequestPipelineTests.deployment(image, "1.0.0"))
        #expect(try await scenario.file("main", "production/app.yaml") == PullRequestPipelineTests.deployment(image, "1.0.0"))

        // The next scan keeps the previous tag: no new commit on main, staging stays at 1.0.0, and the policy says why.
        let next = try await scenario.once()
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("resolved to 1.0.0"), "\(next.stderr)")
        #expect(try await mainCommits(scenario) == commitsBefore + 1)
        #expect(try await scenario.file("main", "staging/app.yaml") == PullRequestPipelineTests.deployment(image, "1.0.0"))
        let explain = try await ferry(scenario, "explain", "policy", "app", "-o", "json")
        #expect(explain.status == 0, "\(explain.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        #expect(json["selected"] as? String == "1.0.0")
        let tags = try #require(json["tags"] as? [[String: Any]])
        #expect(tags.first { $0["tag"] as? String == "1.1.0" }?["rule"] as? String == "quarantine")

        // Production's pull request no longer proposes the quarantined tag: the run closed it and deleted its branch, main is
        // untouched, and no second pull request was opened.
        #expect(try await scenario.file("main", "production/app.yaml") == PullRequestPipelineTests.deployment(image, "1.0.0"))
        forge = try await scenario.forgeState()
        #expect(PullRequestPipelineTests.open(forge.pulls).isEmpty, "the pull request for 1.1.0 is closed: \(forge.pulls)")
        #expect(forge.pulls.count == 1, "never a second pull request: \(PullRequestPipelineTests.titles(forge.pulls))")
        let proposed = try? await scenario.file("promote/production", "production/app.yaml")
        #expect(proposed != PullRequestPipelineTests.deployment(image, "1.1.0"), "the branch no longer has 1.1.0")
        #expect(forge.requests.contains { $0.hasPrefix("PATCH ") && $0.hasSuffix("/pulls/1") }, "closed through the API: \(forge.requests)")
    }

    @Test("rollback --automation names an automation that does not select the policy: exit 2 with the name")
    func unknownAutomation() async throws {
        let scenario = try await Scenario(
            name: "scenario-rollback-unknown",
            files: { ["staging/app.yaml": PullRequestPipelineTests.deployment($0, "1.0.0"), "production/app.yaml": PullRequestPipelineTests.deployment($0, "1.0.0")] },
            automation: Self.staging + Self.production)
        defer { scenario.world.remove() }
        let run = try await ferry(scenario, "rollback", "app", "--automation", "qa")
        #expect(run.status == 2)
        #expect(run.stderr.contains("no ImageUpdateAutomation flux-system/qa (--automation) selects ImagePolicy app"), "\(run.stderr)")
    }
}
