import Foundation
import Testing

/// Git faults on real servers: the Git server dies in the middle of a push, four automations race on one
/// branch, the repository disappears under Ferry and comes back.
@Suite("Reliability: Git faults")
struct ReliabilityGitFaultTests {
    /// A smart-HTTP Git server of the test's own (scripts/services/git-http-server.py, Basic auth) over the test
    /// repositories, so the test can kill it.
    final class OwnDaemon: @unchecked Sendable {
        let port: Int
        var process: ReliabilityProcess?
        let log: String

        init(log: String) async throws {
            port = try await ferryFreePort()
            self.log = log
            try start()
        }

        func start() throws {
            let repos = try E2EWorld.variable("FERRY_TEST_GIT_REPOS")
            let config = try E2EWorld.variable("FERRY_TEST_GIT_SERVER_CONFIG")
            let server = URL(fileURLWithPath: E2EWorld.seeder).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("git-http-server.py").path
            process = try ReliabilityProcess(
                "python3", [server, "--port", "\(port)", "--root", repos, "--user", "\(Self.user):\(Self.password)", "--quiet", "--git-config", config],
                output: log, environment: ["GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": config])
        }

        /// Kills the daemon and every process it forked (the receive-pack serving a push, its hooks).
        func kill() {
            process?.end()
            process = nil
        }

        func url(_ world: E2EWorld) -> String { "http://127.0.0.1:\(port)/\(world.repositoryName).git" }

        static let user = "dies"
        static let password = "dies-\(UUID().uuidString.prefix(8))"

        /// The Secret the GitRepository names (`git-auth`).
        static var secret: String {
            "apiVersion: v1\nkind: Secret\nmetadata: {name: git-auth, namespace: flux-system}\nstringData: {username: \(user), password: \(password)}\n"
        }

        func waitListening() async throws { try await reliabilityWaitPort(port) }
    }

    static func hook(_ world: E2EWorld, _ script: String) throws {
        let hook = world.bare + "/hooks/pre-receive"
        try script.write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
    }

    @Test("The Git server dies in the middle of a push: the automation fails saying so, main is untouched; the next run pushes once")
    func serverDiesMidPush() async throws {
        let daemon = try await OwnDaemon(log: FileManager.default.temporaryDirectory.appendingPathComponent("ferry-git-dies-\(UUID().uuidString).log").path)
        defer { daemon.kill() }
        let scenario = try await ReliabilityScenario(name: "git-dies", gitURL: daemon.url, gitSecret: "git-auth")
        defer { scenario.world.remove() }
        try OwnDaemon.secret.write(toFile: scenario.secrets + "/git.yaml", atomically: true, encoding: .utf8)
        let world = scenario.world
        try await daemon.waitListening()
        try await scenario.push("app", "1.0.0", "1.5.0")
        try Self.hook(world, "#!/bin/sh\ntouch \"$GIT_DIR/push-started\"\nsleep 30\nexit 0\n")
        let marker = world.bare + "/push-started"
        async let run = scenario.once()
        let started = await reliabilityWait(seconds: 240) { FileManager.default.fileExists(atPath: marker) }
        #expect(started, "the push never reached the server")
        daemon.kill()
        let failed = try await run
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("✗ ImageUpdateAutomation/flux-system/fleet (\(scenario.manifests)/objects.yaml:"), "\(failed.stderr)")
        #expect(failed.stderr.contains("failed to update source: "), "\(failed.stderr)")
        #expect(try await scenario.commits().count == 1, "nothing reached main")
        try await scenario.checkInvariants(["app": ["1.0.0"]], "after the server died")
        #expect(try await scenario.status("update", "fleet").contains("failed to update source"))

