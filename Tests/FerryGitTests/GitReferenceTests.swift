import FerryCore
import FerryGit
import Foundation
import Testing

/// Each checkout reference kind, and the push branch rules of UA-31 to UA-33.
@Suite struct GitReferenceTests {
    /// A repository with tags `v1.0.0`, `v1.1.0` (annotated), `v2.0.0-rc.1`, and a pull-request ref.
    static func taggedRepository(_ prefix: String) async throws -> (name: String, path: String, v1: String, v11: String, pull: String) {
        let repo = try await GitTestServer.makeRepository(prefix)
        let v1 = try await GitTestServer.head(repo.path)
        try await GitTestServer.git(["--git-dir", repo.path, "tag", "v1.0.0", v1])
        let v11 = try await GitTestServer.commit(files: ["apps/app.yaml": "image: app:1.1.0\n"], to: repo.path, branch: "main", message: "1.1")
        try await GitTestServer.git(["--git-dir", repo.path, "tag", "-a", "-m", "release", "v1.1.0", v11])
        let rc = try await GitTestServer.commit(files: ["apps/app.yaml": "image: app:2.0.0-rc.1\n"], to: repo.path, branch: "main", message: "rc")
        try await GitTestServer.git(["--git-dir", repo.path, "tag", "v2.0.0-rc.1", rc])
        let pull = try await GitTestServer.commit(
            files: ["pr.txt": "pr\n"], to: repo.path, branch: "pr-source", message: "pr", from: "refs/tags/v1.0.0")
        try await GitTestServer.git(["--git-dir", repo.path, "update-ref", "refs/pull/1/head", pull])
        try await GitTestServer.git(["--git-dir", repo.path, "update-ref", "-d", "refs/heads/pr-source"])
        return (repo.name, repo.path, v1, v11, pull)
    }

    @Test(arguments: [
        (GitCheckoutReference(tag: "v1.0.0"), "v1.0.0@sha1:", "v1"),
        (GitCheckoutReference(tag: "v1.1.0"), "v1.1.0@sha1:", "v11"),
        (GitCheckoutReference(semver: ">=1.0.0 <2.0.0"), "v1.1.0@sha1:", "v11"),
        (GitCheckoutReference(branch: "main", semver: "~1.0"), "v1.0.0@sha1:", "v1"),
        (GitCheckoutReference(name: "refs/pull/1/head"), "1/head@sha1:", "pull"),
        (GitCheckoutReference(name: "refs/tags/v1.0.0"), "v1.0.0@sha1:", "v1"),
    ])
    func checkoutKinds(_ reference: GitCheckoutReference, _ prefix: String, _ expected: String) async throws {
        let repo = try await Self.taggedRepository("ref")
        let hash = ["v1": repo.v1, "v11": repo.v11, "pull": repo.pull][expected] ?? ""
        let source = try GitTestServer.Transport.daemon.source(for: repo.name, reference: reference)
        let job = try GitJobs.job(source, push: GitPushSpec(branch: "auto"))
        let outcome = try await GitJobs.workspace().run(job) { tree in
            #expect(tree.base.hash == hash)
            #expect(tree.base.reference == "refs/heads/auto")
            return try await GitJobs.write("bump.txt", "bumped\n")(tree)
        }
        #expect(outcome.checkout.description == prefix + hash)
        // Switching branches: observedSourceRevision is the checkout commit, not the push.
        #expect(outcome.observedSourceRevision == prefix + hash)
        let pushed = try #require(outcome.push)
        #expect(try await GitTestServer.head(repo.path, "refs/heads/auto") == pushed.commit.hash)
        #expect(try await GitTestServer.git(["--git-dir", repo.path, "rev-parse", "auto^"]) == hash)
    }

    @Test func commitCheckouts() async throws {
        let repo = try await Self.taggedRepository("commit")
        // With a branch: the revision names it, and the push may go to that branch.
        let withBranch = try GitTestServer.Transport.file.source(for: repo.name, reference: GitCheckoutReference(branch: "main", commit: repo.v11))
        let first = try await GitJobs.workspace().run(try GitJobs.job(withBranch)) { tree in
            #expect(tree.base.hash == repo.v11)
            return .unchanged
        }
        #expect(first.checkout.description == "main@sha1:\(repo.v11)")
        // Without a branch: `sha1:<hash>`, and commits in any branch are found (full history).
        let bare = try GitTestServer.Transport.file.source(for: repo.name, reference: GitCheckoutReference(commit: repo.v1))
        let second = try await GitJobs.workspace().run(try GitJobs.job(bare, push: GitPushSpec(branch: "from-commit"))) { tree in
            let count = try await GitTestServer.git(["rev-list", "--count", "HEAD"], in: tree.path)
            #expect(count == "1")
            return .unchanged
        }
        #expect(second.checkout.description == "sha1:\(repo.v1)")
    }

