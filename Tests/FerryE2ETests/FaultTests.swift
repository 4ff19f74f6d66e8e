import Foundation
import Subprocess
import SystemPackage
import Testing

/// Faults end to end: a registry that is down, a push the server rejects, invalid manifests,
/// and `kill -9` in the middle of a push followed by a restart. Nothing may be lost, no
/// partial file may reach Git, and no policy may move back.
@Suite("Faults end to end")
struct FaultTests {
    /// A one-image scenario: `apps/app.yaml` at 1.0.0 with a marker, the Flux objects for it.
    struct Scenario {
        let world: E2EWorld
        let manifests: String
        let state: String

        init(name: String, image: String? = nil, extraManifests: String = "", gitURL: String? = nil) async throws {
            world = try E2EWorld(case: SeedCase(name: name))
            let repo = world.scratch + "/seed"
            try FileManager.default.createDirectory(atPath: repo + "/apps", withIntermediateDirectories: true)
            let imageName = image ?? "\(world.registry)/\(world.prefix)/app"
            try Self.deployment(imageName, "1.0.0").write(toFile: repo + "/apps/app.yaml", atomically: true, encoding: .utf8)
            try await world.git(["init", "--bare", "-b", "main", world.bare])
            try await world.git(["init", "-b", "main", repo])
            try await world.git(["add", "-A"], in: repo)
            try await world.git(["commit", "-m", "seed"], in: repo)
            try await world.git(["push", world.bare, "main"], in: repo)
            manifests = world.scratch + "/manifests"
            state = world.scratch + "/state.db"
            try FileManager.default.createDirectory(atPath: manifests, withIntermediateDirectories: true)
            let objects = """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageRepository
                metadata: {name: app, namespace: flux-system}
                spec: {image: \(imageName), interval: 1m}
                ---
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImagePolicy
                metadata: {name: app, namespace: flux-system}
                spec:
                  imageRepositoryRef: {name: app}
                  policy: {semver: {range: ">=1.0.0"}}
                ---
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: fleet, namespace: flux-system}
                spec: {interval: 1m, url: "\(gitURL ?? "file://" + world.bare)", ref: {branch: main}}
                ---
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageUpdateAutomation
                metadata: {name: fleet, namespace: flux-system, labels: {team: platform}}
                spec:
                  interval: 1m
                  sourceRef: {kind: GitRepository, name: fleet}
                  git:
                    commit: {author: {name: ferry, email: ferry@example.com}}
                    push: {branch: main}
                  update: {path: ./apps, strategy: Setters}

                """
            try (objects + extraManifests).write(toFile: manifests + "/objects.yaml", atomically: true, encoding: .utf8)
        }

