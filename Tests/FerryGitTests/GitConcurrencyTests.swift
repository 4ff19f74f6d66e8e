import FerryCore
import FerryGit
import Foundation
import Synchronization
import Testing

/// Several writers on one branch, and the clone cache.
@Suite struct GitConcurrencyTests {
    /// Another writer pushes between our checkout and our push: the push is rejected, the
    /// update is re-applied on the new head, and both changes land.
    @Test func reapplyAfterTheBranchMoved() async throws {
        let repo = try await GitTestServer.makeRepository("race-reapply")
        let job = try GitJobs.job(try GitTestServer.Transport.http.source(for: repo.name))
        let attempts = Shared<[Int]>([])
        let outcome = try await GitJobs.workspace().run(job) { tree in
            attempts.withLock { $0.append(tree.attempt) }
            if tree.attempt == 1 {
                try await GitTestServer.commit(files: ["other.yaml": "from the other writer\n"], to: repo.path, branch: "main", message: "other")
            }
            return try await GitJobs.write("apps/app.yaml", "image: app:2.0.0\n", message: "ours")(tree)
        }
        #expect(attempts.withLock { $0 } == [1, 2])
        let push = try #require(outcome.push)
        #expect(push.attempts == 2)
        #expect(try await GitTestServer.head(repo.path) == push.commit.hash)
        #expect(try await GitTestServer.show(repo.path, "main", "other.yaml") == "from the other writer")
        #expect(try await GitTestServer.show(repo.path, "main", "apps/app.yaml") == "image: app:2.0.0")
        #expect(outcome.observedSourceRevision == "main@sha1:\(push.commit.hash)")
    }

    /// With one attempt (Flux's behaviour) the rejection is an error, and nothing is forced.
    @Test func boundedAttempts() async throws {
        let repo = try await GitTestServer.makeRepository("race-bounded")
        let job = try GitJobs.job(try GitTestServer.Transport.daemon.source(for: repo.name), maxPushAttempts: 1)
        let theirs = Shared<String>("")
        await #expect {
            _ = try await GitJobs.workspace().run(job) { tree in
                let hash = try await GitTestServer.commit(files: ["other.yaml": "x\n"], to: repo.path, branch: "main", message: "other")
                theirs.withLock { $0 = hash }
                return try await GitJobs.write("apps/app.yaml", "image: app:2.0.0\n")(tree)
            }
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.code == .pushRejected && error.isNonFastForward && error.description.contains("branch 'main'")
        }
        #expect(try await GitTestServer.head(repo.path) == theirs.withLock { $0 })
    }

    /// Two automations race on one branch, both past checkout before either pushes: both land.
    @Test(arguments: [GitTestServer.Transport.daemon, .ssh])
    func twoWritersBothLand(_ transport: GitTestServer.Transport) async throws {
        let repo = try await GitTestServer.makeRepository("race-two-\(transport.rawValue)")
        let job = try GitJobs.job(try transport.source(for: repo.name))
        let barrier = Barrier(parties: 2)
        try await withThrowingTaskGroup(of: GitAutomationOutcome.self) { group in
            for writer in ["a", "b"] {
                group.addTask {
                    try await GitJobs.workspace().run(job) { tree in
                        if tree.attempt == 1 { await barrier.arrive() }
                        return try await GitJobs.write("apps/\(writer).yaml", "writer \(writer)\n", message: "writer \(writer)")(tree)
                    }
                }
            }
            var attempts: [Int] = []
            for try await outcome in group { attempts.append(outcome.push?.attempts ?? 0) }
            #expect(attempts.sorted() == [1, 2])
        }
        #expect(try await GitTestServer.show(repo.path, "main", "apps/a.yaml") == "writer a")
        #expect(try await GitTestServer.show(repo.path, "main", "apps/b.yaml") == "writer b")
        #expect(try await GitTestServer.git(["--git-dir", repo.path, "rev-list", "--count", "main"]) == "3")
    }

    /// A cached clone is fetched into, not cloned again; its tree is reset between runs.
    @Test func cacheReusesTheClone() async throws {
        let repo = try await GitTestServer.makeRepository("cache")
        let cache = NSTemporaryDirectory() + "ferry-cache-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let job = try GitJobs.job(try GitTestServer.Transport.daemon.source(for: repo.name))
        let log = TraceLog()
        let workspace = GitJobs.workspace(cache: cache, trace: log.record)
        let paths = Shared<[String]>([])
        _ = try await workspace.run(job) { tree in
            paths.withLock { $0.append(tree.path) }
            // Leftovers of a run that did not commit must not reach the next run.
            try "junk\n".write(toFile: tree.path + "/untracked.txt", atomically: true, encoding: .utf8)
            try "edited\n".write(toFile: tree.path + "/README.md", atomically: true, encoding: .utf8)
            return .unchanged
        }
        let initsBefore = log.all.filter { $0.arguments.first == "init" }.count
        try await GitTestServer.commit(files: ["upstream.txt": "u\n"], to: repo.path, branch: "main", message: "upstream")
        let second = try await workspace.run(job) { tree in
            paths.withLock { $0.append(tree.path) }
            #expect(!FileManager.default.fileExists(atPath: tree.path + "/untracked.txt"))
            #expect(FileManager.default.fileExists(atPath: tree.path + "/upstream.txt"))
            // The second fetch is incremental: still one shallow boundary, not one per run.
            let shallow = try String(contentsOfFile: tree.path + "/.git/shallow", encoding: .utf8)
            #expect(shallow.split(separator: "\n").count == 1)
            #expect((try? String(contentsOfFile: tree.path + "/README.md", encoding: .utf8)) == "fleet\n")
            return try await GitJobs.write("apps/app.yaml", "image: app:3\n")(tree)
        }
        #expect(initsBefore == 1)
        #expect(log.all.filter { $0.arguments.first == "init" }.count == 1)
        #expect(paths.withLock { $0.count == 2 && $0[0] == $0[1] && $0[0].hasPrefix(cache) })
        #expect(try await GitTestServer.head(repo.path) == second.push?.commit.hash)
        #expect(try await GitTestServer.show(repo.path, "main", "apps/app.yaml") == "image: app:3")
    }

    /// Runs that share a cache entry take turns (a file lock), and both land.
    @Test func sharedCacheIsLocked() async throws {
        let repo = try await GitTestServer.makeRepository("cache-lock")
        let cache = NSTemporaryDirectory() + "ferry-cache-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name))
        let inside = Shared<(now: Int, most: Int)>((0, 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<3 {
                group.addTask {
                    _ = try await GitJobs.workspace(cache: cache).run(job) { tree in
                        inside.withLock {
                            $0.now += 1
                            $0.most = max($0.most, $0.now)
                        }
                        try await Task.sleep(for: .milliseconds(50))
                        inside.withLock { $0.now -= 1 }
                        return try await GitJobs.write("apps/w\(writer).yaml", "\(writer)\n")(tree)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inside.withLock { $0.most } == 1)
        #expect(try await GitTestServer.git(["--git-dir", repo.path, "rev-list", "--count", "main"]) == "4")
    }
}

/// Waits until `parties` tasks have arrived.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
