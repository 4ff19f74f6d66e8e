import Foundation
import Testing

/// Disk full while Ferry writes its state and its checkout, and `kill -9` at random points of a reconcile,
/// repeated: afterwards the state database is intact, Git holds whole files, and a plain run finishes the work
/// with exactly one commit per change.
@Suite("Reliability: disk full and kill -9")
struct ReliabilityCrashTests {
    /// How the disk fills: a tmpfs of its own (needs root, as on CI), or RLIMIT_FSIZE on the ferry process
    /// (SIGXFSZ ignored, so writes past the limit fail with EFBIG as they would on a full disk).
    enum DiskFull: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case tmpfs, fileSizeLimit
        var testDescription: String { rawValue }
    }

    @Test("Disk full while writing the state and the checkout: the run fails, nothing partial anywhere; with space back it lands once", .disabled("unverified: the run of this test hung on the shared machine (Foundation Process children started through setsid); see RELIABILITY.md"),
          arguments: DiskFull.allCases)
    func diskFull(mode: DiskFull) async throws {
        let scenario = try await ReliabilityScenario(name: "disk-full-\(mode.rawValue)")
        defer { scenario.world.remove() }
        let disk = scenario.world.scratch + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        if mode == .tmpfs {
            guard getuid() == 0 else {
                Issue.record("the tmpfs case needs root (mount -t tmpfs); CI runs as root")
                return
            }
            try await scenario.world.run("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", disk])
        }
        defer { if mode == .tmpfs { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: ["-l", disk]).waitUntilExit() } }
        let state = disk + "/state.db"
        func once(limitKB: Int? = nil) async throws -> FerryRun {
            let arguments = ["run", "--once", "--manifests", scenario.manifests, "--secrets", scenario.secrets, "--state", state]
            guard let limitKB else { return try await ferryExecutable(arguments) }
            let quoted = ([ReliabilityProcess.ferry] + arguments).map { "'\($0)'" }.joined(separator: " ")
            let result = try await scenarioShell(scenario, "trap '' XFSZ; ulimit -f \(limitKB); exec \(quoted)")
            return result
        }
        try await scenario.push("app", "1.0.0", "1.1.0")
        let first = try await once()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await scenario.commits().count == 2)

        // A new tag, and no room to record it or to commit it.
        try await scenario.push("app", "1.2.0", "1.3.0")
        let full: FerryRun
        switch mode {
        case .tmpfs:
            // Fill every free byte (dd stops at ENOSPC).
            _ = try? await scenario.world.run("dd", ["if=/dev/zero", "of=\(disk)/filler", "bs=64k"])
            full = try await once()
        case .fileSizeLimit:
            // No file may grow past what the state file is now.
            let size = (try FileManager.default.attributesOfItem(atPath: state)[.size] as? Int) ?? 0
            full = try await once(limitKB: max(size / 1024, 1))
        }
        #expect(full.status != 0, "a full disk cannot go unnoticed: \(full.stderr)")
        let fullOutput = full.stdout + full.stderr
        #expect(fullOutput.contains("No space left on device") || fullOutput.contains("disk") || fullOutput.contains("full") || fullOutput.contains("File too large")
                || fullOutput.contains("SQLite error"), "the output says what happened: \(fullOutput)")
        try await scenario.checkInvariants(["app": ["1.1.0", "1.3.0"]], "disk full (\(mode.rawValue))")
        let integrity = try await scenario.world.run("sqlite3", [state, "PRAGMA integrity_check"])
        #expect(integrity.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "state database after a full disk: \(integrity)")

        try? FileManager.default.removeItem(atPath: disk + "/filler")
        let recovered = try await once()
        #expect(recovered.status == 0, "\(recovered.stderr)")
        try await scenario.checkInvariants(["app": ["1.3.0"]], "disk space back (\(mode.rawValue))")
        #expect(try await scenario.commits().count == 3, "exactly one commit for 1.3.0")
    }

    /// The generator of the kill delays: SplitMix64 from a seed the test prints, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("kill -9 at random points of a reconcile, repeated, each followed by a restart: nothing partial, nothing lost, nothing doubled", .disabled("unverified: the run of this test hung on the shared machine (Foundation Process children started through setsid); see RELIABILITY.md"))
    func killNineRepeated() async throws {
        let apps = ["a", "b"]
        let scenario = try await ReliabilityScenario(name: "kill-random", apps: apps, perAppAutomations: true)
        defer { scenario.world.remove() }
        let rounds = Int(ProcessInfo.processInfo.environment["FERRY_RELIABILITY_KILLS"] ?? "") ?? 8
        let seed = UInt64(ProcessInfo.processInfo.environment["FERRY_RELIABILITY_SEED"] ?? "") ?? UInt64(Date().timeIntervalSince1970)
        print("kill -9 suite: \(rounds) rounds, seed \(seed) (FERRY_RELIABILITY_SEED=\(seed) replays it)")
        var random = SplitMix(state: seed)
        // The server holds pushes a little, so kills also land while a push is in flight.
        try ReliabilityGitFaultTests.hook(scenario.world, "#!/bin/sh\nsleep 0.$(( $$ % 5 ))\nexit 0\n")
        var allowed: [String: Set<String>] = ["a": ["1.0.0"], "b": ["1.0.0"]]
        var killedAlive = 0
        for round in 1...rounds {
            let tag = "1.\(round).0"
            for app in apps { try await scenario.push(app, tag) }
            let process = try ReliabilityProcess(ReliabilityProcess.ferry, scenario.runArguments, output: scenario.world.scratch + "/kill-\(round).log")
            let delay = Int.random(in: 50...2500, using: &random)
            try await Task.sleep(for: .milliseconds(delay))
            if process.process.isRunning { killedAlive += 1 }
            // Only ferry: the git processes it started live on, as after an OOM kill of the main process.
            process.kill(SIGKILL, group: false)
            process.wait()
            for app in apps { allowed[app, default: []].insert(tag) }
            try await scenario.checkInvariants(allowed, "round \(round), killed after \(delay) ms")
        }
        #expect(killedAlive == rounds, "every kill hit a running ferry")
        let final = try await scenario.once()
        #expect(final.status == 0, "\(final.stderr)")
        let last = "1.\(rounds).0"
        try await scenario.checkInvariants(["a": [last], "b": [last]], "after the final restart")
        let commits = try await scenario.commits()
        #expect(commits.count <= 1 + 2 * rounds, "at most one commit per app and tag: \(commits.count - 1)")
        let events = try await scenario.world.run("sqlite3", [scenario.state, "select count(*) from events"])
        #expect((Int(events.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "the state file kept its events")
    }
}

/// Runs `script` with bash, returning what ferry printed and its status.
func scenarioShell(_ scenario: ReliabilityScenario, _ script: String) async throws -> FerryRun {
    let output = scenario.world.scratch + "/shell-\(UUID().uuidString.prefix(6)).log"
    let errors = output + ".err"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    FileManager.default.createFile(atPath: output, contents: nil)
    FileManager.default.createFile(atPath: errors, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
    try process.run()
    while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return FerryRun(
        status: status, stdout: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
}
