import FerryCore
import Testing

@Suite struct PullRequestSettingsTests {
    @Test func offUnlessEnabled() throws {
        #expect(try PullRequestSettings.parse(annotations: [:]) == nil)
        #expect(try PullRequestSettings.parse(annotations: ["ferry.dev/pull-request": "false"]) == nil)
        // Nothing else is read while it is off, not even a misspelt key.
        #expect(try PullRequestSettings.parse(annotations: ["ferry.dev/pull-request-lables": "x"]) == nil)
    }

    @Test func everyAnnotation() throws {
        let settings = try #require(try PullRequestSettings.parse(annotations: [
            "ferry.dev/pull-request": "true",
            "ferry.dev/pull-request-title": "Update {{ .AutomationObject }}",
            "ferry.dev/pull-request-body": "{{ range .Changed.Changes }}{{ .NewValue }}\n{{ end }}",
            "ferry.dev/pull-request-labels": " automated, image-update ,automated",
            "ferry.dev/pull-request-reviewers": "@alice, org/platform",
            "ferry.dev/pull-request-draft": "false",
            "ferry.dev/pull-request-auto-merge": "squash",
            "ferry.dev/pull-request-branch-template": "ferry/{{ .Policy.Name }}",
            "ferry.dev/pull-request-provider": "Forgejo",
            "ferry.dev/pull-request-api-url": "https://git.example.com/api/v1",
            "ferry.dev/pull-request-repository": "team/fleet",
            "ferry.dev/pull-request-secret-ref": "forge-token",
            "kustomize.toolkit.fluxcd.io/reconcile": "disabled",
        ]))
        #expect(settings.title?.text == "Update {{ .AutomationObject }}")
        #expect(settings.body != nil)
        #expect(settings.labels == ["automated", "image-update"])
        #expect(settings.reviewers == ["alice", "org/platform"])
        #expect(settings.draft == false)
        #expect(settings.autoMerge == .squash)
        #expect(settings.branchTemplate?.text == "ferry/{{ .Policy.Name }}")
        #expect(settings.provider == .gitea)
        #expect(settings.apiURL == "https://git.example.com/api/v1")
        #expect(settings.repository == "team/fleet")
        #expect(settings.secretRef == LocalObjectReference(name: "forge-token"))
    }

    @Test(arguments: [
        ("ferry.dev/pull-request", "yes", "must be \"true\" or \"false\""),
        ("ferry.dev/pull-request-draft", "1", "must be \"true\" or \"false\""),
        ("ferry.dev/pull-request-auto-merge", "fast-forward", "must be merge, squash, rebase or false"),
        ("ferry.dev/pull-request-provider", "gogs", "must be github, gitlab, gitea, forgejo or bitbucket"),
        ("ferry.dev/pull-request-labels", "a,,b", "has an empty item (items are separated by commas)"),
        ("ferry.dev/pull-request-labels", String(repeating: "x", count: 51), "is longer than 50 characters"),
        ("ferry.dev/pull-request-reviewers", "alice, bob smith", "is not a user name"),
        ("ferry.dev/pull-request-secret-ref", "Forge_Token", "is not a valid Secret name (a DNS subdomain)"),
        ("ferry.dev/pull-request-api-url", "git.example.com/api", "is not an absolute http:// or https:// URL"),
    ])
    func invalidValuesNameTheAnnotationAndTheValue(_ key: String, _ value: String, _ problem: String) {
        var annotations = ["ferry.dev/pull-request": "true"]
        annotations[key] = value
        do {
            _ = try PullRequestSettings.parse(annotations: annotations)
            Issue.record("expected an error for \(key)")
        } catch {
            #expect(error.field == "metadata.annotations[\(key)]")
            #expect(error.problem == problem)
            #expect(error.description.contains(key))
        }
    }

    @Test func labelAndReviewerErrorsQuoteTheBadItem() {
        do {
            _ = try PullRequestSettings.parse(annotations: ["ferry.dev/pull-request": "true", "ferry.dev/pull-request-reviewers": "alice, bob smith"])
            Issue.record("expected an error")
        } catch {
            #expect(error.value == "bob smith")
            #expect(error.description == "metadata.annotations[ferry.dev/pull-request-reviewers]: invalid value \"bob smith\": is not a user name")
        }
    }

    @Test func misspeltKeysAreRefused() {
        do {
            _ = try PullRequestSettings.parse(annotations: ["ferry.dev/pull-request": "true", "ferry.dev/pull-request-lables": "a"])
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-lables]")
            #expect(error.problem.hasPrefix("is not a Ferry pull-request annotation (known: title, body, labels"))
        }
    }

    @Test func templatesAreParsedWithTheirPosition() {
        do {
            _ = try PullRequestSettings.parse(annotations: ["ferry.dev/pull-request": "true", "ferry.dev/pull-request-title": "ok\n{{ .X "])
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-title]")
            #expect(error.problem.hasPrefix("template: pull request title:2:"))
        }
    }

    @Test func draftsCannotAutoMerge() {
        do {
            _ = try PullRequestSettings.parse(annotations: [
                "ferry.dev/pull-request": "true", "ferry.dev/pull-request-draft": "true", "ferry.dev/pull-request-auto-merge": "merge",
            ])
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-auto-merge]")
        }
    }

    @Test func autoMergeFalseIsOff() throws {
        let settings = try PullRequestSettings.parse(annotations: ["ferry.dev/pull-request": "true", "ferry.dev/pull-request-auto-merge": "false"])
        #expect(settings?.autoMerge == nil)
    }

    @Test func credentialsFromSecrets() {
        #expect(ForgeCredentials.fromSecret(["token": Array(" ghp_x\n".utf8)]) == .token("ghp_x"))
        #expect(ForgeCredentials.fromSecret(["bearerToken": Array("t".utf8)]) == .token("t"))
        #expect(ForgeCredentials.fromSecret(["username": Array("bot".utf8), "password": Array("pw".utf8)]) == .basic(username: "bot", password: "pw"))
        #expect(ForgeCredentials.fromSecret(["password": Array("pat".utf8)]) == .token("pat"))
        #expect(ForgeCredentials.fromSecret(["identity": Array("key".utf8)]) == nil)
        #expect(ForgeCredentials.basic(username: "bot", password: "pw").description == "basic (user bot)")
        #expect(!ForgeCredentials.token("ghp_secret").description.contains("ghp_secret"))
    }
}
