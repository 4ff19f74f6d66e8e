import FerryCore
import FerryStandalone
import FerryStore
import Foundation
import Logging

/// A real temporary folder of manifests (and one of secrets), with the state file next to them.
struct Fixture {
    let root: String
    var manifests: String { root + "/manifests" }
    var secrets: String { root + "/secrets" }
    var state: String { root + "/ferry.db" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-standalone-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/manifests", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/secrets", withIntermediateDirectories: true)
    }

    /// Writes `text` at `path` under the manifests folder (creating folders).
    func write(_ path: String, _ text: String, in folder: String? = nil) throws {
        let full = (folder ?? manifests) + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: manifests + "/" + path) }

    func contents(_ path: String) throws -> String { try String(contentsOfFile: manifests + "/" + path, encoding: .utf8) }

    /// A source over the folders; polling is left to ``FolderObjectSource/rescan()`` unless `poll` is given.
    func source(store: SQLiteStateStore, poll: Duration = .seconds(3600), secrets: Bool = true) -> FolderObjectSource {
        FolderObjectSource(
            configuration: .init(manifests: manifests, secrets: secrets ? self.secrets : nil, pollInterval: poll), store: store,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func store() throws -> SQLiteStateStore { try SQLiteStateStore(path: state) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
}

/// Reads a stream's events one by one.
struct Events<Object: APIObject> {
    var iterator: AsyncThrowingStream<ObjectChange<Object>, any Error>.AsyncIterator

    init(_ stream: AsyncThrowingStream<ObjectChange<Object>, any Error>) { iterator = stream.makeAsyncIterator() }

    mutating func next() async throws -> ObjectChange<Object>? { try await iterator.next() }

    /// The events up to and including `.synced`.
    mutating func initial() async throws -> [ObjectChange<Object>] {
        var events: [ObjectChange<Object>] = []
        while let event = try await iterator.next() {
            events.append(event)
            if case .synced = event { break }
        }
        return events
    }
}

extension ObjectChange {
    /// `added podinfo`, `modified podinfo`, `deleted podinfo`, `synced`.
    var summary: String {
        switch self {
        case .added(let object): "added \(object.metadata.name)"
        case .modified(let object): "modified \(object.metadata.name)"
        case .deleted(let object): "deleted \(object.metadata.name)"
        case .synced: "synced"
        }
    }

    var object: Object? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object
        case .synced: nil
        }
    }
}

enum Manifests {
    static func repository(_ name: String, image: String = "ghcr.io/stefanprodan/podinfo", namespace: String? = nil, extra: String = "") -> String {
        """
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageRepository
        metadata:
          name: \(name)
        \(namespace.map { "  namespace: \($0)\n" } ?? "")spec:
          image: \(image)
          interval: 5m
        \(extra)
        """
    }

    static func policy(_ name: String, order: String = "asc", version: String = "v1beta2") -> String {
        """
        apiVersion: image.toolkit.fluxcd.io/\(version)
        kind: ImagePolicy
        metadata:
          name: \(name)
        spec:
          imageRepositoryRef:
            name: podinfo
          policy:
            alphabetical:
              order: \(order)
        """
    }
}