        static func deployment(_ image: String, _ tag: String) -> String {
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: \(image):\(tag) # {"$imagepolicy": "flux-system:app"}

            """
        }

        var image: String { "\(world.registry)/\(world.prefix)/app" }

        func push(_ tags: String..., unique: Bool = false) async throws {
            try await world.run("python3", [E2EWorld.seeder, "--registry", world.registry, "--repo", "\(world.prefix)/app", "--tags", tags.joined(separator: ",")] + (unique ? ["--unique"] : []))
        }

        func once() async throws -> FerryRun {
            try await ferryExecutable(["run", "--once", "--manifests", manifests, "--state", state])
        }

        func commits() async throws -> Int {
            Int(try await world.git(["--git-dir", world.bare, "rev-list", "--count", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        func file() async throws -> String { try await world.show("main", "apps/app.yaml") }
    }

    @Test("A registry that is down fails the scan with a clear message, pushes nothing, and the next run recovers")
    func registryDown() async throws {
        let closed = try await ferryFreePort()
        let scenario = try await Scenario(name: "registry-down", image: "127.0.0.1:\(closed)/team/app")
        defer { scenario.world.remove() }
        let run = try await scenario.once()
        #expect(run.status == 1)
        #expect(run.stderr.contains("✗ ImageRepository/flux-system/app (\(scenario.manifests)/objects.yaml:1): scan failed: "), "\(run.stderr)")
        #expect(run.stderr.contains("127.0.0.1:\(closed)"))
        #expect(try await scenario.commits() == 1)
    }

    @Test("A push the server rejects leaves the repository as it was; the next run pushes")
    func pushRejected() async throws {
        let scenario = try await Scenario(name: "push-rejected")
        defer { scenario.world.remove() }
        try await scenario.push("1.0.0", "1.1.0")
        let hook = scenario.world.bare + "/hooks/pre-receive"
        try "#!/bin/sh\necho 'protected branch: pushes need a review' >&2\nexit 1\n".write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)

        let rejected = try await scenario.once()
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("✗ ImageUpdateAutomation/flux-system/fleet (\(scenario.manifests)/objects.yaml:"), "\(rejected.stderr)")
        #expect(rejected.stderr.contains("): failed to update source: "), "\(rejected.stderr)")
        #expect(rejected.stderr.contains("protected branch: pushes need a review"))
        #expect(try await scenario.commits() == 1)
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.0.0"))

        try FileManager.default.removeItem(atPath: hook)
        let accepted = try await scenario.once()
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains("✔ ImageUpdateAutomation/flux-system/fleet: pushed commit '"), "\(accepted.stderr)")
        #expect(try await scenario.commits() == 2)
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.1.0"))
    }

    @Test("An invalid object is reported with file, line, object, field and value; the valid ones still run")
    func invalidManifest() async throws {
        let broken = """
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImagePolicy
            metadata: {name: broken, namespace: flux-system}
            spec:
              imageRepositoryRef: {name: app}
              policy: {semver: {range: ">=1.0.0 <<2"}}

            """
        let scenario = try await Scenario(name: "invalid-manifest", extraManifests: broken)
        defer { scenario.world.remove() }
        try await scenario.push("1.0.0", "1.2.0")
        let run = try await scenario.once()
        #expect(run.status == 1)
        #expect(run.stderr.contains("objects.yaml"), "\(run.stderr)")
        #expect(run.stderr.contains("ImagePolicy/flux-system/broken"))
        #expect(run.stderr.contains("spec.policy.semver.range"))
        #expect(run.stderr.contains(">=1.0.0 <<2"))
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.2.0"), "the valid objects still ran")
    }

    @Test("kill -9 during a push, then a restart: the commit lands whole exactly once, and no policy moves back")
    func killDuringPush() async throws {
        let scenario = try await Scenario(name: "kill-9")
        defer { scenario.world.remove() }
        try await scenario.push("1.0.0", "1.3.0", unique: true)
        // The server holds the push for 10 s, long enough to kill Ferry in the middle of it even when a loaded machine
        // is slow to see the marker, and marks the end of the hold.
        let hook = scenario.world.bare + "/hooks/pre-receive"
        try "#!/bin/sh\ntouch \"$GIT_DIR/push-started\"\nsleep 10\ntouch \"$GIT_DIR/push-held\"\nexit 0\n"
            .write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ferry").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["run", "--manifests", scenario.manifests, "--state", scenario.state]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let marker = scenario.world.bare + "/push-started"
        // A whole pass (scan, clone, commit) comes first: bounded by the wall clock, generously for a loaded machine.
        let deadline = Date().addingTimeInterval(240)
        while !FileManager.default.fileExists(atPath: marker), Date() < deadline, process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(FileManager.default.fileExists(atPath: marker), "the push never started")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // The hold ends (the hook may also have been ended with the connection), and the server finishes with the orphaned push.
        let held = scenario.world.bare + "/push-held"
        let holdEnds = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: held), Date() < holdEnds { try await Task.sleep(for: .milliseconds(100)) }
        try await Task.sleep(for: .seconds(1))
        // Whatever the server did with the orphaned push, main holds whole files only.
        let afterKill = try await scenario.file()
        #expect(afterKill == Scenario.deployment(scenario.image, "1.0.0") || afterKill == Scenario.deployment(scenario.image, "1.3.0"))

        try FileManager.default.removeItem(atPath: hook)
        let restart = try await scenario.once()
        #expect(restart.status == 0, "\(restart.stderr)")
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.3.0"))
        #expect(try await scenario.commits() == 2, "exactly one automation commit")

        // The newest tag disappears from the registry: the policy keeps 1.3.0, nothing is reverted.
        let registry = scenario.world.registry
        let digest = try await scenario.world.run("curl", [
            "-sfI", "-H", "Accept: application/vnd.oci.image.manifest.v1+json", "-H", "Accept: application/vnd.docker.distribution.manifest.v2+json",
            "http://\(registry)/v2/\(scenario.world.prefix)/app/manifests/1.3.0",
        ]).split(separator: "\r\n").first { $0.lowercased().hasPrefix("docker-content-digest:") }?.split(separator: " ").last.map(String.init)
        let manifestDigest = try #require(digest)
        try await scenario.world.run("curl", ["-sf", "-X", "DELETE", "http://\(registry)/v2/\(scenario.world.prefix)/app/manifests/\(manifestDigest)"])
        let afterDelete = try await scenario.once()
        #expect(afterDelete.status == 0, "\(afterDelete.stderr)")
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.3.0"))
        #expect(try await scenario.commits() == 2)
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
func ferryFreePort() async throws -> Int {
    let result = try await Subprocess.run(
        .name("python3"), arguments: ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()"],
        output: .string(limit: 1024), error: .discarded)
    guard let port = Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw E2EError("could not find a free port")
    }
    return port
}
