import Foundation
import Subprocess
import SystemPackage
import Testing

/// A scenario for the reliability suites: one bare repository whose `apps/<app>/app.yaml` files each carry a
/// `$imagepolicy` marker, one ImageRepository and ImagePolicy per app, and either one automation over `./apps` or
/// one per app (`./apps/<app>`) on the same GitRepository and branch. After a fault, ``checkInvariants(_:)`` asserts
/// what must always hold: the state database passes `PRAGMA integrity_check`, every marker file in Git is a whole
/// old or new version, no commit is empty or repeats another's change, and no file ever moves to an older tag.
struct ReliabilityScenario {
    let world: E2EWorld
    let apps: [String]
    let manifests: String
    let secrets: String
    let state: String
    /// The image of each app (the registry host part may be the fault proxy or a closed port).
    let images: [String: String]
    /// The GitRepository URL.
    let gitURL: String

    /// - Parameters:
    ///   - apps: The app names (one marker file, ImageRepository and ImagePolicy each).
    ///   - perAppAutomations: One ImageUpdateAutomation per app on the same GitRepository and branch, instead of one.
    ///   - imageHost: The `host[/path]` images live under (default: the plain registry and this run's prefix).
    ///   - imageFor: The image of each app, overriding `imageHost` (a fault proxy spec per app).
    ///   - gitURL: The GitRepository URL (default: `file://` of the bare repository; Flux takes no `git://`).
    ///   - imageSecret: A Secret name for every ImageRepository's `secretRef`.
    ///   - gitSecret: A Secret name for the GitRepository's `secretRef`.
    ///   - extraManifests: More documents for `objects.yaml`.
    init(
        name: String, apps: [String] = ["app"], perAppAutomations: Bool = false, imageHost: String? = nil,
        imageFor: ((String) -> String)? = nil, gitURL: ((E2EWorld) -> String)? = nil,
        imageSecret: String? = nil, gitSecret: String? = nil, updatePath: String? = nil, extraManifests: String = ""
    ) async throws {
        world = try E2EWorld(case: SeedCase(name: name))
        self.apps = apps
        let host = imageHost ?? "\(world.registry)/\(world.prefix)"
        images = Dictionary(uniqueKeysWithValues: apps.map { ($0, imageFor?($0) ?? "\(host)/\($0)") })
        self.gitURL = gitURL?(world) ?? "file://\(world.bare)"
        let repo = world.scratch + "/seed"
        for app in apps {
            try FileManager.default.createDirectory(atPath: repo + "/apps/" + app, withIntermediateDirectories: true)
            try Self.deployment(app, images[app] ?? "", "1.0.0").write(toFile: repo + "/apps/\(app)/app.yaml", atomically: true, encoding: .utf8)
        }
        try await world.git(["init", "--bare", "-b", "main", world.bare])
        try await world.git(["init", "-b", "main", repo])
        try await world.git(["add", "-A"], in: repo)
        try await world.git(["commit", "-m", "seed"], in: repo)
        try await world.git(["push", world.bare, "main"], in: repo)
        manifests = world.scratch + "/manifests"
        secrets = world.scratch + "/secrets"
        state = world.scratch + "/state.db"
        try FileManager.default.createDirectory(atPath: manifests, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: secrets, withIntermediateDirectories: true)
        var documents: [String] = []
        for app in apps {
            let secretRef = imageSecret.map { ", secretRef: {name: \($0)}" } ?? ""
            documents.append("""
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageRepository
                metadata: {name: \(app), namespace: flux-system}
                spec: {image: \(images[app] ?? ""), interval: 1h\(secretRef)}
                """)
            documents.append("""
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImagePolicy
                metadata: {name: \(app), namespace: flux-system}
                spec:
                  imageRepositoryRef: {name: \(app)}
                  policy: {semver: {range: ">=1.0.0"}}
                """)
        }
        let gitSecretRef = gitSecret.map { ", secretRef: {name: \($0)}" } ?? ""
        documents.append("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata: {name: fleet, namespace: flux-system}
            spec: {interval: 1h, url: "\(self.gitURL)", ref: {branch: main}\(gitSecretRef)}
            """)
        let automations = perAppAutomations ? apps.map { ($0, "./apps/\($0)") } : [("fleet", updatePath ?? "./apps")]
        for (automation, path) in automations {
            documents.append("""
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageUpdateAutomation
                metadata: {name: \(automation), namespace: flux-system}
                spec:
                  interval: 1h
                  sourceRef: {kind: GitRepository, name: fleet}
                  git:
                    commit:
                      author: {name: ferry, email: ferry@example.com}
                      messageTemplate: '\(automation): {{range .Changed.Changes}}{{.NewValue}} {{end}}'
                    push: {branch: main}
                  update: {path: "\(path)", strategy: Setters}
                """)
        }
        try (documents.joined(separator: "\n---\n") + "\n" + extraManifests).write(toFile: manifests + "/objects.yaml", atomically: true, encoding: .utf8)
    }

    static func deployment(_ app: String, _ image: String, _ tag: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(app)
        spec:
          template:
            spec:
              containers:
              - name: \(app)
                image: \(image):\(tag) # {"$imagepolicy": "flux-system:\(app)"}

        """
    }

    func deployment(_ app: String, _ tag: String) -> String { Self.deployment(app, images[app] ?? "", tag) }

    /// Pushes tags of `app` to the plain registry (whatever host the scenario's images name).
    func push(_ app: String, _ tags: String...) async throws {
        try await world.run("python3", [E2EWorld.seeder, "--registry", world.registry, "--repo", "\(world.prefix)/\(app)", "--tags", tags.joined(separator: ","), "--unique"])
    }

    /// `ferry run --once` on the scenario.
    /// Bounded: a run still going after `seconds` is killed (with what it started) and fails the test.
    func once(_ extra: [String] = [], environment: [String: String] = [:], seconds: Double = 240) async throws -> FerryRun {
        try await ReliabilityProcess.run(
            ReliabilityProcess.ferry, ["run", "--once", "--manifests", manifests, "--secrets", secrets, "--state", state] + extra,
            in: world.scratch, seconds: seconds, environment: environment)
    }

    /// The arguments of a long-running `ferry run` on the scenario.
    var runArguments: [String] { ["run", "--manifests", manifests, "--secrets", secrets, "--state", state] }

    func commits() async throws -> [String] {
        try await world.git(["--git-dir", world.bare, "rev-list", "--reverse", "main"]).split(separator: "\n").map(String.init)
    }

    func file(_ app: String, at revision: String = "main") async throws -> String {
        try await world.show(revision, "apps/\(app)/app.yaml")
    }

    /// The tag a marker file names, when the file is one of the whole versions the scenario writes.
    func tag(of text: String, app: String) -> String? {
        let needle = "image: \(images[app] ?? ""):"
        guard let range = text.range(of: needle) else { return nil }
        let tag = String(text[range.upperBound...].prefix { $0 != " " && $0 != "\n" })
        return text == deployment(app, tag) ? tag : nil
    }

    /// Where the status of one object stands, from `ferry get image … -o json`.
    func status(_ kind: String, _ name: String, state: String? = nil) async throws -> String {
        let run = try await ReliabilityProcess.run(
            ReliabilityProcess.ferry, ["get", "image", kind, name, "-o", "json", "--manifests", manifests, "--state", state ?? self.state], in: world.scratch)
        return run.stdout + run.stderr
    }

    /// Asserts the invariants after a fault: integrity of the state database, whole files only, no empty or
    /// repeated commit, no downgrade. `allowed` lists the tags each app's file may hold at `main`.
    func checkInvariants(
        _ allowed: [String: Set<String>], _ context: String, state: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let state = state ?? self.state
        if FileManager.default.fileExists(atPath: state) {
            let integrity = try await world.run("sqlite3", [state, "PRAGMA integrity_check"]).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(integrity == "ok", "\(context): the state database fails PRAGMA integrity_check: \(integrity)", sourceLocation: sourceLocation)
        }
        let history = try await commits()
        var seenChanges: Set<String> = []
        var lastTag: [String: [Int]] = [:]
        for (index, commit) in history.enumerated() {
            if index > 0 {
                let change = try await world.git(["--git-dir", world.bare, "diff-tree", "-r", "--no-commit-id", commit])
                #expect(!change.isEmpty, "\(context): commit \(commit) changes nothing", sourceLocation: sourceLocation)
                #expect(seenChanges.insert(change).inserted, "\(context): commit \(commit) repeats an earlier change", sourceLocation: sourceLocation)
            }
            for app in apps {
                let text = try await file(app, at: commit)
                guard let tag = tag(of: text, app: app) else {
                    Issue.record("\(context): apps/\(app)/app.yaml at \(commit) is not a whole version:\n\(text)", sourceLocation: sourceLocation)
                    continue
                }
                let version = tag.split(separator: ".").compactMap { Int($0) }
                if let previous = lastTag[app] {
                    #expect(!version.lexicographicallyPrecedes(previous), "\(context): apps/\(app)/app.yaml moved back to \(tag) at \(commit)", sourceLocation: sourceLocation)
                }
                lastTag[app] = version
            }
        }
        for app in apps {
            let head = tag(of: try await file(app), app: app)
            #expect(head.map { allowed[app, default: []].contains($0) } == true, "\(context): apps/\(app)/app.yaml holds \(head ?? "a partial file"), not one of \(allowed[app, default: []].sorted())", sourceLocation: sourceLocation)
        }
    }
}

/// Waits until something accepts connections on 127.0.0.1:`port`.
func reliabilityWaitPort(_ port: Int, seconds: Int = 120) async throws {
    for _ in 0..<(seconds * 10) {
        let result = try? await Subprocess.run(
            .name("bash"), arguments: ["-c", "exec 3<>/dev/tcp/127.0.0.1/\(port)"], output: .discarded, error: .discarded)
        if result?.terminationStatus.isSuccess == true { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw E2EError("nothing listens on 127.0.0.1:\(port) after \(seconds) s")
}

/// Waits until an HTTP server answers on 127.0.0.1:`port` (any status).
func reliabilityWaitHTTP(_ port: Int, seconds: Int = 120) async throws {
    for _ in 0..<(seconds * 10) {
        let result = try? await Subprocess.run(
            .name("curl"), arguments: ["-s", "-o", "/dev/null", "--max-time", "1", "http://127.0.0.1:\(port)/"], output: .discarded, error: .discarded)
        if result?.terminationStatus.isSuccess == true { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw E2EError("nothing answers HTTP on 127.0.0.1:\(port) after \(seconds) s")
}

/// Waits until `condition` holds, polling every 50 ms for at most `seconds`; whether it held.
func reliabilityWait(seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
