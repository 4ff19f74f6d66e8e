// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every target (STYLE.md §2).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Ferry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ferry", targets: ["ferry"]),
        .library(name: "FerryCore", targets: ["FerryCore"]),
        .library(name: "FerryGit", targets: ["FerryGit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Git adapter: the git command line without Foundation (the SubprocessFoundation trait is off).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // HTTP server: receivers, health, metrics, status page (no swift-configuration, no full Foundation).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Pure core: no Foundation, no file, network, process or clock access.
        .target(name: "FerryCore", swiftSettings: swiftSettings),
        // State in SQLite (GRDB): tags per ImageRepository, generations, status, events.
        .target(
            name: "FerryStore",
            dependencies: ["FerryCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Manifests on disk: secure update path, walk, screen, atomic writes with rollback (POSIX).
        .target(name: "FerryWorkspace", dependencies: ["FerryCore"], swiftSettings: swiftSettings),
        // Notification delivery (AsyncHTTPClient): bounded queue, retries, per-provider status.
        .target(
            name: "FerryNotify",
            dependencies: [
                "FerryCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Manifest reading (Yams): multi-document YAML to typed, Codable API objects.
        .target(
            name: "FerryManifests",
            dependencies: ["FerryCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // The notification flood benchmark (benchmarks/notify-flood.sh runs it).
        .executableTarget(
            name: "ferry-notify-bench",
            dependencies: ["FerryNotify", "FerryCore"],
            path: "Sources/FerryNotifyBench",
            swiftSettings: swiftSettings
        ),
        // Kubernetes API client (AsyncHTTPClient + Codable): kubeconfig and in-cluster config, CRUD, status,
        // watches, leader election, Events; the ObjectSource port for Kubernetes; `ferry install` manifests.
        .target(
            name: "FerryKubernetes",
            dependencies: [
                "FerryCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // A stand-in kube-apiserver for tests and benchmarks: replays the exchanges recorded from v1.36.
        .target(
            name: "FerryKubeTesting",
            dependencies: [
                "FerryKubernetes", "FerryCore", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // Controller mode's composition root: the reconcilers over the Kubernetes API, under leader election.
        .target(
            name: "FerryCluster",
            dependencies: [
                "FerryKubernetes", "FerryReconciler", "FerryRegistry", "FerryGit", "FerryWorkspace", "FerryStore", "FerryNotify", "FerryCore", "FerryForge",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The fake API server with 1,000 ImagePolicies for benchmarks/controller.sh.
        .executableTarget(
            name: "ferry-kube-bench",
            dependencies: ["FerryKubeTesting", "FerryKubernetes"],
            path: "Sources/FerryKubeBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryClusterTests",
            dependencies: [
                "FerryCluster", "FerryKubeTesting", "FerryKubernetes", "FerryReconciler", "FerryRegistry", "FerryCore", "FerryServer",
                .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // OCI registry client (AsyncHTTPClient): tag lists, digests, every auth flow, cloud providers.
        .target(
            name: "FerryRegistry",
            dependencies: [
                "FerryCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The reconcilers and their work loop: they know only the ports in FerryCore.
        .target(name: "FerryReconciler", dependencies: ["FerryCore"], swiftSettings: swiftSettings),
        // In-memory ports for tests (as HummingbirdTesting ships with Hummingbird).
        .target(name: "FerryTesting", dependencies: ["FerryCore"], swiftSettings: swiftSettings),
        // Standalone mode: objects from a folder of manifests (watched), status and overrides in the state file.
        .target(
            name: "FerryStandalone",
            dependencies: ["FerryCore", "FerryManifests", "FerryStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // HTTP server (Hummingbird): Flux receivers at /hook/<digest>, /healthz, /readyz, /metrics, the status page.
        .target(
            name: "FerryServer",
            dependencies: [
                "FerryCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The composition root of standalone mode (`ferry run`): the one place that names the adapters.
        .target(
            name: "FerryRuntime",
            dependencies: [
                "FerryCore", "FerryReconciler", "FerryStandalone", "FerryStore", "FerryRegistry", "FerryGit", "FerryWorkspace", "FerryNotify",
                "FerryManifests", "FerryServer", "FerryForge",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pull and merge requests on GitHub, GitLab, Gitea/Forgejo and Bitbucket (AsyncHTTPClient): the ChangeRequestPublisher port.
        .target(
            name: "FerryForge",
            dependencies: [
                "FerryCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Command implementations: parse, validate, call one core function, print.
        .target(
            name: "FerryCLI",
            dependencies: [
                "FerryCore",
                "FerryWorkspace",
                "FerryManifests",
                "FerryKubernetes",
                "FerryRegistry",
                "FerryStandalone",
                "FerryStore",
                "FerryRuntime",
                "FerryServer",
                "FerryCluster",
                "FerryReconciler",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ferry",
            dependencies: ["FerryCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryCoreTests",
            dependencies: ["FerryCore", "FerryTesting"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // Git adapter: GitWorkspace over the git command line (swift-subprocess).
        .target(
            name: "FerryGit",
            dependencies: [
                "FerryCore",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // Drives FerryGit for benchmarks/git.sh (not part of the ferry command line).
        .executableTarget(
            name: "ferry-git-bench",
            dependencies: ["FerryGit", "FerryCore"],
            path: "benchmarks/ferry-git-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryGitTests",
            dependencies: [
                "FerryGit", "FerryCore", .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryStoreTests",
            dependencies: ["FerryStore", "FerryCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryWorkspaceTests",
            dependencies: ["FerryWorkspace", "FerryCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryNotifyTests",
            dependencies: [
                "FerryNotify", "FerryCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryManifestsTests",
            dependencies: ["FerryManifests", "FerryCore"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryKubernetesTests",
            dependencies: [
                "FerryKubernetes",
                "FerryKubeTesting",
                "FerryCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryRegistryTests",
            dependencies: ["FerryRegistry", "FerryCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryReconcilerTests",
            dependencies: [
                "FerryReconciler", "FerryCore", "FerryTesting", "FerryStore", "FerryWorkspace", "FerryRegistry", "FerryGit", "FerryManifests",
                "FerryForge", .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: swiftSettings
        ),
        // End to end: the built `ferry` against the real registry and Git servers.
        .testTarget(
            name: "FerryE2ETests",
            dependencies: ["FerryTesting", .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "SystemPackage", package: "swift-system")],
            exclude: ["Seeds"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryStandaloneTests",
            dependencies: ["FerryStandalone", "FerryStore", "FerryManifests", "FerryCore", "FerryTesting", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryServerTests",
            dependencies: [
                "FerryServer",
                "FerryCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryForgeTests",
            dependencies: [
                "FerryForge", "FerryCore", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FerryCLITests",
            dependencies: ["FerryCLI", "ferry", "FerryStore", "FerryCore", "FerryKubernetes", "FerryKubeTesting"],
            swiftSettings: swiftSettings
        ),
    ]
)
