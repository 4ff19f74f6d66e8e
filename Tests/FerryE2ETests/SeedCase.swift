import Foundation
import Subprocess
import SystemPackage
import Testing

/// One end-to-end case under `Seeds/`: the manifests a seed document gives (placeholders
/// filled in), the Git tree before, the tags in the registry, and what the pushed commit must
/// hold byte for byte.
///
/// Layout of `Seeds/NAME/`:
/// - `manifests/`, `secrets/`: what `ferry run --manifests/--secrets` reads.
/// - `repo/`: the tree committed on `main` before Ferry runs.
/// - `tags`: lines `REPOSITORY TAG…` pushed to the registry first.
/// - `expected/`: the files the commit changes, and `expected/MESSAGE`, the commit message.
/// - `BRANCH` (default `main`): where the commit goes; `EXIT` (default 0): `ferry run --once`'s status;
///   `ERRORS`: lines that standard error must contain (then no commit is expected).
///
/// Placeholders: `@REGISTRY@`, `@PREFIX@` (unique per run, so cases never share a registry
/// repository), `@GIT_DAEMON_URL@`, `@GIT_HTTP_URL@`, `@GIT_HTTP_USER@`, `@GIT_HTTP_PASSWORD@`.
struct SeedCase: CustomTestStringConvertible, Sendable {
    var name: String
    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Seeds").path

    static var all: [SeedCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { SeedCase(name: $0) }
    }

    var directory: String { Self.root + "/" + name }

    /// The Secret every case's GitRepository names (`secretRef: git-auth`): the HTTP Git server's credentials.
    static let gitSecret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: git-auth
          namespace: flux-system
        stringData:
          username: @GIT_HTTP_USER@
          password: @GIT_HTTP_PASSWORD@

        """

    /// A command line split into words as a shell would for the simple cases the `commands` files
    /// use: spaces separate, single quotes group.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in line {
            if character == "'" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    func text(_ file: String) -> String? {
        try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)
    }

    /// The files under `sub` (relative paths, sorted).
    func files(under sub: String) -> [String] {
        let base = directory + "/" + sub
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue { found.append(path) }
        }
        return found.sorted()
    }
}

/// The loopback servers and a scratch folder for one run.
struct E2EWorld {
    let registry: String
    let prefix: String
    let scratch: String
    let gitRepos: String
    let daemonURL: String
    let httpURL: String
    let httpUser: String
    let httpPassword: String
    let repositoryName: String

    init(case seed: SeedCase) throws {
        registry = try Self.variable("FERRY_TEST_REGISTRY_PLAIN")
        gitRepos = try Self.variable("FERRY_TEST_GIT_REPOS")
        daemonURL = try Self.variable("FERRY_TEST_GIT_DAEMON_URL")
        httpURL = try Self.variable("FERRY_TEST_GIT_HTTP_URL")
        httpUser = try Self.variable("FERRY_TEST_GIT_HTTP_USER")
        httpPassword = try Self.variable("FERRY_TEST_GIT_HTTP_PASSWORD")
        let unique = UUID().uuidString.prefix(8).lowercased()
        prefix = "e2e-\(unique)"
        repositoryName = "e2e-\(seed.name)-\(unique)"
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-e2e-\(seed.name)-\(unique)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw E2EError("\(name) is not set: run the tests through scripts/test (it starts scripts/services/*.sh)")
        }
        return value
    }

    var bare: String { gitRepos + "/" + repositoryName + ".git" }

    /// The project's tag seeder (a real OCI push through the Distribution API).
    static let seeder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/services/registry/registry-seed.py").path

    func fill(_ text: String) -> String {
        text.replacingOccurrences(of: "@REGISTRY@", with: registry)
            .replacingOccurrences(of: "@PREFIX@", with: prefix)
            .replacingOccurrences(of: "@GIT_DAEMON_URL@", with: "\(daemonURL)/\(repositoryName).git")
            .replacingOccurrences(of: "@GIT_HTTP_URL@", with: "\(httpURL)/\(repositoryName).git")
            .replacingOccurrences(of: "@GIT_HTTP_USER@", with: httpUser)
            .replacingOccurrences(of: "@GIT_HTTP_PASSWORD@", with: httpPassword)
    }

    /// Copies `seed/sub` to `destination`, placeholders filled in.
    func materialize(_ seed: SeedCase, _ sub: String, to destination: String) throws {
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for file in seed.files(under: sub) {
            let target = destination + "/" + file
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fill(seed.text(sub + "/" + file) ?? "").write(toFile: target, atomically: true, encoding: .utf8)
        }
    }

    /// Pushes the case's tags with the project's seeder (a real OCI push).
    func pushTags(_ seed: SeedCase) async throws {
        for line in (seed.text("tags") ?? "").split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard let repository = words.first, words.count > 1 else { continue }
            try await run("python3", [Self.seeder, "--registry", registry, "--repo", "\(prefix)/\(repository)", "--tags", words.dropFirst().joined(separator: ",")])
        }
    }

    /// Creates the bare repository the Git servers serve and commits `repo/` on `main`.
    func seedRepository(_ seed: SeedCase) async throws -> String {
        let work = scratch + "/seed"
        try materialize(seed, "repo", to: work)
        try await git(["init", "--bare", "-b", "main", bare])
        try await git(["init", "-b", "main", work])
        try await git(["add", "-A"], in: work)
        try await git(["commit", "-m", "seed"], in: work)
        try await git(["push", bare, "main"], in: work)
        return try await revision("main")
    }

    func revision(_ branch: String) async throws -> String {
        try await git(["--git-dir", bare, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func branchExists(_ branch: String) async -> Bool {
        (try? await revision(branch)).map { !$0.isEmpty } ?? false
    }

    func show(_ revision: String, _ path: String) async throws -> String {
        try await git(["--git-dir", bare, "show", "\(revision):\(path)"])
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: scratch)
        try? FileManager.default.removeItem(atPath: bare)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) async throws -> String {
        try await run("git", arguments, in: directory, environment: [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "LC_ALL": "C",
            "GIT_AUTHOR_NAME": "Seeder", "GIT_AUTHOR_EMAIL": "seed@ferry.invalid", "GIT_COMMITTER_NAME": "Seeder",
            "GIT_COMMITTER_EMAIL": "seed@ferry.invalid",
        ])
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) async throws -> String {
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
        let result = try await Subprocess.run(
            .name(executable), arguments: Arguments(arguments), environment: .inherit.updating(updates),
            workingDirectory: directory.map { FilePath($0) }, output: .string(limit: 1 << 22), error: .string(limit: 1 << 22))
        guard result.terminationStatus.isSuccess else {
            throw E2EError("\(executable) \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        return result.standardOutput
    }
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The result of running the built `ferry` executable.
struct FerryRun: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `ferry` executable built next to the test bundle.
func ferryExecutable(_ arguments: [String], environment: [String: String] = [:]) async throws -> FerryRun {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ferry").path
    var updates: [Environment.Key: String?] = [:]
    for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
    let result = try await Subprocess.run(
        .path(FilePath(executable)), arguments: Arguments(arguments), environment: .inherit.updating(updates),
        output: .string(limit: 1 << 22), error: .string(limit: 1 << 22))
    let status: Int32
    switch result.terminationStatus {
    case .exited(let code): status = code
    case .signaled(let signal): status = 128 + Int32(signal)
    }
    return FerryRun(status: status, stdout: result.standardOutput, stderr: result.standardError)
}
