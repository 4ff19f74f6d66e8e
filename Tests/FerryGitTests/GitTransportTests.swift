import FerryCore
import FerryGit
import Foundation
import Testing

/// Check out, change, commit and push over every transport, against the loopback servers.
@Suite struct GitTransportTests {
    @Test(arguments: GitTestServer.Transport.allCases)
    func commitAndPushToTheCheckoutBranch(_ transport: GitTestServer.Transport) async throws {
        let repo = try await GitTestServer.makeRepository("transport-\(transport.rawValue)")
        let before = try await GitTestServer.head(repo.path)
        let job = try GitJobs.job(try transport.source(for: repo.name))
        let outcome = try await GitJobs.workspace().run(
            job, update: GitJobs.write("apps/app.yaml", "image: app:1.1.0\n", message: "Bump app\n\nto 1.1.0"))

        let push = try #require(outcome.push)
        let after = try await GitTestServer.head(repo.path)
        #expect(push.commit.hash == after)
        #expect(push.branch == "main")
        #expect(push.time == GitTimestamp(seconds: 1_750_000_000))
        #expect(push.attempts == 1)
        #expect(outcome.checkout == GitRevision(reference: "refs/heads/main", hash: before))
        #expect(outcome.observedSourceRevision == "main@sha1:\(after)")
        #expect(try await GitTestServer.show(repo.path, "main", "apps/app.yaml") == "image: app:1.1.0")
        // Author and committer from git.commit.author, at the injected time; the message verbatim.
        let fields = try await GitTestServer.git(["--git-dir", repo.path, "show", "-s", "--format=%an|%ae|%at|%cn|%ce|%ct|%P", "main"])
        #expect(fields == "Ferry Bot|bot@ferry.invalid|1750000000|Ferry Bot|bot@ferry.invalid|1750000000|\(before)")
        #expect(try await GitTestServer.git(["--git-dir", repo.path, "log", "-1", "--format=%B", "main"]) == "Bump app\n\nto 1.1.0")
    }

