import FerryCore
import FerryReconciler
import FerryRegistry
import FerryStore
import FerryTesting
import Testing

@Suite("ImageRepository reconciler")
struct ImageRepositoryReconcilerTests {
    let registry = InMemoryRegistryClient(repositories: ["ghcr.io/acme/app": ["1.0.0": "sha256:a", "1.1.0": "sha256:b", "latest": "sha256:c"]])

    @Test("A first scan stores the tags and writes Flux's status, conditions and events")
    func firstScan() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.repository())
        let store = try SQLiteStateStore()
        let notifications = RecordingEventRecorder()
        let env = try Fixture.environment(objects: objects, registry: registry, store: store, notifications: notifications)
        let repository = try #require(objects.stored(ImageRepository.self, ObjectKey(namespace: "flux-system", name: "app")))

        let report = await ImageRepositoryReconciler.reconcile(repository, env)

        #expect(report.error == nil)
        #expect(report.outcome == .succeeded(requeueAfter: .minutes(5)))
        let written = try #require(objects.stored(ImageRepository.self, ObjectKey(namespace: "flux-system", name: "app")))
        #expect(written.status.canonicalImageName == "ghcr.io/acme/app")
        #expect(written.status.lastScanResult?.tagCount == 3)
        #expect(written.status.lastScanResult?.latestTags == ["latest", "1.1.0", "1.0.0"])
        #expect(written.status.observedGeneration == 1)
        let ready = try #require(written.status.conditions.first { $0.type == "Ready" })
        #expect(ready.status == .true)
        #expect(ready.reason == "Succeeded")
        let revision = try #require(written.status.lastScanResult?.revision)
        #expect(ready.message == "successful scan: found 3 tags with checksum \(revision)")
        #expect(!written.status.conditions.contains { $0.type == "Reconciling" })
        let stored = try #require(try await store.tags(for: written.id))
        #expect(stored.tags.sorted() == ["1.0.0", "1.1.0", "latest"])
        // The transition to Ready is a Normal event, and a notification.
        #expect(objects.events.last?.reason == "Succeeded")
        #expect(objects.events.last?.message == "successful scan: found 3 tags with checksum \(revision)")
        #expect(notifications.events.count == 1)
        #expect(notifications.events.first?.involvedObject.kind == "ImageRepository")
    }

    @Test("A second reconcile within the interval does not scan again")
    func noRescanWithinInterval() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.repository())
        let clock = Fixture.Clock()
        let env = try Fixture.environment(objects: objects, registry: registry, clock: clock)
        let key = ObjectKey(namespace: "flux-system", name: "app")
        _ = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, key)), env)
        clock.advance(.minutes(2))
        // The registry is now down: a scan would fail, so success means no scan happened.
        var down = env
        down.registry = InMemoryRegistryClient(failures: ["ghcr.io/acme/app": RegistryError(.serverError, operation: "cannot list the tags of ghcr.io/acme/app", status: 503, reason: "down")])
        let report = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, key)), down)
        #expect(report.error == nil)
        #expect(report.outcome == .succeeded(requeueAfter: .minutes(3)))
        #expect(objects.events.last?.message == "no change in repository configuration since last scan, next scan in 3m0s")
    }

    @Test("A registry failure marks Ready False with Flux's reason and keeps the stored tags")
    func registryDown() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.repository())
        let store = try SQLiteStateStore()
        let env = try Fixture.environment(objects: objects, registry: registry, store: store)
        let key = ObjectKey(namespace: "flux-system", name: "app")
        _ = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, key)), env)
        var requested = try #require(objects.stored(ImageRepository.self, key))
        requested.metadata.annotations[ObjectMeta.requestedAtAnnotation] = "now"
        objects.put(requested)

        var down = env
        down.registry = InMemoryRegistryClient(failures: ["ghcr.io/acme/app": RegistryError(.serverError, operation: "cannot list the tags of ghcr.io/acme/app", status: 503, reason: "down")])
        let report = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, key)), down)

        #expect(report.outcome == .failed)
        let written = try #require(objects.stored(ImageRepository.self, key))
        let ready = try #require(written.status.conditions.first { $0.type == "Ready" })
        #expect(ready.status == .false)
        #expect(ready.reason == "ReadOperationFailed")
        #expect(ready.message.hasPrefix("scan failed: "))
        #expect(objects.events.last?.type == .warning)
        #expect(try await store.tags(for: written.id)?.tags.count == 3)
    }

    @Test("An invalid image stalls with ImageURLInvalid and is not retried")
    func invalidImage() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.repository(image: "ghcr.io/acme/App:1.0"))
        let env = try Fixture.environment(objects: objects, registry: registry)
        let key = ObjectKey(namespace: "flux-system", name: "app")
        let report = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, key)), env)
        #expect(report.outcome == .stalled)
        let written = try #require(objects.stored(ImageRepository.self, key))
        let stalled = try #require(written.status.conditions.first { $0.type == "Stalled" })
        #expect(stalled.reason == "ImageURLInvalid")
        #expect(written.status.conditions.first { $0.type == "Ready" }?.status == .false)
    }

    @Test("exclusionList drops tags before they are stored")
    func exclusion() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.repository(extra: "  exclusionList: ['^latest$']"))
        let store = try SQLiteStateStore()
        let env = try Fixture.environment(objects: objects, registry: registry, store: store)
        let key = ObjectKey(namespace: "flux-system", name: "app")
        _ = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, key)), env)
        let written = try #require(objects.stored(ImageRepository.self, key))
        #expect(written.status.lastScanResult?.tagCount == 2)
        #expect(written.status.observedExclusionList == ["^latest$"])
        #expect(try await store.tags(for: written.id)?.tags.sorted() == ["1.0.0", "1.1.0"])
    }

    @Test("A suspended repository is left alone")
    func suspended() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.repository(extra: "  suspend: true"))
        let env = try Fixture.environment(objects: objects, registry: registry)
        let key = ObjectKey(namespace: "flux-system", name: "app")
        let report = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, key)), env)
        #expect(report.outcome == .stalled)
        #expect(objects.stored(ImageRepository.self, key)?.status.lastScanResult == nil)
        #expect(objects.events.isEmpty)
    }
}
