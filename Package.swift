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
        // Command implementations: parse, validate, call one core function, print.
        .target(
            name: "FerryCLI",
            dependencies: [
                "FerryCore",
                "FerryWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            dependencies: ["FerryCore"],
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
            name: "FerryCLITests",
            dependencies: ["FerryCLI", "ferry"],
            swiftSettings: swiftSettings
        ),
    ]
)
