import FerryCore
import FerryGit
import Foundation
import Subprocess
import Synchronization
import SystemPackage
import Testing

/// The loopback Git servers `scripts/services/git.sh` starts, as `FERRY_TEST_GIT_*` variables.
/// A missing variable fails the test with its name: run the tests through `scripts/test`.
enum GitTestServer {
    struct MissingVariable: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) is not set: run the tests through scripts/test (it starts scripts/services/git.sh)" }
    }

    static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw MissingVariable(name: name) }
        return value
    }

    static func file(_ variable: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: try Self.variable(variable))))
    }

    /// A transport and the URL and credentials a repository is reached with.
    enum Transport: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case daemon, http, ssh, file
        var testDescription: String { rawValue }

        func source(for name: String, reference: GitCheckoutReference? = GitCheckoutReference(branch: "main")) throws -> GitSourceSpec {
            switch self {
            case .daemon:
                return GitSourceSpec(url: try GitURL("\(try variable("FERRY_TEST_GIT_DAEMON_URL"))/\(name).git"), reference: reference)
            case .http:
                let url = try GitURL("\(try variable("FERRY_TEST_GIT_HTTP_URL"))/\(name).git")
                let secret = [
                    "username": Array(try variable("FERRY_TEST_GIT_HTTP_USER").utf8),
                    "password": Array(try variable("FERRY_TEST_GIT_HTTP_PASSWORD").utf8),
                ]
                return GitSourceSpec(url: url, reference: reference, authentication: try GitAuthentication(url: url, secretData: secret))
            case .ssh:
                let url = try GitURL("\(try variable("FERRY_TEST_GIT_SSH_URL"))/\(name).git")
                let secret = [
                    "identity": try GitTestServer.file("FERRY_TEST_GIT_SSH_KEY"),
                    "known_hosts": try GitTestServer.file("FERRY_TEST_GIT_SSH_KNOWN_HOSTS"),
                ]
                return GitSourceSpec(url: url, reference: reference, authentication: try GitAuthentication(url: url, secretData: secret))
            case .file:
                return GitSourceSpec(url: try GitURL("file://\(try variable("FERRY_TEST_GIT_REPOS"))/\(name).git"), reference: reference)
            }
        }
    }

    /// Runs git for test setup and inspection, isolated like the adapter (no user or system config).
    @discardableResult
    static func git(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) async throws -> String {
        var environment: [Environment.Key: String?] = [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C",
            "GIT_AUTHOR_NAME": "Seeder", "GIT_AUTHOR_EMAIL": "seed@ferry.invalid", "GIT_COMMITTER_NAME": "Seeder",
            "GIT_COMMITTER_EMAIL": "seed@ferry.invalid", "GIT_DIR": nil, "GIT_WORK_TREE": nil,
        ]
        for (key, value) in extra { environment[Environment.Key(stringLiteral: key)] = value }
        let result = try await Subprocess.run(
            .name("git"), arguments: Arguments(arguments), environment: .inherit.updating(environment),
            workingDirectory: directory.map { FilePath($0) }, output: .string(limit: 4 << 20), error: .string(limit: 1 << 20)
        )
        guard result.terminationStatus.isSuccess else {
            throw SetupFailure(description: "git \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct SetupFailure: Error, CustomStringConvertible { var description: String }

    /// Creates a bare repository `<unique>.git` under the served directory with one commit on
    /// `main` holding `files`, and returns its name (without `.git`) and path.
    static func makeRepository(
        _ prefix: String, files: [String: String] = ["apps/app.yaml": "image: app:1.0.0\n", "README.md": "fleet\n"], hooks: [String: String] = [:]
    ) async throws -> (name: String, path: String) {
        let repos = try variable("FERRY_TEST_GIT_REPOS")
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        let path = "\(repos)/\(name).git"
        try await git(["init", "--quiet", "--bare", "-b", "main", path])
        for (hook, script) in hooks {
            let hookPath = "\(path)/hooks/\(hook)"
            try script.write(toFile: hookPath, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)
        }
        try await commit(files: files, to: path, branch: "main", message: "seed", parent: false)
        return (name, path)
    }

    /// Commits `files` on top of `branch` of the bare repository (a new branch when `parent` is false or the branch is missing).
    @discardableResult
    static func commit(
        files: [String: String], to bare: String, branch: String, message: String, parent: Bool = true, from start: String? = nil,
        date: Int? = nil
    ) async throws -> String {
        let work = NSTemporaryDirectory() + "ferry-seed-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try await git(["init", "--quiet", "-b", branch, work])
        if parent {
            let source = start ?? "refs/heads/\(branch)"
            try await git(["fetch", "--quiet", bare, "+\(source):refs/remotes/origin/base"], in: work)
            try await git(["checkout", "--quiet", "-B", branch, "refs/remotes/origin/base"], in: work)
        }
        for (path, text) in files {
            let full = "\(work)/\(path)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try await git(["add", "--all"], in: work)
        var environment: [String: String] = [:]
        if let date { environment = ["GIT_AUTHOR_DATE": "@\(date) +0000", "GIT_COMMITTER_DATE": "@\(date) +0000"] }
        try await git(["commit", "--quiet", "--allow-empty", "-m", message], in: work, environment: environment)
        try await git(["push", "--quiet", "--force", bare, "HEAD:refs/heads/\(branch)"], in: work)
        return try await git(["rev-parse", "HEAD"], in: work)
    }

    /// The commit a reference of the bare repository points at.
    static func head(_ bare: String, _ reference: String = "refs/heads/main") async throws -> String {
        try await git(["--git-dir", bare, "rev-parse", "\(reference)^{commit}"])
    }

    /// A file's content at a revision of the bare repository.
    static func show(_ bare: String, _ revision: String, _ path: String) async throws -> String {
        try await git(["--git-dir", bare, "show", "\(revision):\(path)"])
    }
}

/// Builds jobs and update closures for the tests.
enum GitJobs {
    static func job(
        _ source: GitSourceSpec, push: GitPushSpec? = nil, signing: GitSigningKey? = nil, maxPushAttempts: Int = 3, shallow: Bool = true,
        sparsePath: String? = nil, lastObserved: String? = nil
    ) throws -> GitAutomationJob {
        let commit = try GitCommitSpec(authorName: "Ferry Bot", authorEmail: "bot@ferry.invalid", signing: signing)
        return GitAutomationJob(
            source: source, commit: commit, push: try GitPushPlan(push: push, checkout: source.reference), shallow: shallow,
            sparsePath: sparsePath, lastObservedRevision: lastObserved, maxPushAttempts: maxPushAttempts
        )
    }

    /// An update that writes `text` to `path` under the tree and commits with `message`.
    static func write(_ path: String, _ text: String, message: String = "Update from image update automation")
        -> @Sendable (GitWorkingTree) async throws -> GitTreeUpdate
    {
        { tree in
            let full = tree.path + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
            return .changed(message: message)
        }
    }

    /// A clock that always says the given time.
    static func workspace(time: Int64 = 1_750_000_000, cache: String? = nil, trace: (@Sendable (GitTraceEvent) -> Void)? = nil)
        -> GitCommandLineWorkspace
    {
        GitCommandLineWorkspace(configuration: .init(cacheDirectory: cache, clock: { GitTimestamp(seconds: time) }, trace: trace))
    }
}

/// Collects trace events across tasks.
final class TraceLog: Sendable {
    private let events = Mutex<[GitTraceEvent]>([])
    var all: [GitTraceEvent] { events.withLock { $0 } }
    var record: @Sendable (GitTraceEvent) -> Void { { event in self.events.withLock { $0.append(event) } } }
}

/// A value shared between tasks.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    func withLock<Result>(_ body: (inout Value) -> Result) -> Result { storage.withLock { body(&$0) } }
}
