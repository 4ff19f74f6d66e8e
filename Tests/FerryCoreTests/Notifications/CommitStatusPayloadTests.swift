import FerryCore
import Testing

/// The commit-status providers: URL, state mapping, context/key and body, for the fixture revision.
@Suite struct CommitStatusPayloadTests {
    typealias F = NotificationFixtures
    static let sha = "0123456789abcdef0123456789abcdef01234567"
    static let id = "imagepolicy/podinfo/7d0cc6b1"

    @Test func defaultIDUsesTheFirstUIDSegment() {
        #expect(CommitStatus.defaultID(providerUID: F.uid, event: F.event()) == Self.id)
    }

    @Test(arguments: [
        ("ReconciliationSucceeded", ["Reconciliation", "Succeeded"]), ("PDFLoader", ["PDF", "Loader"]), ("Progressing", ["Progressing"]),
        ("HealthCheckFailed2", ["Health", "Check", "Failed", "2"]), ("already lower", ["already", " ", "lower"]),
    ])
    func camelCaseSplitsAsFlux(reason: String, parts: [String]) {
        #expect(CommitStatus.splitCamelCase(reason) == parts)
    }

    @Test(arguments: [
        ("main@sha1:\(sha)", sha as String?), ("main/\(sha)", sha), (sha, sha), ("sha1:\(sha)", sha),
        ("v1.0.0@sha256:" + String(repeating: "ab", count: 32), String(repeating: "ab", count: 32)), ("main@sha1:xyz", nil), ("latest", nil),
    ])
    func commitHashesComeFromRevisions(revision: String, hash: String?) {
        #expect(CommitStatus.commitHash(fromRevision: revision) == hash)
    }

    private func only(_ settings: ProviderSettings, event: FluxEvent = F.event()) throws -> NotificationRequest {
        let requests = try ProviderPayloads.requests(for: event, settings: settings, commitStatus: Self.id)
        try #require(requests.count == 1)
        return requests[0]
    }

    @Test func gitHubDotComGoesToTheAPIHost() throws {
        let request = try only(F.settings(.github, address: "https://github.com/stefanprodan/podinfo", token: "ghp_x"))
        #expect(request.url.string == "https://api.github.com/repos/stefanprodan/podinfo/statuses/\(Self.sha)")
        #expect(request.header("Authorization") == "Bearer ghp_x")
        #expect(request.header("Accept") == "application/vnd.github.v3+json")
        #expect(F.body(request) == #"{"state":"success","description":"succeeded","context":"\#(Self.id)"}"#)
        let failed = try only(F.settings(.github, address: "git@github.com:org/repo.git", token: "t"),
                              event: F.event(severity: .error, reason: "ReconciliationFailed"))
        #expect(F.body(failed) == #"{"state":"failure","description":"reconciliation failed","context":"\#(Self.id)"}"#)
    }

    @Test func gitHubEnterpriseUsesAPIv3() throws {
        let request = try only(F.settings(.github, address: "https://ghe.example.com/org/repo", token: "t"))
        #expect(request.url.string == "https://ghe.example.com/api/v3/repos/org/repo/statuses/\(Self.sha)")
    }

    @Test func gitLabEscapesTheProjectPath() throws {
        let request = try only(F.settings(.gitlab, address: "https://gitlab.com/group/sub/project.git", token: "glpat"))
        #expect(request.url.string == "https://gitlab.com/api/v4/projects/group%2Fsub%2Fproject/statuses/\(Self.sha)")
        #expect(request.header("PRIVATE-TOKEN") == "glpat")
        #expect(F.body(request) == #"{"state":"success","name":"\#(Self.id)","description":"succeeded"}"#)
        let failed = try only(F.settings(.gitlab, address: "https://gitlab.com/g/p", password: "pw"), event: F.event(severity: .error))
        #expect(failed.header("PRIVATE-TOKEN") == "pw")
        #expect(F.body(failed).hasPrefix(#"{"state":"failed""#))
    }

