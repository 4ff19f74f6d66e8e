import FerryTesting
import Foundation
import Testing

/// Disk full while Ferry writes its state and its checkout, and `kill -9` at random points of a reconcile,
/// repeated: afterwards the state database is intact, Git holds whole files, and a plain run finishes the work
/// with exactly one commit per change.
@Suite("Reliability: disk full and kill -9")
struct ReliabilityCrashTests {
    /// What the full disk holds: the state file, the Git cache and the checkouts (`TMPDIR`); or only the Git cache
    /// and the checkouts, the state file being on a disk with room.
    enum FullDisk: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case stateAndCheckout, checkoutOnly
        var testDescription: String { rawValue }
    }

    /// `ferry run --once` on `scenario` with the state file `state`, the checkouts under `temporary`, and the shell
    /// prefix `limit` (`ulimit …`), bounded.
    static func once(_ scenario: ReliabilityScenario, state: String, temporary: String? = nil, limit: String = "") async throws -> FerryRun {
        let arguments = [ReliabilityProcess.ferry, "run", "--once", "--manifests", scenario.manifests, "--secrets", scenario.secrets, "--state", state]
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        // bash only sets the limit and replaces itself with ferry (exec): no fork, the signals and the wait reach ferry.
        return try await ReliabilityProcess.run(
            "/bin/bash", ["-c", "\(limit)exec \(quoted)"], in: scenario.world.scratch, seconds: 240,
            environment: temporary.map { ["TMPDIR": $0] } ?? [:])
    }

    /// The output of a run that hit a full disk names it.
    static func saysDiskFull(_ run: FerryRun) -> Bool {
        let output = run.stdout + run.stderr
        // SQLite reports ENOSPC as "database or disk is full", other write failures (EFBIG; a -shm file it cannot
        // create on a full tmpfs) as "disk I/O error"; git and the file writer give the errno text.
        return ["No space left on device", "database or disk is full", "File too large", "disk I/O error"].contains { output.contains($0) }
    }

    @Test("Disk full (a 16 MiB tmpfs filled with dd) while writing the state and the checkout: the run fails saying so, nothing partial anywhere; with space back it lands once",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root (CI runs as root); the RLIMIT_FSIZE case runs anyway"),
          arguments: FullDisk.allCases)
    func diskFullTmpfs(holds: FullDisk) async throws {
        let scenario = try await ReliabilityScenario(name: "disk-full-\(holds.rawValue)")
        defer { scenario.world.remove() }
        let disk = scenario.world.scratch + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try await scenario.world.run("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", disk])
        defer { _ = try? ReliabilityProcess("/bin/umount", ["-l", disk], output: scenario.world.scratch + "/umount.log").finish(seconds: 10) }
        let temporary = disk + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let state: String
        switch holds {
        case .stateAndCheckout:
            state = disk + "/state.db"
        case .checkoutOnly:
            // The state file has room; its Git cache (`<state>.git-cache`) and the checkouts do not.
            state = scenario.world.scratch + "/state.db"
            try FileManager.default.createDirectory(atPath: disk + "/git-cache", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: state + ".git-cache", withDestinationPath: disk + "/git-cache")
        }
        try await scenario.push("app", "1.0.0", "1.1.0")
        let first = try await Self.once(scenario, state: state, temporary: temporary)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await scenario.commits().count == 2)

        // A new tag, and no room to record it or to commit it: fill every free byte (dd stops at ENOSPC).
        try await scenario.push("app", "1.2.0", "1.3.0")
        _ = try? await scenario.world.run("dd", ["if=/dev/zero", "of=\(disk)/filler", "bs=64k"])
        let full = try await Self.once(scenario, state: state, temporary: temporary)
        print("disk full (\(holds.rawValue)): status \(full.status): \(full.stderr)")
        #expect(full.status != 0, "a full disk cannot go unnoticed: \(full.stderr)")
        #expect(Self.saysDiskFull(full), "the output says the disk is full: \(full.stdout + full.stderr)")
        #expect(try await scenario.commits().count == 2, "nothing was committed on a full disk")
        if holds == .checkoutOnly {
            let status = try await scenario.status("update", "fleet", state: state)
            #expect(status.contains("No space left on device"), "the stored status of the automation says the disk is full: \(status)")
        }

        // Space back (sqlite3 itself cannot open a WAL database on a full disk: it must create the -shm file).
        try FileManager.default.removeItem(atPath: disk + "/filler")
        try await scenario.checkInvariants(["app": ["1.1.0"]], "after the full disk (\(holds.rawValue))", state: state)
        let recovered = try await Self.once(scenario, state: state, temporary: temporary)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        try await scenario.checkInvariants(["app": ["1.3.0"]], "disk space back (\(holds.rawValue))", state: state)
        #expect(try await scenario.commits().count == 3, "exactly one commit for 1.3.0")
    }

    @Test("Files may not grow (RLIMIT_FSIZE on the ferry process, SIGXFSZ ignored, so writes fail with EFBIG as on a full disk): the run fails saying so, nothing partial; without the limit it lands once")
    func diskFullFileSizeLimit() async throws {
        let scenario = try await ReliabilityScenario(name: "disk-full-fsize")
        defer { scenario.world.remove() }
        let state = scenario.state
        try await scenario.push("app", "1.0.0", "1.1.0")
        let first = try await Self.once(scenario, state: state)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await scenario.commits().count == 2)

        try await scenario.push("app", "1.2.0", "1.3.0")
        // No file ferry (or a git it starts) writes may reach past 8 KiB (`ulimit -f` counts KiB): the state file's
        // write-ahead log outgrows it at its first transaction (its output files stay far below).
        let full = try await Self.once(scenario, state: state, limit: "trap '' XFSZ; ulimit -f 8; ")
        print("file size limit: status \(full.status): \(full.stderr)")
        #expect(full.status != 0, "a full disk cannot go unnoticed: \(full.stderr)")
        #expect(Self.saysDiskFull(full), "the output says the disk is full: \(full.stdout + full.stderr)")
        try await scenario.checkInvariants(["app": ["1.1.0"]], "file size limit")
        #expect(try await scenario.commits().count == 2, "nothing was committed")

        let recovered = try await Self.once(scenario, state: state)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        try await scenario.checkInvariants(["app": ["1.3.0"]], "limit lifted")
        #expect(try await scenario.commits().count == 3, "exactly one commit for 1.3.0")
    }


    @Test("kill -9 at random points of a reconcile, repeated, each followed by a restart: nothing partial, nothing lost, nothing doubled")
    func killNineRepeated() async throws {
        let apps = ["a", "b"]
        let scenario = try await ReliabilityScenario(name: "kill-random", apps: apps, perAppAutomations: true)
        defer { scenario.world.remove() }
        let rounds = Int(ProcessInfo.processInfo.environment["FERRY_RELIABILITY_KILLS"] ?? "") ?? 8
        let seed = UInt64(ProcessInfo.processInfo.environment["FERRY_RELIABILITY_SEED"] ?? "") ?? UInt64(Date().timeIntervalSince1970)
        print("kill -9 suite: \(rounds) rounds, seed \(seed) (FERRY_RELIABILITY_SEED=\(seed) replays it)")
        var random = SplitMix64(seed: seed)  // the kill delays, replayable from the seed the test prints
        // The server holds pushes a little, so kills also land while a push is in flight.
        try ReliabilityGitFaultTests.hook(scenario.world, "#!/bin/sh\nsleep 0.$(( $$ % 5 ))\nexit 0\n")
        // Calibration: how long a whole reconcile takes here (start, scans, both pushes), so that the kills spread over
        // all of it on a fast machine as on a loaded one.
        for app in apps { try await scenario.push(app, "1.0.1") }
        // `--once` reconciles every object now (a restarted daemon would wait for the objects' intervals, idle).
        let once = scenario.runArguments + ["--once"]
        let calibration = try ReliabilityProcess(ReliabilityProcess.ferry, once, output: scenario.world.scratch + "/calibration.log")
        let started = Date()
        let calibrated = try await calibration.wait(seconds: 240)
        // Capped, so that a calibration on a starved machine cannot make the rounds long.
        var whole = min(Int(Date().timeIntervalSince(started) * 1000), 8000)
        calibration.end()
        let calibrationCommits = try await scenario.commits().count
        #expect(calibrated == 0 && calibrationCommits == 3, "the calibration run pushed both changes: \(calibration.log)")
        print("kill -9 suite: a whole reconcile (start to both pushes) took \(whole) ms; kills at 50...\(max(whole, 500)) ms")
        var allowed: [String: Set<String>] = ["a": ["1.0.0", "1.0.1"], "b": ["1.0.0", "1.0.1"]]
        var killedAlive = 0
        var commitsBefore = 2
        var roundsWithPush = 0
        for round in 1...rounds {
            let tag = "1.\(round).0"
            for app in apps { try await scenario.push(app, tag) }
            let process = try ReliabilityProcess(
                ReliabilityProcess.ferry, once, output: scenario.world.scratch + "/kill-\(round).log")
            let delay = Int.random(in: 50...max(whole, 500), using: &random)
            let roundStart = Date()
            while Date().timeIntervalSince(roundStart) * 1000 < Double(delay), process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            // A run that ended before its kill shows the reconcile is quicker now than calibrated: narrow the window.
            if !process.isRunning { whole = max(Int(Date().timeIntervalSince(roundStart) * 1000), 300) }
            let alive = process.isRunning
            // Only ferry: the git processes it started live on, as after an OOM kill of the main process.
            process.kill(SIGKILL, group: false)
            let status = try await process.wait(seconds: 10)
            if alive {
                killedAlive += 1
                #expect(status == 128 + SIGKILL, "round \(round): ferry ended with \(status), not by the kill")
            } else {
                #expect(status == 0, "round \(round): ferry finished before the kill, and not well: \(process.log)")
            }
            for app in apps { allowed[app, default: []].insert(tag) }
            try await scenario.checkInvariants(allowed, "round \(round), killed after \(delay) ms")
            let landed = try await scenario.commits().count - 1
            if landed > commitsBefore { roundsWithPush += 1 }
            commitsBefore = landed
            if ProcessInfo.processInfo.environment["FERRY_RELIABILITY_VERBOSE"] != nil { print("round \(round) (\(delay) ms):\n\(process.log)") }
            // Then what it left running (a push in flight) goes too, before the next round.
            process.end()
        }
        #expect(killedAlive * 4 >= rounds, "kills hit a running ferry: \(killedAlive) of \(rounds)")
        let final = try await scenario.once()
        #expect(final.status == 0, "\(final.stderr)")
        for app in apps {
            #expect(final.stderr.contains("✔ ImageUpdateAutomation/flux-system/\(app)"), "the final run says each automation is Ready: \(final.stderr)")
        }
        let last = "1.\(rounds).0"
        try await scenario.checkInvariants(["a": [last], "b": [last]], "after the final restart")
        let commits = try await scenario.commits()
        #expect(commits.count <= 1 + 2 + 2 * rounds, "at most one commit per app and tag: \(commits.count - 1)")
        print("kill -9 suite: \(rounds) kills, \(commits.count - 1) automation commits (at most \(2 + 2 * rounds)), \(killedAlive) kills hit a running ferry, \(roundsWithPush) rounds pushed before their kill, seed \(seed)")
        let events = try await scenario.world.run("sqlite3", [scenario.state, "select count(*) from events"])
        #expect((Int(events.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "the state file kept its events")
    }
}
