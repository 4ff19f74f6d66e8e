import FerryCore
import FerryGit
import FerryManifests
import FerryReconciler
import FerryRegistry
import FerryStore
import FerryTesting
import FerryWorkspace
import Foundation
import Subprocess
import Synchronization
import SystemPackage
import Testing

/// Objects from YAML, as users write them, and an environment of real adapters (SQLite in
/// memory, a real Git repository over `file://`, the real tree updater) with an in-memory
/// registry and object store.
enum Fixture {
    static func object<T: Decodable>(_ type: T.Type, _ yaml: String) throws -> T {
        let documents = try ManifestReader.documents(in: yaml, file: "test.yaml")
        guard let document = documents.first else { throw FixtureError(description: "no document in \(yaml)") }
        return try ManifestReader.decode(type, from: document)
    }

    static func repository(_ name: String = "app", image: String = "ghcr.io/acme/app", interval: String = "5m", extra: String = "") throws -> ImageRepository {
        try object(ImageRepository.self, """
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageRepository
            metadata:
              name: \(name)
              namespace: flux-system
            spec:
              image: \(image)
              interval: \(interval)
            \(extra)
            """)
    }

    static func policy(_ name: String = "app", repository: String = "app", policy: String = "semver:\n      range: '>=1.0.0'", extra: String = "") throws -> ImagePolicy {
        try object(ImagePolicy.self, """
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImagePolicy
            metadata:
              name: \(name)
              namespace: flux-system
            spec:
              imageRepositoryRef:
                name: \(repository)
              policy:
                \(policy)
            \(extra)
            """)
    }

    static func automation(template: String? = nil, pushBranch: String? = nil) throws -> ImageUpdateAutomation {
        var yaml = """
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageUpdateAutomation
            metadata:
              name: flux-system
              namespace: flux-system
            spec:
              interval: 30m
              sourceRef:
                kind: GitRepository
                name: flux-system
              git:
                checkout:
                  ref:
                    branch: main
                commit:
                  author:
                    email: fluxcdbot@users.noreply.github.com
                    name: fluxcdbot

            """
        if let template { yaml += "      messageTemplate: '\(template)'\n" }
        if let pushBranch { yaml += "    push:\n      branch: \(pushBranch)\n" }
        yaml += """
              update:
                path: ./clusters
                strategy: Setters
            """
        return try object(ImageUpdateAutomation.self, yaml)
    }

    static func gitRepository(url: String) throws -> GitRepository {
        try object(GitRepository.self, """
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: flux-system
              namespace: flux-system
            spec:
              interval: 1m
              url: \(url)
              ref:
                branch: main
            """)
    }

    /// A fixed clock that tests move on.
    final class Clock: Sendable {
        private let current: Mutex<Timestamp>
        init(_ start: Timestamp = Timestamp(nanosecondsSinceEpoch: 1_780_000_000_000_000_000)) { current = Mutex(start) }
        var now: Timestamp { current.withLock { $0 } }
        func advance(_ duration: GoDuration) { current.withLock { $0 = Timestamp(nanosecondsSinceEpoch: $0.nanosecondsSinceEpoch + duration.nanoseconds) } }
    }

    static func environment(
        objects: InMemoryObjects, registry: InMemoryRegistryClient, store: (any StateStore)? = nil, clock: Clock = Clock(),
        notifications: RecordingEventRecorder = RecordingEventRecorder(), options: ReconcilerEnvironment.Options = .init()
    ) throws -> ReconcilerEnvironment {
        ReconcilerEnvironment(
            objects: objects, status: objects, store: try store ?? SQLiteStateStore(), registry: registry, registryAccess: FixedRegistryAccess(),
            git: GitCommandLineWorkspace(), manifests: WorkspaceTreeUpdater(), notifications: notifications, now: { clock.now }, options: options)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

/// A bare Git repository in a temporary folder, seeded with files on `main`.
struct TestRepository {
    let root: String
    var bare: String { root + "/origin.git" }
    var url: String { "file://" + bare }

    init(files: [String: String]) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-reconciler-\(UUID().uuidString)").path
        let work = root + "/seed"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try await Self.git(["init", "--bare", "-b", "main", bare])
        try await Self.git(["init", "-b", "main", work])
        for (path, text) in files {
            let file = work + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        try await Self.git(["add", "-A"], in: work)
        try await Self.git(["commit", "-m", "seed"], in: work)
        try await Self.git(["push", bare, "main"], in: work)
    }

    /// A file at a revision of the bare repository.
    func show(_ revision: String, _ path: String) async throws -> String {
        try await Self.git(["--git-dir", bare, "show", "\(revision):\(path)"])
    }

    /// `git log` subjects and bodies, newest first.
    func log(_ branch: String = "main") async throws -> String {
        try await Self.git(["--git-dir", bare, "log", "--format=%an <%ae>%n%B--", branch])
    }

    func revision(_ branch: String = "main") async throws -> String {
        try await Self.git(["--git-dir", bare, "rev-parse", branch]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Commits `files` on top of the remote `main` and pushes, as a person would.
    func commit(_ files: [String: String], message: String = "change") async throws {
        let work = root + "/seed"
        try await Self.git(["fetch", bare, "main"], in: work)
        try await Self.git(["reset", "--hard", "FETCH_HEAD"], in: work)
        for (path, text) in files { try text.write(toFile: work + "/" + path, atomically: true, encoding: .utf8) }
        try await Self.git(["add", "-A"], in: work)
        try await Self.git(["commit", "-m", message], in: work)
        try await Self.git(["push", bare, "HEAD:main"], in: work)
    }

    /// The branches of the bare repository.
    func branches() async throws -> [String] {
        try await Self.git(["--git-dir", bare, "for-each-ref", "--format=%(refname:short)", "refs/heads"]).split(separator: "\n").map(String.init)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    @discardableResult
    static func git(_ arguments: [String], in directory: String? = nil) async throws -> String {
        let environment: [Environment.Key: String?] = [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "LC_ALL": "C",
            "GIT_AUTHOR_NAME": "Seeder", "GIT_AUTHOR_EMAIL": "seed@ferry.invalid", "GIT_COMMITTER_NAME": "Seeder",
            "GIT_COMMITTER_EMAIL": "seed@ferry.invalid",
        ]
        let result = try await Subprocess.run(
            .name("git"), arguments: Arguments(arguments), environment: .inherit.updating(environment),
            workingDirectory: directory.map { FilePath($0) }, output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            throw FixtureError(description: "git \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        return result.standardOutput
    }
}
