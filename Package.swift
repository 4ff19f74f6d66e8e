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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