    @Test func giteaStatus() throws {
        let request = try only(F.settings(.gitea, address: "https://gitea.example.com/org/repo", token: "tea"))
        #expect(request.url.string == "https://gitea.example.com/api/v1/repos/org/repo/statuses/\(Self.sha)")
        #expect(request.header("Authorization") == "token tea")
        #expect(F.body(request) == #"{"state":"success","target_url":"","description":"succeeded","context":"\#(Self.id)"}"#)
    }

    @Test func bitbucketCloudStatusKeyIsTheSHA1OfTheID() throws {
        let request = try only(F.settings(.bitbucket, address: "https://bitbucket.org/team/repo", token: "user:app-pass"),
                               event: F.event(severity: .error))
        #expect(request.url.string == "https://api.bitbucket.org/2.0/repositories/team/repo/commit/\(Self.sha)/statuses/build")
        #expect(request.header("Authorization") == "Basic dXNlcjphcHAtcGFzcw==")
        // sha1("imagepolicy/podinfo/7d0cc6b1"), computed with python3 hashlib.
        #expect(F.body(request) == #"{"key":"a50622dc647a263dae149860bbe6cd99b09321eb","url":"https://bitbucket.org","state":"FAILED","name":"imagepolicy/podinfo","description":"succeeded"}"#)
        #expect(throws: NotificationBuildError.self) {
            try ProviderPayloads.requests(for: F.event(), settings: F.settings(.bitbucket, address: "https://bitbucket.org/t/r", token: "nocolon"))
        }
    }

    @Test func azureDevOpsStatusWithGenreFromSummary() throws {
        let request = try only(F.settings(.azuredevops, address: "https://dev.azure.com/org/proj/_git/repo", token: "pat"))
        #expect(request.url.string == "https://dev.azure.com/org/proj/_apis/git/repositories/repo/commits/\(Self.sha)/statuses?api-version=6.0")
        #expect(request.header("Authorization") == "Basic OnBhdA==")
        #expect(F.body(request) == #"{"context":{"genre":"fluxcd:production","name":"\#(Self.id)"},"description":"succeeded","state":"succeeded"}"#)
        let error = try only(F.settings(.azuredevops, address: "https://dev.azure.com/org/proj/_git/repo", token: "pat"),
                             event: F.event(severity: .error, metadata: ["revision": F.revision]))
        #expect(F.body(error) == #"{"context":{"genre":"fluxcd","name":"\#(Self.id)"},"description":"succeeded","state":"error"}"#)
    }

    @Test(arguments: [ProviderType.github, .gitlab, .gitea, .bitbucket, .azuredevops])
    func progressingEventsAreSkipped(type: ProviderType) throws {
        let settings = F.settings(type, address: "https://dev.azure.com/org/proj/_git/repo", token: "a:b")
        #expect(try ProviderPayloads.requests(for: F.event(reason: "Progressing"), settings: settings, commitStatus: Self.id).isEmpty)
    }

    @Test(arguments: [ProviderType.github, .gitlab, .gitea, .azuredevops])
    func eventsWithoutRevisionFail(type: ProviderType) {
        let address = type == .azuredevops ? "https://dev.azure.com/org/proj/_git/repo" : "https://git.example.com/org/repo"
        let settings = F.settings(type, address: address, token: "t")
        do {
            _ = try ProviderPayloads.requests(for: F.event(metadata: ["summary": "x"]), settings: settings, commitStatus: Self.id)
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == "missing revision metadata")
        }
    }

    @Test func badRevisionsNameTheRevision() {
        do {
            _ = try ProviderPayloads.requests(for: F.event(metadata: ["revision": "latest"]),
                                              settings: F.settings(.github, address: "https://github.com/o/r", token: "t"), commitStatus: Self.id)
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == "failed to extract commit hash from 'latest' revision")
        }
    }
}
