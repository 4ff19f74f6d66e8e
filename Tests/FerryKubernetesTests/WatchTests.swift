import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// Watches and the reflector against the fake server: bookmarks, 410, relists, broken streams.
@Suite(.timeLimit(.minutes(1)))
struct WatchTests {
    @Test func aWatchDeliversChangesAndBookmarksWithTheRecordedQuery() async throws {
        try await FakeKubeAPIServer.with { server in
            let client = try TestConnections.client(server)
            let start = await server.store.currentVersion
            let stream = client.watch(ImagePolicy.self, ImagePolicy.resource, namespace: "default", options: WatchOptions(resourceVersion: start))
            var iterator = stream.makeAsyncIterator()
            try await waitForWatches(server, 1)
            await server.store.seed(TestConnections.imagePolicy("watch-demo"), plural: "imagepolicies")
            await server.store.sendBookmarks()
            await server.store.remove(plural: "imagepolicies", namespace: "default", name: "watch-demo")
            guard case .added(let added) = try await iterator.next() else { Issue.record("expected ADDED"); return }
            #expect(added.metadata.name == "watch-demo")
            guard case .bookmark(let version, false) = try await iterator.next() else { Issue.record("expected BOOKMARK"); return }
            #expect(version == added.metadata.resourceVersion)
            guard case .deleted(let deleted) = try await iterator.next() else { Issue.record("expected DELETED"); return }
            #expect(deleted.metadata.resourceVersion != added.metadata.resourceVersion)
            await server.store.closeAllWatches()
            #expect(try await iterator.next() == nil)
            #expect(await server.store.requests.first?.rawQuery == "allowWatchBookmarks=true&resourceVersion=\(start)&watch=true")
        }
    }