    @Test func nothingChangedMeansNoCommit() async throws {
        let repo = try await GitTestServer.makeRepository("unchanged")
        let before = try await GitTestServer.head(repo.path)
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name))
        let same = try await GitJobs.workspace().run(job, update: GitJobs.write("apps/app.yaml", "image: app:1.0.0\n"))
        #expect(same.push == nil)
        let declined = try await GitJobs.workspace().run(job) { _ in .unchanged }
        #expect(declined.push == nil)
        #expect(declined.observedSourceRevision == "main@sha1:\(before)")
        #expect(try await GitTestServer.head(repo.path) == before)
    }

    @Test func deletionsAndNewFilesAreStaged() async throws {
        let repo = try await GitTestServer.makeRepository("staging")
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name))
        _ = try await GitJobs.workspace().run(job) { tree in
            try FileManager.default.removeItem(atPath: tree.path + "/README.md")
            try "new\n".write(toFile: tree.path + "/apps/new.yaml", atomically: true, encoding: .utf8)
            return .changed(message: "m")
        }
        let files = try await GitTestServer.git(["--git-dir", repo.path, "ls-tree", "-r", "--name-only", "main"])
        #expect(files == "apps/app.yaml\napps/new.yaml")
    }

    @Test func unchangedSinceLastObservedSkipsTheClone() async throws {
        let repo = try await GitTestServer.makeRepository("observed")
        let head = try await GitTestServer.head(repo.path)
        let log = TraceLog()
        let job = try GitJobs.job(try GitTestServer.Transport.daemon.source(for: repo.name), lastObserved: "main@sha1:\(head)")
        let outcome = try await GitJobs.workspace(trace: log.record).run(job) { _ in
            Issue.record("the update must not run when nothing changed")
            return .unchanged
        }
        #expect(outcome.unchangedSinceLastRun)
        #expect(outcome.observedSourceRevision == "main@sha1:\(head)")
        #expect(log.all.map { $0.arguments.first ?? "" } == ["ls-remote"])
        // A new commit upstream means a real run.
        try await GitTestServer.commit(files: ["x": "1"], to: repo.path, branch: "main", message: "more")
        let moved = try await GitJobs.workspace().run(job) { _ in .unchanged }
        #expect(!moved.unchangedSinceLastRun)
    }

    @Test func sparseCheckoutHoldsOnlyTheUpdatePath() async throws {
        let repo = try await GitTestServer.makeRepository("sparse", files: ["apps/a.yaml": "a\n", "infra/b.yaml": "b\n", "top.txt": "t\n"])
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), sparsePath: "./apps")
        let outcome = try await GitJobs.workspace().run(job) { tree in
            #expect(FileManager.default.fileExists(atPath: tree.path + "/apps/a.yaml"))
            #expect(!FileManager.default.fileExists(atPath: tree.path + "/infra/b.yaml"))
            try "a2\n".write(toFile: tree.path + "/apps/a.yaml", atomically: true, encoding: .utf8)
            return .changed(message: "sparse")
        }
        #expect(outcome.push != nil)
        // Files outside the sparse cone are kept in the commit.
        #expect(try await GitTestServer.show(repo.path, "main", "infra/b.yaml") == "b")
        #expect(try await GitTestServer.show(repo.path, "main", "apps/a.yaml") == "a2")
    }

    @Test func shallowByDefault() async throws {
        let repo = try await GitTestServer.makeRepository("shallow")
        try await GitTestServer.commit(files: ["x": "1"], to: repo.path, branch: "main", message: "second")
        let job = try GitJobs.job(try GitTestServer.Transport.daemon.source(for: repo.name))
        _ = try await GitJobs.workspace().run(job) { tree in
            let count = try await GitTestServer.git(["rev-list", "--count", "HEAD"], in: tree.path)
            #expect(count == "1")
            return .unchanged
        }
        let deep = try GitJobs.job(try GitTestServer.Transport.daemon.source(for: repo.name), shallow: false)
        _ = try await GitJobs.workspace().run(deep) { tree in
            let count = try await GitTestServer.git(["rev-list", "--count", "HEAD"], in: tree.path)
            #expect(count == "2")
            return .unchanged
        }
    }

    /// `bearerToken` in the Secret goes as `Authorization: Bearer …` (through the environment, not arguments).
    @Test func bearerTokenOverHTTP() async throws {
        let repo = try await GitTestServer.makeRepository("bearer")
        let url = try GitURL("\(try GitTestServer.variable("FERRY_TEST_GIT_HTTP_URL"))/\(repo.name).git")
        let token = try GitTestServer.variable("FERRY_TEST_GIT_HTTP_TOKEN")
        let source = GitSourceSpec(
            url: url, reference: .init(branch: "main"),
            authentication: try GitAuthentication(url: url, secretData: ["bearerToken": Array(token.utf8)])
        )
        let outcome = try await GitJobs.workspace().run(try GitJobs.job(source), update: GitJobs.write("apps/app.yaml", "image: app:4\n"))
        #expect(try await GitTestServer.head(repo.path) == outcome.push?.commit.hash)

        let wrong = GitSourceSpec(
            url: url, reference: .init(branch: "main"),
            authentication: try GitAuthentication(url: url, secretData: ["bearerToken": Array("tok-wrong".utf8)])
        )
        await #expect {
            _ = try await GitJobs.workspace().run(try GitJobs.job(wrong)) { _ in .unchanged }
        } throws: { error in
            (error as? GitError)?.code == .authenticationFailed && !String(describing: error).contains("tok-wrong")
        }
    }

    /// UA-35: Flux re-initialises an empty remote and returns no commit; Ferry reports the missing branch.
    @Test func emptyRemoteRepository() async throws {
        let repos = try GitTestServer.variable("FERRY_TEST_GIT_REPOS")
        let name = "empty-\(UUID().uuidString.prefix(8).lowercased())"
        try await GitTestServer.git(["init", "--quiet", "--bare", "-b", "main", "\(repos)/\(name).git"])
        await #expect {
            _ = try await GitJobs.workspace().run(try GitJobs.job(try GitTestServer.Transport.daemon.source(for: name))) { _ in .unchanged }
        } throws: { error in
            (error as? GitError)?.code == .referenceNotFound && String(describing: error).contains("branch 'main'")
        }
    }
}