    @Test func missingReferencesFailClearly() async throws {
        let repo = try await Self.taggedRepository("missing")
        let cases: [(GitCheckoutReference, String)] = [
            (GitCheckoutReference(branch: "nope"), "branch 'nope'"),
            (GitCheckoutReference(tag: "v9.9.9"), "tag 'v9.9.9'"),
            (GitCheckoutReference(semver: ">=5.0.0"), "no match found for semver: >=5.0.0"),
            (
                GitCheckoutReference(commit: String(repeating: "0", count: 40)),
                "unable to resolve commit object for '\(String(repeating: "0", count: 40))': object not found"
            ),
        ]
        for (reference, text) in cases {
            let source = try GitTestServer.Transport.daemon.source(for: repo.name, reference: reference)
            await #expect {
                _ = try await GitJobs.workspace().run(try GitJobs.job(source, push: GitPushSpec(branch: "x"))) { _ in .unchanged }
            } throws: { error in
                guard let error = error as? GitError else { return false }
                return error.code == .referenceNotFound && error.description.contains(text)
            }
        }
    }

    @Test func semverTiesGoToTheNewestCommit() async throws {
        let repo = try await GitTestServer.makeRepository("semver-tie")
        let old = try await GitTestServer.commit(files: ["a": "old"], to: repo.path, branch: "main", message: "old", date: 1_600_000_000)
        let new = try await GitTestServer.commit(files: ["a": "new"], to: repo.path, branch: "main", message: "new", date: 1_700_000_000)
        try await GitTestServer.git(["--git-dir", repo.path, "tag", "1.0.0+zzz", old])
        try await GitTestServer.git(["--git-dir", repo.path, "tag", "1.0.0+aaa", new])
        try await GitTestServer.git(["--git-dir", repo.path, "tag", "0.9.0", new])
        let source = try GitTestServer.Transport.daemon.source(for: repo.name, reference: GitCheckoutReference(semver: "1.x"))
        let outcome = try await GitJobs.workspace().run(try GitJobs.job(source, push: GitPushSpec(branch: "auto"))) { _ in .unchanged }
        #expect(outcome.checkout.description == "1.0.0+aaa@sha1:\(new)")
    }

    /// UA-31: a separate push branch that does not exist yet starts at the checkout; one that
    /// exists is the base of the update (its own commits are kept) and is force-pushed.
    @Test func separatePushBranch() async throws {
        let repo = try await GitTestServer.makeRepository("push-branch")
        let main = try await GitTestServer.head(repo.path)
        let log = TraceLog()
        let source = try GitTestServer.Transport.http.source(for: repo.name)
        let job = try GitJobs.job(source, push: GitPushSpec(branch: "auto"))

        let created = try await GitJobs.workspace(trace: log.record).run(job, update: GitJobs.write("apps/app.yaml", "image: app:2\n"))
        let firstPush = try #require(created.push)
        #expect(try await GitTestServer.git(["--git-dir", repo.path, "rev-parse", "auto^"]) == main)
        #expect(created.observedSourceRevision == "main@sha1:\(main)")
        #expect(log.all.contains { $0.arguments.first == "push" && $0.arguments.last == "+refs/heads/auto:refs/heads/auto" })

        // Someone adds a commit to auto; main moves too. The next update builds on auto's head.
        let extra = try await GitTestServer.commit(files: ["review.txt": "lgtm\n"], to: repo.path, branch: "auto", message: "review")
        try await GitTestServer.commit(files: ["other.txt": "x\n"], to: repo.path, branch: "main", message: "main moved")
        let again = try await GitJobs.workspace().run(job) { tree in
            #expect(tree.base.hash == extra)
            return try await GitJobs.write("apps/app.yaml", "image: app:3\n")(tree)
        }
        let secondPush = try #require(again.push)
        #expect(secondPush.commit.hash != firstPush.commit.hash)
        #expect(try await GitTestServer.git(["--git-dir", repo.path, "rev-parse", "auto^"]) == extra)
        #expect(try await GitTestServer.show(repo.path, "auto", "review.txt") == "lgtm")
        // The checkout branch was not touched by the push.
        #expect(try await GitTestServer.show(repo.path, "main", "apps/app.yaml") == "image: app:1.0.0")
    }

    @Test func refspecIsASecondPush() async throws {
        let repo = try await GitTestServer.makeRepository("refspec")
        let job = try GitJobs.job(
            try GitTestServer.Transport.daemon.source(for: repo.name),
            push: GitPushSpec(branch: "auto", refspec: "refs/heads/auto:refs/heads/release")
        )
        let log = TraceLog()
        let outcome = try await GitJobs.workspace(trace: log.record).run(job, update: GitJobs.write("apps/app.yaml", "image: app:9\n", message: "m"))
        let push = try #require(outcome.push)
        #expect(try await GitTestServer.head(repo.path, "refs/heads/auto") == push.commit.hash)
        #expect(try await GitTestServer.head(repo.path, "refs/heads/release") == push.commit.hash)
        #expect(push.summary == "pushed commit '\(push.commit.hash.prefix(7))' to branch 'auto' and refspecs 'refs/heads/auto:refs/heads/release'\nm")
        let pushes = log.all.filter { $0.arguments.first == "push" }.map { $0.arguments.last ?? "" }
        #expect(pushes == ["+refs/heads/auto:refs/heads/auto", "refs/heads/auto:refs/heads/release"])
    }

    @Test(arguments: [GitTestServer.Transport.daemon, .http, .ssh])
    func pushOptionsReachTheServer(_ transport: GitTestServer.Transport) async throws {
        let hook = """
            #!/bin/sh
            i=0
            while [ "$i" -lt "${GIT_PUSH_OPTION_COUNT:-0}" ]; do
                eval "printf '%s\\n' \\"\\$GIT_PUSH_OPTION_$i\\"" >> "$GIT_DIR/push-options.log"
                i=$((i + 1))
            done
            """
        let repo = try await GitTestServer.makeRepository("options-\(transport.rawValue)", hooks: ["pre-receive": hook])
        let options = ["merge_request.create": "", "topic": "image bump", "title": "Update app"]
        let job = try GitJobs.job(try transport.source(for: repo.name), push: GitPushSpec(options: options))
        _ = try await GitJobs.workspace().run(job, update: GitJobs.write("apps/app.yaml", "image: app:7\n"))
        let received = try String(contentsOfFile: repo.path + "/push-options.log", encoding: .utf8)
        #expect(received == "merge_request.create\ntitle=Update app\ntopic=image bump\n")
    }
}
