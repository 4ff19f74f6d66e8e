import FerryCore
import Testing

@Suite struct GitCheckoutReferenceTests {
    /// Flux's precedence: commit > name > tag > semver > branch; nothing set means `master` (UA-03).
    @Test(arguments: [
        (GitCheckoutReference(), GitCheckoutStrategy.branch("master")),
        (GitCheckoutReference(branch: "main"), .branch("main")),
        (GitCheckoutReference(branch: "main", semver: ">=1.0.0"), .semver(">=1.0.0")),
        (GitCheckoutReference(branch: "main", tag: "v1", semver: ">=1.0.0"), .tag("v1")),
        (GitCheckoutReference(tag: "v1", name: "refs/pull/1/head"), .name("refs/pull/1/head")),
        (GitCheckoutReference(tag: "v1", name: "refs/pull/1/head", commit: "abc"), .commit("abc", branch: nil)),
        (GitCheckoutReference(branch: "main", commit: "abc"), .commit("abc", branch: "main")),
    ])
    func precedence(_ reference: GitCheckoutReference, _ expected: GitCheckoutStrategy) {
        #expect(reference.strategy == expected)
    }

    @Test func automationReferenceOverridesTheRepositorys() throws {
        let repository = GitCheckoutReference(branch: "main")
        let automation = GitCheckoutReference(tag: "v2")
        #expect(GitCheckoutReference.effective(automation: automation, repository: repository) == automation)
        #expect(GitCheckoutReference.effective(automation: nil, repository: repository) == repository)
        #expect(GitCheckoutReference.effective(automation: nil, repository: nil) == nil)
        #expect(GitSourceSpec(url: try GitURL("https://h/r.git")).strategy == .branch("master"))
    }

    @Test(arguments: [
        (GitCheckoutStrategy.branch("main"), "refs/heads/main" as String?, true),
        (.tag("v1"), "refs/tags/v1", true),
        (.name("refs/pull/1/head"), "refs/pull/1/head", true),
        (.commit("abc", branch: "main"), "refs/heads/main", false),
        (.commit("abc", branch: nil), nil, false),
        (.semver("1.x"), nil, true),
    ])
    func referenceNames(_ strategy: GitCheckoutStrategy, _ name: String?, _ shallow: Bool) {
        #expect(strategy.referenceName == name)
        #expect(strategy.allowsShallowFetch == shallow)
    }

    /// fluxcd/pkg `Commit.String`: the reference without its first two parts, `@`, the digest.
    @Test(arguments: [
        ("refs/heads/main", "main@sha1:"),
        ("refs/heads/feature/x", "feature/x@sha1:"),
        ("refs/tags/v1.2.0", "v1.2.0@sha1:"),
        ("refs/pull/1/head", "1/head@sha1:"),
        ("", "sha1:"),
        ("HEAD", "sha1:"),
    ])
    func revisionFormat(_ reference: String, _ prefix: String) {
        let hash = String(repeating: "a1", count: 20)
        #expect(GitRevision(reference: reference, hash: hash).description == prefix + hash)
    }

    @Test func revisionWithAnUnknownHashLength() {
        #expect(GitRevision(reference: "refs/heads/main", hash: "abc").description == "main@<unknown>:abc")
        #expect(GitRevision(reference: "refs/heads/main", hash: "").description == "main@")
    }
}