    @Test func theRecordedStreamIsDecodedWithItsRecordedChunkBoundaries() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.inject(
                try RecordedExchange.load("03-watch", "13-watch-no-rv-with-bookmarks").fakeResponse, pathSuffix: "/imagepolicies")
            let client = try TestConnections.client(server)
            var names: [String] = []
            var ended = false
            // The recorder closed this stream without the zero-length chunk: a broken stream after the events.
            let error = await #expect(throws: KubeClientError.self) {
                for try await event in client.watch(ImagePolicy.self, ImagePolicy.resource, namespace: "default") {
                    switch event {
                    case .added(let policy): names.append(policy.metadata.name)
                    case .bookmark(_, let end): ended = end
                    default: break
                    }
                }
            }
            #expect(error?.isBrokenStream == true)
            #expect(names == ["podinfo", "podinfo-b", "podinfo-c", "podinfo-ssa", "unknown-field"])
            #expect(ended)
        }
    }

    @Test func aStreamThatBreaksOffMidEventIsABrokenStreamError() async throws {
        try await FakeKubeAPIServer.with { server in
            let client = try TestConnections.client(server)
            let stream = client.watch(ImagePolicy.self, ImagePolicy.resource, namespace: "default", options: WatchOptions(resourceVersion: "200"))
            var iterator = stream.makeAsyncIterator()
            try await waitForWatches(server, 1)
            await server.store.breakAllWatches()
            let error = await #expect(throws: KubeClientError.self) { _ = try await iterator.next() }
            #expect(error?.isBrokenStream == true)
        }
    }

    @Test func anEventLongerThanTheCapIsRefused() async throws {
        try await FakeKubeAPIServer.with { server in
            let huge = String(repeating: "x", count: 4096)
            await server.store.seed(TestConnections.imagePolicy("big", labels: ["note": huge]), plural: "imagepolicies")
            let client = try TestConnections.client(server)
            let error = await #expect(throws: KubeClientError.self) {
                for try await _ in client.watch(
                    ImagePolicy.self, ImagePolicy.resource, namespace: "default", options: WatchOptions(resourceVersion: "0"),
                    maxEventBytes: 1024)
                {}
            }
            #expect(error?.isTooLarge == true)
        }
    }

    @Test func sendInitialEventsEndsTheInitialEventsWithTheAnnotatedBookmark() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("a"), plural: "imagepolicies")
            let client = try TestConnections.client(server)
            var events: [String] = []
            for try await event in client.watch(
                ImagePolicy.self, ImagePolicy.resource, namespace: "default", options: WatchOptions(sendInitialEvents: true))
            {
                if case .added(let policy) = event { events.append(policy.metadata.name) }
                if case .bookmark(_, true) = event { break }
            }
            #expect(events == ["a"])
            #expect(
                await server.store.requests.first?.rawQuery
                    == "allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&sendInitialEvents=true&watch=true")
        }
    }

    @Test func theReflectorListsWatchesAndRewatchesFromTheLastVersion() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("a"), plural: "imagepolicies")
            let client = try TestConnections.client(server)
            let reflector = Reflector<ImagePolicy>(client: client, namespace: "default")
            let changes = Changes()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run { await changes.append($0) } }
                try await changes.wait { $0.contains("synced") }
                try await waitForWatches(server, 1)
                await server.store.seed(TestConnections.imagePolicy("b"), plural: "imagepolicies")
                try await changes.wait { $0.contains("added b") }
                let version = await server.store.currentVersion
                await server.store.closeAllWatches()
                try await waitForWatches(server, 1)
                await server.store.seed(TestConnections.imagePolicy("c"), plural: "imagepolicies")
                try await changes.wait { $0.contains("added c") }
                let watches = await server.store.requests.filter { $0.query["watch"] == "true" }
                #expect(watches.last?.query["resourceVersion"] == version)
                group.cancelAll()
            }
            #expect(await changes.all == ["added a", "synced", "added b", "added c"])
        }
    }

    @Test func theReflectorRelistsAfterA410AndReportsWhatItMissed() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("a"), plural: "imagepolicies")
            await server.store.seed(TestConnections.imagePolicy("b"), plural: "imagepolicies")
            let client = try TestConnections.client(server)
            let reflector = Reflector<ImagePolicy>(client: client, namespace: "default")
            let changes = Changes()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run { await changes.append($0) } }
                try await changes.wait { $0.filter { $0 == "synced" }.count == 1 }
                try await waitForWatches(server, 1)
                // Unseen by the watch, b goes, a changes and c comes; then the stream breaks and
                // the version it would resume from has expired.
                await server.store.setDeliverToWatchers(false)
                await server.store.remove(plural: "imagepolicies", namespace: "default", name: "b")
                await server.store.seed(TestConnections.imagePolicy("a", labels: ["v": "2"]), plural: "imagepolicies")
                await server.store.seed(TestConnections.imagePolicy("c"), plural: "imagepolicies")
                await server.store.compact(before: Int(await server.store.currentVersion) ?? 0)
                await server.store.breakAllWatches()
                await server.store.setDeliverToWatchers(true)
                try await changes.wait { $0.filter { $0 == "synced" }.count == 2 }
                group.cancelAll()
            }
            #expect(await changes.all == ["added a", "added b", "synced", "modified a", "added c", "deleted b", "synced"])
            let watches = await server.store.requests.filter { $0.query["watch"] == "true" }
            #expect(watches.count >= 2)
        }
    }

    @Test func theReflectorCanStartWithAWatchList() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("a"), plural: "imagepolicies")
            let reflector = Reflector<ImagePolicy>(client: try TestConnections.client(server), namespace: "default", useWatchList: true)
            let changes = Changes()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run { await changes.append($0) } }
                try await changes.wait { $0.contains("synced") }
                group.cancelAll()
            }
            #expect(await changes.all == ["added a", "synced"])
            #expect(await server.store.requests.first?.query["sendInitialEvents"] == "true")
        }
    }

    @Test func theReflectorStopsOnForbidden() async throws {
        try await FakeKubeAPIServer.with { server in
            let reflector = Reflector<ImagePolicy>(client: try TestConnections.client(server, token: "controller-token"), namespace: "default")
            let error = await #expect(throws: KubeAPIError.self) { try await reflector.run { _ in } }
            #expect(error?.code == 403)
        }
    }

    @Test func theReflectorBacksOffAndRetriesOnTooManyRequests() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.seed(TestConnections.imagePolicy("a"), plural: "imagepolicies")
            await server.store.inject(FakeKubeStore.tooManyRequests(), pathSuffix: "/imagepolicies")
            let sleeps = RecordedSleeps()
            let reflector = Reflector<ImagePolicy>(client: try TestConnections.client(server, sleeps: sleeps), namespace: "default")
            let changes = Changes()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run { await changes.append($0) } }
                try await changes.wait { $0.contains("synced") }
                group.cancelAll()
            }
            #expect(sleeps.all.first == .seconds(1))
        }
    }
}

/// Collects reflector output for assertions.
actor Changes {
    private(set) var all: [String] = []

    func append(_ change: ObjectChange<ImagePolicy>) {
        switch change {
        case .added(let object): all.append("added \(object.metadata.name)")
        case .modified(let object): all.append("modified \(object.metadata.name)")
        case .deleted(let object): all.append("deleted \(object.metadata.name)")
        case .synced: all.append("synced")
        }
    }

    /// Waits (by polling, bounded) until `condition` holds.
    func wait(_ condition: ([String]) -> Bool) async throws {
        for _ in 0..<12000 {
            if condition(all) { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("timed out waiting; saw \(all)")
        throw CancellationError()
    }
}

func waitForWatches(_ server: FakeKubeAPIServer, _ count: Int) async throws {
    for _ in 0..<12000 {
        if await server.store.openWatchCount >= count { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("no watch was opened")
}
