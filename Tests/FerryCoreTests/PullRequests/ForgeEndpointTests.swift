import FerryCore
import Testing

@Suite struct ForgeEndpointTests {
    @Test(arguments: [
        ("https://github.com/org/fleet.git", ForgeKind.github, "https://api.github.com", "org/fleet"),
        ("ssh://git@github.com/org/fleet", .github, "https://api.github.com", "org/fleet"),
        ("git@github.com:org/fleet.git", .github, "https://api.github.com", "org/fleet"),
        ("https://user:secret@gitlab.com/group/sub/project.git", .gitlab, "https://gitlab.com/api/v4", "group/sub/project"),
        ("ssh://git@gitlab.com:22/group/project.git", .gitlab, "https://gitlab.com/api/v4", "group/project"),
        ("https://bitbucket.org/workspace/repo.git", .bitbucket, "https://api.bitbucket.org/2.0", "workspace/repo"),
        ("https://codeberg.org/team/fleet", .gitea, "https://codeberg.org/api/v1", "team/fleet"),
        ("git@gitea.com:team/fleet.git", .gitea, "https://gitea.com/api/v1", "team/fleet"),
        ("https://GitHub.com/org/fleet/", .github, "https://api.github.com", "org/fleet"),
    ])
    func knownHosts(_ url: String, _ kind: ForgeKind, _ api: String, _ repository: String) throws {
        let endpoint = try ForgeEndpoint(repositoryURL: url)
        #expect(endpoint.kind == kind)
        #expect(endpoint.apiBaseURL.string == api)
        #expect(endpoint.repository == repository)
    }

    @Test(arguments: [
        ("https://git.example.com/org/fleet.git", ForgeKind.github, "https://git.example.com/api/v3"),
        ("https://git.example.com:8443/group/sub/fleet.git", .gitlab, "https://git.example.com:8443/api/v4"),
        ("http://10.1.2.3:3000/org/fleet.git", .gitea, "http://10.1.2.3:3000/api/v1"),
        // The API of an SSH remote is on HTTPS, not on the SSH port.
        ("ssh://git@git.example.com:2222/org/fleet.git", .gitea, "https://git.example.com/api/v1"),
    ])
    func selfHostedWithAProvider(_ url: String, _ kind: ForgeKind, _ api: String) throws {
        let endpoint = try ForgeEndpoint(repositoryURL: url, kind: kind)
        #expect(endpoint.apiBaseURL.string == api)
    }

    @Test func explicitAPIAndRepositoryWin() throws {
        let endpoint = try ForgeEndpoint(
            repositoryURL: "ssh://git@git.example.com/x/y.git", kind: .gitlab, apiBaseURL: "https://git.example.com/gitlab/api/v4/",
            repository: "platform/deploy/fleet")
        #expect(endpoint.apiBaseURL.string == "https://git.example.com/gitlab/api/v4")
        #expect(endpoint.repository == "platform/deploy/fleet")
    }

    @Test("With provider, API URL and repository all given, any remote works, even a file:// one")
    func everythingGivenSkipsTheURL() throws {
        let endpoint = try ForgeEndpoint(
            repositoryURL: "file:///srv/git/fleet.git", kind: .github, apiBaseURL: "http://127.0.0.1:8080", repository: "team/fleet")
        #expect(endpoint.kind == .github)
        #expect(endpoint.apiBaseURL.string == "http://127.0.0.1:8080")
        #expect(endpoint.repository == "team/fleet")
        #expect(throws: SpecError(
            field: "metadata.annotations[ferry.dev/pull-request-repository]", value: "fleet",
            problem: "does not name a GitHub repository as owner/name")) {
            try ForgeEndpoint(repositoryURL: "file:///srv/git/fleet.git", kind: .github, apiBaseURL: "http://127.0.0.1:8080", repository: "fleet")
        }
    }

    @Test func unknownHostNeedsAProvider() {
        #expect(throws: SpecError(
            field: "metadata.annotations[ferry.dev/pull-request-provider]", value: "",
            problem: "is required: Ferry cannot tell which forge serves git.example.com (set it to github, gitlab, gitea, forgejo or bitbucket)")) {
            try ForgeEndpoint(repositoryURL: "https://git.example.com/org/fleet.git")
        }
    }

    @Test(arguments: [
        ("https://github.com/org/team/fleet.git", nil as String?, "spec.url", "names 3 path segments, but a GitHub repository is exactly owner/name"),
        ("https://github.com/fleet.git", nil, "spec.url", "does not name a GitHub repository as owner/name"),
        ("https://github.com/org/fleet.git", "org//fleet", "metadata.annotations[ferry.dev/pull-request-repository]",
         "does not name a GitHub repository as owner/name"),
        ("file:///tmp/fleet.git", nil, "spec.url", "is not a Git URL Ferry can find a forge for"),
    ])
    func badRepositories(_ url: String, _ repository: String?, _ field: String, _ problem: String) {
        do {
            _ = try ForgeEndpoint(repositoryURL: url, repository: repository)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == field)
            #expect(error.problem == problem)
        }
    }

    @Test func credentialsInTheURLNeverReachTheError() {
        do {
            _ = try ForgeEndpoint(repositoryURL: "https://bot:s3cret-token@github.com/a/b/c.git")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("s3cret-token"))
            #expect(error.description.contains("https://github.com/a/b/c.git"))
        }
    }

    @Test(arguments: [
        ("ftp://x/api", "is not an absolute http:// or https:// URL"),
        ("https://bot:pw@x/api", "must not carry credentials (put them in the Secret)"),
        ("https://x/api?x=1", "must not have a query or a fragment"),
    ])
    func badAPIURLs(_ url: String, _ problem: String) {
        do {
            _ = try ForgeEndpoint(repositoryURL: "https://github.com/o/r", apiBaseURL: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-api-url]")
            #expect(error.problem == problem)
            #expect(!error.description.contains(":pw@"))
        }
    }

    @Test func bitbucketDataCenterIsRefused() {
        do {
            _ = try ForgeEndpoint(repositoryURL: "https://bitbucket.example.com/scm/p/r.git", kind: .bitbucket)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/pull-request-api-url]")
            #expect(error.problem.contains("Bitbucket Cloud"))
        }
    }
}
