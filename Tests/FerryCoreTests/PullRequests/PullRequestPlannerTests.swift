import FerryCore
import Testing

@Suite struct PullRequestPlannerTests {
    static let endpoint = ForgeEndpoint(kind: .github, apiBaseURL: WebAddress("https://api.github.com")!, repository: "org/fleet")
    static let message = "Update images\n\nAutomation: flux-system/podinfo\n- podinfo 6.5.1"

    static func settings(_ annotations: [String: String]) throws -> PullRequestSettings {
        var all = annotations
        all["ferry.dev/pull-request"] = "true"
        return try #require(try PullRequestSettings.parse(annotations: all))
    }

    @Test func defaultsComeFromTheCommitMessage() throws {
        let plan = try PullRequestPlanner.plan(
            settings: try Self.settings([:]), endpoint: Self.endpoint, sourceBranch: "ferry/podinfo", targetBranch: "main",
            commitMessage: Self.message, data: .sample, credentials: .token("t"))
        #expect(plan.spec.title == "Update images")
        #expect(plan.spec.body == "Automation: flux-system/podinfo\n- podinfo 6.5.1")
        #expect(plan.spec.forge == .github)
        #expect(plan.spec.repository == "org/fleet")
        #expect(plan.spec.sourceBranch == "ferry/podinfo")
        #expect(plan.spec.targetBranch == "main")
        #expect(plan.warnings.isEmpty)
    }

    @Test func templatesSeeTheCommitData() throws {
        let settings = try Self.settings([
            "ferry.dev/pull-request-title": "chore({{ .Values.cluster }}): {{ range $i, $x := .Updated.Images }}{{ if $i }}, {{ end }}{{ $x.ImageName }} {{ $x.NewTag }}{{ end }}",
            "ferry.dev/pull-request-body": "{{ range .Changed.Changes }}- {{ .OldValue }} -> {{ .NewValue }}\n{{ end }}",
            "ferry.dev/pull-request-labels": "automated",
            "ferry.dev/pull-request-reviewers": "alice,org/platform",
            "ferry.dev/pull-request-auto-merge": "squash",
        ])
        let plan = try PullRequestPlanner.plan(
            settings: settings, endpoint: Self.endpoint, sourceBranch: "ferry/all", targetBranch: "main", commitMessage: Self.message,
            data: .sample, credentials: .token("t"))
        #expect(plan.spec.title == "chore(prod): docker.io/bitnami/redis 7.2.4, ghcr.io/stefanprodan/podinfo 6.5.1")
        #expect(plan.spec.body.hasPrefix("- ghcr.io/stefanprodan/podinfo:6.5.0 -> ghcr.io/stefanprodan/podinfo:6.5.1\n- 6.5.0 -> 6.5.1"))
        #expect(plan.spec.labels == ["automated"])
        #expect(plan.spec.reviewers == ["alice", "org/platform"])
        #expect(plan.spec.autoMerge == .squash)
    }

    @Test func titlesAreOneShortLine() throws {
        let settings = try Self.settings(["ferry.dev/pull-request-title": "{{ repeat 300 \"x\" }}\nsecond line"])
        let (title, _) = try PullRequestPlanner.texts(settings: settings, commitMessage: "", data: .sample)
        #expect(title.count == PullRequestPlanner.maximumTitleLength)
        #expect(title.hasSuffix("…"))
        let (fallback, body) = try PullRequestPlanner.texts(settings: try Self.settings([:]), commitMessage: "\n", data: .sample)
        #expect(fallback == "Update from image update automation")
        #expect(body == "")
    }

    @Test func longBodiesAreShortened() throws {
        let settings = try Self.settings(["ferry.dev/pull-request-body": "{{ repeat 70000 \"y\" }}"])
        let (_, body) = try PullRequestPlanner.texts(settings: settings, commitMessage: "t", data: .sample)
        #expect(body.count == PullRequestPlanner.maximumBodyLength)
        #expect(body.hasSuffix(PullRequestPlanner.truncationNote))
    }

    @Test func aFailingTemplateNamesItsAnnotation() throws {
        let settings = try Self.settings(["ferry.dev/pull-request-body": "{{ .Changed.Nope }}"])
        do {
            _ = try PullRequestPlanner.texts(settings: settings, commitMessage: "t", data: .sample)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-body]")
            #expect(error.problem.contains("can't evaluate field Nope"))
        }
    }

    @Test func theSourceMustDifferFromTheTarget() throws {
        #expect(throws: SpecError.self) {
            try PullRequestPlanner.plan(
                settings: try Self.settings([:]), endpoint: Self.endpoint, sourceBranch: "main", targetBranch: "main", commitMessage: "m",
                data: .sample, credentials: .token("t"))
        }
    }

    @Test(arguments: [
        (ForgeKind.github, "org/team", true), (.github, "a/b/c", false), (.github, "bob smith", false),
        (.gitlab, "jane.doe", true), (.gitlab, "org/team", false),
        (.gitea, "org/team", true), (.gitea, "alice_1", true),
        (.bitbucket, "{d5e8c5a1-3b7d-4f3e-9d1a-2f0c6e7b8a90}", true), (.bitbucket, "557058:1a2b3c", true), (.bitbucket, "{not a uuid}", false),
    ])
    func reviewerNames(_ forge: ForgeKind, _ reviewer: String, _ valid: Bool) {
        #expect(PullRequestPlanner.isValidReviewer(reviewer, on: forge) == valid)
    }

    @Test func bitbucketHasNoLabelsAndNoAutoMerge() throws {
        let bitbucket = ForgeEndpoint(kind: .bitbucket, apiBaseURL: Self.endpoint.apiBaseURL, repository: "ws/fleet")
        let plan = try PullRequestPlanner.plan(
            settings: try Self.settings(["ferry.dev/pull-request-labels": "automated"]), endpoint: bitbucket, sourceBranch: "b", targetBranch: "main",
            commitMessage: "m", data: .sample, credentials: .token("t"))
        #expect(plan.spec.labels.isEmpty)
        #expect(plan.warnings == ["metadata.annotations[ferry.dev/pull-request-labels] is ignored: Bitbucket pull requests have no labels"])
        let autoMerge = try Self.settings(["ferry.dev/pull-request-auto-merge": "merge"])
        do {
            _ = try PullRequestPlanner.plan(
                settings: autoMerge, endpoint: bitbucket, sourceBranch: "b",
                targetBranch: "main", commitMessage: "m", data: .sample, credentials: .token("t"))
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-auto-merge]")
        }
    }

    @Test func gitLabCannotChooseRebase() throws {
        let gitlab = ForgeEndpoint(kind: .gitlab, apiBaseURL: Self.endpoint.apiBaseURL, repository: "g/p")
        #expect(throws: SpecError.self) {
            try PullRequestPlanner.plan(
                settings: try Self.settings(["ferry.dev/pull-request-auto-merge": "rebase"]), endpoint: gitlab, sourceBranch: "b",
                targetBranch: "main", commitMessage: "m", data: .sample, credentials: .token("t"))
        }
    }

    @Test func theSpecNeverPrintsItsCredentials() throws {
        let plan = try PullRequestPlanner.plan(
            settings: try Self.settings([:]), endpoint: Self.endpoint, sourceBranch: "ferry/x", targetBranch: "main", commitMessage: "m",
            data: .sample, credentials: .token("ghp_very_secret"))
        #expect(plan.spec.description == "GitHub org/fleet ferry/x → main")
        #expect(!plan.spec.credentials.description.contains("ghp_very_secret"))
    }
}
