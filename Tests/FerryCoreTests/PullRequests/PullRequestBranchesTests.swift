import FerryCore
import Testing

@Suite struct PullRequestBranchesTests {
    static let podinfo = PolicyLatestRef(namespace: "flux-system", name: "podinfo", image: "ghcr.io/stefanprodan/podinfo", tag: "6.5.1")
    static let redis = PolicyLatestRef(namespace: "flux-system", name: "redis", image: "docker.io/bitnami/redis", tag: "7.2.4")
    static let podinfoCanary = PolicyLatestRef(namespace: "apps", name: "podinfo-canary", image: "ghcr.io/stefanprodan/podinfo", tag: "6.6.0-rc.1")

    @Test(arguments: [
        ("ferry/podinfo", "ferry/podinfo"),
        ("  ferry/Podinfo 6.5  ", "ferry/Podinfo-6.5"),
        ("ferry//a..b/", "ferry/a.b"),
        ("ferry/.hidden/x.lock", "ferry/hidden/x"),
        ("refs~1^2:3?*[x]\\", "refs-1-2-3---x]-"),
        ("ferry/v@{upstream}", "ferry/v-{upstream}"),
        ("ferry/@{upstream}", "ferry/{upstream}"),
        ("-leading/-dash", "leading/dash"),
        ("ferry/tab\there\nnewline", "ferry/tab-here-newline"),
    ])
    func sanitised(_ text: String, _ expected: String) {
        #expect(PullRequestBranches.sanitized(text) == expected)
    }

    @Test(arguments: ["", "   ", "/", "..", "-.-", "./-", "@"])
    func nothingUsable(_ text: String) {
        #expect(PullRequestBranches.sanitized(text) == nil)
    }

    @Test func longNamesAreCut() throws {
        let branch = try #require(PullRequestBranches.sanitized("ferry/" + String(repeating: "é", count: 300)))
        #expect(branch.utf8.count <= PullRequestBranches.maximumLength)
        #expect(branch.hasPrefix("ferry/é"))
    }

    @Test func onePullRequestPerPolicy() throws {
        let template = try Template("ferry/{{ .Policy.Name }}", name: "b")
        let groups = try PullRequestBranches.group(
            policies: [Self.podinfo, Self.redis], template: template, pushBranch: "", targetBranch: "main",
            automationNamespace: "flux-system", automationName: "apps")
        #expect(groups == [
            PullRequestBranchGroup(branch: "ferry/podinfo", policies: [Self.podinfo]),
            PullRequestBranchGroup(branch: "ferry/redis", policies: [Self.redis]),
        ])
    }

    @Test func onePullRequestPerImage() throws {
        let template = try Template("ferry/{{ .Image.Repository | replace \"/\" \"-\" }}", name: "b")
        let groups = try PullRequestBranches.group(
            policies: [Self.podinfo, Self.redis, Self.podinfoCanary], template: template, pushBranch: "", targetBranch: "main",
            automationNamespace: "flux-system", automationName: "apps")
        #expect(groups.map(\.branch) == ["ferry/stefanprodan-podinfo", "ferry/bitnami-redis"])
        #expect(groups[0].policies == [Self.podinfo, Self.podinfoCanary])
    }

    @Test func everyFieldOfTheBranchData() throws {
        let template = try Template(
            "{{ .AutomationObject }}/{{ .Policy }}/{{ .Image.Name }}/{{ .Image.Registry }}/{{ .Image.Tag }}/{{ .Image }}/{{ .Values.env }}",
            name: "b")
        let groups = try PullRequestBranches.group(
            policies: [Self.podinfo], template: template, pushBranch: "", targetBranch: "main", automationNamespace: "ns", automationName: "auto",
            values: ["env": "prod"])
        #expect(groups.map(\.branch) == ["ns/auto/flux-system/podinfo/ghcr.io/stefanprodan/podinfo/ghcr.io/6.5.1/ghcr.io/stefanprodan/podinfo-6.5.1/prod"])
    }

    @Test func withoutATemplateEveryPolicySharesThePushBranch() throws {
        let groups = try PullRequestBranches.group(
            policies: [Self.podinfo, Self.redis], template: nil, pushBranch: "ferry/updates", targetBranch: "main",
            automationNamespace: "flux-system", automationName: "apps")
        #expect(groups == [PullRequestBranchGroup(branch: "ferry/updates", policies: [Self.podinfo, Self.redis])])
    }

    @Test func thePushBranchMustDifferFromTheCheckout() {
        do {
            _ = try PullRequestBranches.group(
                policies: [Self.podinfo], template: nil, pushBranch: "main", targetBranch: "main", automationNamespace: "n", automationName: "a")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "spec.git.push.branch")
            #expect(error.value == "main")
        }
    }

    @Test func aTemplateGivingTheCheckoutBranchIsRefused() throws {
        let template = try Template("{{ if eq .Policy.Name \"redis\" }}main{{ else }}ferry/x{{ end }}", name: "b")
        do {
            _ = try PullRequestBranches.group(
                policies: [Self.podinfo, Self.redis], template: template, pushBranch: "", targetBranch: "main", automationNamespace: "n",
                automationName: "a")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-branch-template]")
            #expect(error.problem.contains("flux-system/redis"))
        }
    }

    @Test func aTemplateThatFailsNamesThePolicy() throws {
        let template = try Template("{{ .Policy.Nope }}", name: "pull request branch")
        do {
            _ = try PullRequestBranches.group(
                policies: [Self.podinfo], template: template, pushBranch: "", targetBranch: "main", automationNamespace: "n", automationName: "a")
            Issue.record("expected an error")
        } catch {
            #expect(error.problem.hasPrefix("fails for policy flux-system/podinfo: template: pull request branch:1:"))
        }
    }

    @Test func anEmptyRenderingIsRefused() throws {
        let template = try Template("{{ \"\" }}", name: "b")
        #expect(throws: SpecError.self) {
            try PullRequestBranches.group(
                policies: [Self.podinfo], template: template, pushBranch: "", targetBranch: "main", automationNamespace: "n", automationName: "a")
        }
    }

    @Test func resultsAreRestrictedToAGroupsPolicies() {
        let sample = CommitTemplateData.sample.result
        let podinfoOnly = sample.restricted(to: [Self.podinfo])
        #expect(Set(podinfoOnly.fileChanges.keys) == ["apps/podinfo/deployment.yaml", "apps/podinfo/kustomization.yaml"])
        #expect(podinfoOnly.changes.allSatisfy { $0.setter.hasPrefix("flux-system:podinfo") })
        #expect(sample.restricted(to: [Self.podinfoCanary]).isEmpty)
    }
}