        try FileManager.default.removeItem(atPath: world.bare + "/hooks/pre-receive")
        try daemon.start()
        try await daemon.waitListening()
        let recovered = try await scenario.once()
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(try await scenario.commits().count == 2, "exactly one commit")
        try await scenario.checkInvariants(["app": ["1.5.0"]], "after the server came back")
    }

    @Test("Four automations of one GitRepository and branch, different files, in one ferry process: all four changes land, each once")
    func fourAutomationsOneProcess() async throws {
        let apps = ["a", "b", "c", "d"]
        let scenario = try await ReliabilityScenario(name: "four-one", apps: apps, perAppAutomations: true)
        defer { scenario.world.remove() }
        for app in apps { try await scenario.push(app, "1.0.0", "2.0.0") }
        // The server holds each push a little, so the four passes overlap and three see a moved branch.
        try Self.hook(scenario.world, "#!/bin/sh\nsleep 0.3\nexit 0\n")
        // Found by this test: with 3 push attempts (the old default) the last of the four could lose three rounds
        // ("cannot lock ref" or "fetch first" each time) and fail its pass. Each round lands at least one writer, so
        // the default of 5 attempts lands all four in one pass.
        let run = try await scenario.once(["--concurrent", "4"])
        #expect(run.status == 0, "\(run.stderr)")
        let commits = try await scenario.commits()
        #expect(commits.count == 5, "four commits on the seed, in one pass, got \(commits.count)")
        try await scenario.checkInvariants(Dictionary(uniqueKeysWithValues: apps.map { ($0, ["2.0.0"]) }), "four automations, one process")
        let again = try await scenario.once(["--concurrent", "4"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try await scenario.commits().count == 5, "a second pass has nothing to commit")
    }

    @Test("Four ferry processes, one automation each, racing on one branch: no update is lost, none is doubled, none is empty")
    func fourProcessesRace() async throws {
        let apps = ["a", "b", "c", "d"]
        let scenario = try await ReliabilityScenario(name: "four-race", apps: apps, perAppAutomations: true)
        defer { scenario.world.remove() }
        for app in apps { try await scenario.push(app, "1.0.0", "3.0.0") }
        try Self.hook(scenario.world, "#!/bin/sh\nsleep 0.2\nexit 0\n")
        // Each process gets the manifests of one automation (and all image objects), and its own state file.
        let all = try String(contentsOfFile: scenario.manifests + "/objects.yaml", encoding: .utf8).components(separatedBy: "\n---\n")
        var folders: [String] = []
        for app in apps {
            let folder = scenario.world.scratch + "/manifests-\(app)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let mine = all.filter { !$0.contains("kind: ImageUpdateAutomation") || $0.contains("name: \(app), namespace") }
            try mine.joined(separator: "\n---\n").write(toFile: folder + "/objects.yaml", atomically: true, encoding: .utf8)
            folders.append(folder)
        }
        var rounds = 0
        var statuses: [Int32] = []
        // Flux does not retry a rejected push inside a reconcile beyond its own fetch-and-rebase; run the four
        // together until every change is in (at most three rounds).
        while rounds < 3 {
            rounds += 1
            statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
                for (index, folder) in folders.enumerated() {
                    group.addTask {
                        try await ferryExecutable(["run", "--once", "--manifests", folder, "--state", scenario.world.scratch + "/state-\(index).db"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let heads = try await apps.asyncMap { scenario.tag(of: try await scenario.file($0), app: $0) }
            if heads.allSatisfy({ $0 == "3.0.0" }) { break }
        }
        print("four racing processes: every change in after \(rounds) round(s); exit statuses of the last: \(statuses)")
        let commits = try await scenario.commits()
        #expect(commits.count == 5, "exactly four automation commits, got \(commits.count - 1)")
        try await scenario.checkInvariants(Dictionary(uniqueKeysWithValues: apps.map { ($0, ["3.0.0"]) }), "four racing processes")
        for index in 0..<apps.count {
            let integrity = try await scenario.world.run("sqlite3", [scenario.world.scratch + "/state-\(index).db", "PRAGMA integrity_check"])
            #expect(integrity.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        }
    }

    @Test("The repository is deleted under Ferry: the status says it is not there, nothing else breaks; it comes back and Ferry recovers")
    func repositoryDeleted() async throws {
        let scenario = try await ReliabilityScenario(name: "repo-deleted")
        defer { scenario.world.remove() }
        try await scenario.push("app", "1.0.0", "1.1.0")
        let first = try await scenario.once()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await scenario.commits().count == 2)

        let away = scenario.world.bare + ".away"
        try FileManager.default.moveItem(atPath: scenario.world.bare, toPath: away)
        try await scenario.push("app", "1.2.0")
        let missing = try await scenario.once()
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("✗ ImageUpdateAutomation/flux-system/fleet"), "\(missing.stderr)")
        #expect(missing.stderr.contains(scenario.world.repositoryName), "the message names the repository: \(missing.stderr)")
        #expect(missing.stderr.contains("✔ ImageRepository/flux-system/app"), "the image objects keep working: \(missing.stderr)")
        #expect(missing.stderr.contains("✔ ImagePolicy/flux-system/app"), "\(missing.stderr)")
        let status = try await scenario.status("update", "fleet")
        #expect(status.contains(scenario.world.repositoryName), "the stored status names the repository: \(status)")
        #expect(try await scenario.world.run("sqlite3", [scenario.state, "PRAGMA integrity_check"]).hasPrefix("ok"))

        try FileManager.default.moveItem(atPath: away, toPath: scenario.world.bare)
        let back = try await scenario.once()
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try await scenario.commits().count == 3)
        try await scenario.checkInvariants(["app": ["1.2.0"]], "after the repository came back")
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
