import FerryCluster
import FerryCore
import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Logging
import Subprocess
import SystemPackage
import Testing

/// The seed scenario in a cluster: an ImageRepository on the test registry (tags pushed with
/// `registry-seed.py`), an ImagePolicy, a GitRepository on a bare repository over `file://`
/// and an ImageUpdateAutomation, all created in the fake API server.
struct ClusterScenario {
    static let namespace = "flux-system"
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          namespace: apps
        spec:
          template:
            spec:
              containers:
              - name: app
                image: IMAGE:1.0.0 # {"$imagepolicy": "flux-system:app"}

        """

    let server: FakeKubeAPIServer
    let git: BareRepository
    /// `127.0.0.1:PORT/ferry-cluster/app-…`, a repository of its own for every scenario.
    let image: String

    var store: FakeKubeStore { server.store }
    var manifest: String { Self.deployment.replacingOccurrences(of: "IMAGE", with: image) }

    /// Pushes `tags` to a fresh repository of the test registry and seeds the Git repository.
    static func make(_ server: FakeKubeAPIServer, tags: [String] = ["1.0.0", "1.2.3", "2.0.0-rc.1"]) async throws -> ClusterScenario {
        let registry = try environment("FERRY_TEST_REGISTRY_PLAIN")
        let repository = "ferry-cluster/app-\(UUID().uuidString.lowercased().prefix(8))"
        try await run(
            "python3", [seedScript, "--registry", registry, "--repo", repository, "--tags", tags.joined(separator: ",")], in: nil)
        let image = "\(registry)/\(repository)"
        let git = try await BareRepository(files: [
            "clusters/app.yaml": deployment.replacingOccurrences(of: "IMAGE", with: image), "README.md": "untouched\n",
        ])
        return ClusterScenario(server: server, git: git, image: image)
    }

    /// Creates the four objects (and their namespace) in the API server.
    func createObjects(policyLabels: [String: String] = [:], template: String = "Update {{range .Changed.Changes}}{{.OldValue}} to {{.NewValue}}{{end}}")
        async
    {
        await store.seed(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(Self.namespace), "labels": ["team": "flux"]]], plural: "namespaces")
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImageRepository", "metadata": Self.metadata("app"),
                "spec": ["image": .string(image), "interval": "5m", "insecure": true],
            ], plural: "imagerepositories")
        await store.seed(policy("app", labels: policyLabels), plural: "imagepolicies")
        await store.seed(
            [
                "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository", "metadata": Self.metadata("flux-system"),
                "spec": ["interval": "1m", "url": .string(git.url), "ref": ["branch": "main"]],
            ], plural: "gitrepositories")
        await store.seed(
            [
                "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImageUpdateAutomation", "metadata": Self.metadata("flux-system"),
                "spec": [
                    "interval": "30m", "sourceRef": ["kind": "GitRepository", "name": "flux-system"],
                    "git": [
                        "checkout": ["ref": ["branch": "main"]],
                        "commit": [
                            "author": ["email": "fluxcdbot@users.noreply.github.com", "name": "fluxcdbot"], "messageTemplate": .string(template),
                        ],
                    ],
                    "update": ["path": "./clusters", "strategy": "Setters"],
                ],
            ], plural: "imageupdateautomations")
    }

    func policy(_ name: String, labels: [String: String] = [:], range: String = ">=1.0.0") -> JSONValue {
        var metadata = Self.metadata(name)
        if !labels.isEmpty { metadata = metadata.setting("labels", to: .object(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        return [
            "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy", "metadata": metadata,
            "spec": ["imageRepositoryRef": ["name": "app"], "policy": ["semver": ["range": .string(range)]]],
        ]
    }

    static func metadata(_ name: String) -> JSONValue { ["name": .string(name), "namespace": .string(namespace)] }

    /// A runtime configuration for the fake server: admin token, leader election in flux-system,
    /// quick retries.
    func configuration(leaderElection: Bool = true, selector: String? = nil) -> ClusterRuntime.Configuration {
        var configuration = ClusterRuntime.Configuration(
            connection: ClusterConnection(server: server.url, credentials: .bearerToken("admin-token"), namespace: Self.namespace))
        configuration.instance = "ferry-controller-7d9f8-abcde"
        configuration.watchLabelSelector = selector
        configuration.requestTimeout = .seconds(120)
        configuration.retry = RetryPolicy(maxRetries: 10, sleep: { _ in })
        if leaderElection { configuration.electLeader(inNamespace: Self.namespace) }
        return configuration
    }

    func object(_ plural: String, _ name: String) async -> JSONValue? {
        await store.object(plural, Self.namespace, name)
    }

    /// The Events stored, oldest first.
    func events() async -> [JSONValue] {
        await store.objects.filter { $0.key.plural == "events" }.map(\.value)
            .sorted { ($0["eventTime"]?.stringValue ?? "") < ($1["eventTime"]?.stringValue ?? "") }
    }

    func remove() { git.remove() }

    static let seedScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/services/registry/registry-seed.py").path

    static let logger = Logger(label: "ferry.cluster.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw ScenarioError(description: "\(name) is not set: start scripts/services/registry.sh and export its env file (scripts/test does)")
        }
        return value
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String], in directory: String?) async throws -> String {
        let environment: [Environment.Key: String?] = [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "LC_ALL": "C", "GIT_AUTHOR_NAME": "Seeder",
            "GIT_AUTHOR_EMAIL": "seed@ferry.invalid", "GIT_COMMITTER_NAME": "Seeder", "GIT_COMMITTER_EMAIL": "seed@ferry.invalid",
        ]
        let result = try await Subprocess.run(
            .name(program), arguments: Arguments(arguments), environment: .inherit.updating(environment),
            workingDirectory: directory.map { FilePath($0) }, output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            throw ScenarioError(description: "\(program) \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        return result.standardOutput
    }

    /// Polls `condition` until it holds or `limit` passes (the controller runs on its own tasks).
    static func eventually(_ limit: Duration = .seconds(180), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    var description: String
}

/// A bare Git repository in a temporary folder, seeded with files on `main`.
struct BareRepository {
    let root: String
    var bare: String { root + "/origin.git" }
    var url: String { "file://" + bare }

    init(files: [String: String]) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-cluster-\(UUID().uuidString)").path
        let work = root + "/seed"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try await ClusterScenario.run("git", ["init", "--bare", "-b", "main", bare], in: nil)
        try await ClusterScenario.run("git", ["init", "-b", "main", work], in: nil)
        for (path, text) in files {
            let file = work + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        try await ClusterScenario.run("git", ["add", "-A"], in: work)
        try await ClusterScenario.run("git", ["commit", "-m", "seed"], in: work)
        try await ClusterScenario.run("git", ["push", bare, "main"], in: work)
    }

    func show(_ revision: String, _ path: String) async throws -> String {
        try await ClusterScenario.run("git", ["--git-dir", bare, "show", "\(revision):\(path)"], in: nil)
    }

    func log(_ branch: String = "main") async throws -> String {
        try await ClusterScenario.run("git", ["--git-dir", bare, "log", "--format=%an <%ae>%n%B--", branch], in: nil)
    }

    func revision(_ branch: String = "main") async throws -> String {
        try await ClusterScenario.run("git", ["--git-dir", bare, "rev-parse", branch], in: nil).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
