import FerryCore
import Foundation
import Testing

@testable import FerryStore

struct SQLiteStateStoreTests {
    private let repository = ObjectID(kind: "ImageRepository", namespace: "flux-system", name: "podinfo")

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ferry-state-\(UUID().uuidString).db").path
    }

    private func scan(_ tags: [String], revision: String = "r1", at seconds: Int64 = 1_000) -> StoredTags {
        StoredTags(canonicalImage: "ghcr.io/stefanprodan/podinfo", tags: TagList(tags), revision: revision, scanTime: Timestamp(secondsSinceEpoch: seconds))
    }

    @Test func tagsRoundTripAndAreReplacedWhole() async throws {
        let store = try SQLiteStateStore()
        #expect(try await store.tags(for: repository) == nil)
        try await store.storeTags(scan(["6.2.0", "6.1.0", "latest"]), for: repository)
        #expect(try await store.tags(for: repository) == scan(["6.2.0", "6.1.0", "latest"]))
        try await store.storeTags(scan(["7.0.0"], revision: "r2", at: 2_000), for: repository)
        let stored = try #require(try await store.tags(for: repository))
        #expect(Array(stored.tags) == ["7.0.0"])
        #expect(stored.revision == "r2")
        #expect(stored.scanTime == Timestamp(secondsSinceEpoch: 2_000))
        try await store.deleteTags(for: repository)
        #expect(try await store.tags(for: repository) == nil)
    }

    /// Flux's default store keys tags by image, so two repositories for one image overwrite each
    /// other; Ferry keys them by object.
    @Test func repositoriesOfOneImageKeepTheirOwnTags() async throws {
        let store = try SQLiteStateStore()
        let other = ObjectID(kind: "ImageRepository", namespace: "apps", name: "podinfo")
        try await store.storeTags(scan(["1.0.0"]), for: repository)
        try await store.storeTags(scan(["2.0.0"]), for: other)
        #expect(try await store.tags(for: repository).map { Array($0.tags) } == ["1.0.0"])
        #expect(try await store.tags(for: other).map { Array($0.tags) } == ["2.0.0"])
    }

    @Test func emptyTagListIsStoredAsEmptyNotAbsent() async throws {
        let store = try SQLiteStateStore()
        try await store.storeTags(scan([]), for: repository)
        let stored = try #require(try await store.tags(for: repository))
        #expect(stored.tags.isEmpty)
    }

    @Test func generationsFollowSpecChanges() async throws {
        let store = try SQLiteStateStore()
        let policy = ObjectID(kind: "ImagePolicy", namespace: "ns", name: "p")
        #expect(try await store.generation(for: policy, specDigest: "a") == 1)
        #expect(try await store.generation(for: policy, specDigest: "a") == 1)
        #expect(try await store.generation(for: policy, specDigest: "b") == 2)
        #expect(try await store.generation(for: policy, specDigest: "b") == 2)
        #expect(try await store.generation(for: policy, specDigest: "a") == 3)
        #expect(try await store.objects(ofKind: "ImagePolicy") == [policy])
    }

    @Test func statusSurvivesReopeningTheFile() async throws {
        let path = temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let policy = ObjectID(kind: "ImagePolicy", namespace: "ns", name: "p")
        do {
            let store = try SQLiteStateStore(path: path)
            _ = try await store.generation(for: policy, specDigest: "x")
            try await store.saveStatus(Array(#"{"latestRef":{"name":"a","tag":"1"}}"#.utf8), for: policy)
            try await store.storeTags(scan(["1"]), for: repository)
        }
        let reopened = try SQLiteStateStore(path: path)
        #expect(try await reopened.status(for: policy).map { String(decoding: $0, as: UTF8.self) } == #"{"latestRef":{"name":"a","tag":"1"}}"#)
        #expect(try await reopened.generation(for: policy, specDigest: "x") == 1)
        #expect(try await reopened.tags(for: repository).map { Array($0.tags) } == ["1"])
    }

    @Test func deletingAnObjectForgetsEverythingAboutIt() async throws {
        let store = try SQLiteStateStore()
        _ = try await store.generation(for: repository, specDigest: "a")
        try await store.saveStatus(Array("{}".utf8), for: repository)
        try await store.storeTags(scan(["1"]), for: repository)
        try await store.record(StoredEvent(time: Timestamp(secondsSinceEpoch: 1), object: repository, type: "Normal", reason: "Succeeded", message: "m"))
        try await store.deleteObject(repository)
        #expect(try await store.status(for: repository) == nil)
        #expect(try await store.tags(for: repository) == nil)
        #expect(try await store.recentEvents(limit: 10, for: repository).isEmpty)
        #expect(try await store.generation(for: repository, specDigest: "a") == 1)
    }

    @Test func eventsAreCappedPerObjectAndListedNewestFirst() async throws {
        let store = try SQLiteStateStore()
        let other = ObjectID(kind: "ImagePolicy", namespace: "ns", name: "p")
        for index in 0..<60 {
            try await store.record(StoredEvent(time: Timestamp(secondsSinceEpoch: Int64(index)), object: repository, type: "Normal", reason: "Succeeded", message: "scan \(index)"))
        }
        try await store.record(StoredEvent(time: Timestamp(secondsSinceEpoch: 100), object: other, type: "Warning", reason: "Failure", message: "boom"))
        let mine = try await store.recentEvents(limit: 100, for: repository)
        #expect(mine.count == SQLiteStateStore.eventsKeptPerObject)
        #expect(mine.first?.message == "scan 59")
        #expect(mine.last?.message == "scan 10")
        let all = try await store.recentEvents(limit: 2, for: nil)
        #expect(all.map(\.message) == ["boom", "scan 59"])
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("this is not sqlite, just text that is long enough to look like a header".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try SQLiteStateStore(path: path)
        } throws: { error in
            guard let error = error as? StateStoreError else { return false }
            return error.description.hasPrefix("cannot open the state file \(path): ") && error.path == path
        }
    }

    @Test func concurrentWritersDoNotLoseUpdates() async throws {
        let path = temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStateStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    let id = ObjectID(kind: "ImageRepository", namespace: "ns", name: "r\(index % 8)")
                    try await store.storeTags(StoredTags(canonicalImage: "i", tags: TagList(["\(index)"]), revision: "\(index)", scanTime: Timestamp(secondsSinceEpoch: 1)), for: id)
                    try await store.record(StoredEvent(time: Timestamp(secondsSinceEpoch: 1), object: id, type: "Normal", reason: "Succeeded", message: "\(index)"))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.recentEvents(limit: 100, for: nil).count == 40)
        for index in 0..<8 {
            #expect(try await store.tags(for: ObjectID(kind: "ImageRepository", namespace: "ns", name: "r\(index)")) != nil)
        }
    }

    @Test func quarantineIsKeptPerPolicyAndReleased() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = ObjectID(kind: "ImagePolicy", namespace: "flux-system", name: "podinfo")
        let other = ObjectID(kind: "ImagePolicy", namespace: "flux-system", name: "other")
        do {
            let store = try SQLiteStateStore(path: path)
            #expect(try await store.quarantinedTags(for: policy).isEmpty)
            try await store.quarantine(QuarantinedTag(tag: "6.5.1", reason: "rolled back", since: "2026-01-01T00:00:00Z", commit: "abc"), for: policy)
            try await store.quarantine(QuarantinedTag(tag: "6.5.0", reason: "bad", since: "2026-01-02T00:00:00Z"), for: policy)
            try await store.quarantine(QuarantinedTag(tag: "6.5.1", reason: "rolled back again", since: "2026-01-03T00:00:00Z", commit: "def"), for: policy)
        }
        let store = try SQLiteStateStore(path: path)
        let entries = try await store.quarantinedTags(for: policy)
        #expect(entries.map(\.tag) == ["6.5.1", "6.5.0"], "kept across a restart, oldest first")
        #expect(entries.first == QuarantinedTag(tag: "6.5.1", reason: "rolled back again", since: "2026-01-03T00:00:00Z", commit: "def"))
        #expect(try await store.quarantinedTags(for: other).isEmpty)
        #expect(try await store.releaseTag("6.5.1", for: policy))
        #expect(try await store.releaseTag("6.5.1", for: policy) == false)
        #expect(try await store.quarantinedTags(for: policy).map(\.tag) == ["6.5.0"])
        try await store.deleteObject(policy)
        #expect(try await store.quarantinedTags(for: policy).isEmpty)
    }

    @Test func aTagKeepsTheTimeItWasFirstSeen() async throws {
        let store = try SQLiteStateStore()
        try await store.recordTagsSeen(["1.0.0", "1.0.1"], for: repository, at: Timestamp(secondsSinceEpoch: 100))
        try await store.recordTagsSeen(["1.0.1", "1.0.2"], for: repository, at: Timestamp(secondsSinceEpoch: 200))
        let seen = try await store.tagsFirstSeen(for: repository)
        #expect(seen == ["1.0.0": Timestamp(secondsSinceEpoch: 100), "1.0.1": Timestamp(secondsSinceEpoch: 100), "1.0.2": Timestamp(secondsSinceEpoch: 200)])
        #expect(try await store.tagsFirstSeen(for: ObjectID(kind: "ImageRepository", namespace: "flux-system", name: "other")).isEmpty)
        try await store.deleteObject(repository)
        #expect(try await store.tagsFirstSeen(for: repository).isEmpty)
    }
}
