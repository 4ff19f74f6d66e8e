import Dispatch
import FerryCore
import FerryReconciler
import Synchronization
import Testing

/// Runs the jobs of the tasks that prefer it one at a time on a serial queue and counts them, so that a test can
/// tell when every task it started there has run up to its first suspension (a caller that joined a listing waits
/// for it), whatever the load on the machine, instead of sleeping and hoping.
final class CountingExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "ferry.tests.shared-scans")
    private let counts = Mutex<(enqueued: Int, finished: Int)>((0, 0))

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        counts.withLock { $0.enqueued += 1 }
        queue.async {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
            self.counts.withLock { $0.finished += 1 }
        }
    }

    /// Whether at least `jobs` jobs have run and none is queued or running.
    func isQuiet(afterRunning jobs: Int) -> Bool { counts.withLock { $0.finished >= jobs && $0.finished == $0.enqueued } }
}

/// A registry that answers only when the test opens the gate, counting the listings it serves.
final class GatedRegistry: RegistryClient {
    let calls = Mutex<[String]>([])
    let gate = Mutex<[CheckedContinuation<Void, Never>]>([])
    let failing: Set<String>

    init(failing: Set<String> = []) { self.failing = failing }

    func waiting() -> Int { gate.withLock { $0.count } }

    func open() {
        let waiters = gate.withLock { gate in
            defer { gate.removeAll() }
            return gate
        }
        for waiter in waiters { waiter.resume() }
    }

    func listTags(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing {
        calls.withLock { $0.append(repository.canonicalName) }
        await withCheckedContinuation { waiter in gate.withLock { $0.append(waiter) } }
        if failing.contains(repository.canonicalName) {
            throw RegistryError(.serverError, operation: "cannot list the tags of \(repository.canonicalName)", status: 503, reason: "down")
        }
        return TagListing(canonicalName: repository.canonicalName, tags: ["1.0.0", "1.1.0"])
    }

    func digest(of tag: String, in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> String { "sha256:x" }
}

@Suite("One scan shared by the objects that need the same image")
struct SharedScansTests {
    func outcome(_ shared: SharedScans, _ name: ImageRepositoryName) async -> Result<TagListing, RegistryError> {
        do throws(RegistryError) {
            return .success(try await shared.listTags(in: name, access: .anonymous))
        } catch {
            return .failure(error)
        }
    }

    /// Polls `condition`, bounded by the wall clock (generously: the tasks it waits for start late on a loaded machine).
    func waitUntil(_ condition: () -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition(), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(1)) }
    }

    @Test("Concurrent listings of one image reach the registry once and all get the tags")
    func joins() async throws {
        let registry = GatedRegistry()
        let shared = SharedScans(registry)
        let name = try ImageRepositoryName(parsing: "ghcr.io/acme/app")
        let callers = CountingExecutor()
        let results = try await withThrowingTaskGroup(of: TagListing.self) { group in
            for _ in 0..<3 { group.addTask(executorPreference: callers) { try await shared.listTags(in: name, access: .anonymous) } }
            // One listing waits at the registry, and all three callers have run until they wait for it.
            await waitUntil { registry.waiting() == 1 && callers.isQuiet(afterRunning: 3) }
            registry.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0.tags == ["1.0.0", "1.1.0"] })
        #expect(registry.calls.withLock { $0 } == ["ghcr.io/acme/app"])
        #expect(shared.listingsStarted == 1)
    }

    @Test("Different images, or the same image with other credentials, are separate listings")
    func separates() async throws {
        let registry = GatedRegistry()
        let shared = SharedScans(registry)
        let app = try ImageRepositoryName(parsing: "ghcr.io/acme/app")
        let other = try ImageRepositoryName(parsing: "ghcr.io/acme/other")
        var withCredentials = RegistryAccess.anonymous
        withCredentials.credentials = .basic(username: "ci", password: "secret")
        async let a = shared.listTags(in: app, access: .anonymous)
        async let b = shared.listTags(in: other, access: .anonymous)
        async let c = shared.listTags(in: app, access: withCredentials)
        await waitUntil { registry.waiting() == 3 }
        registry.open()
        _ = try await [a, b, c]
        #expect(registry.calls.withLock { $0 }.count == 3)
    }

    @Test("A failure reaches every caller that joined, and the next scan asks again")
    func failures() async throws {
        let registry = GatedRegistry(failing: ["ghcr.io/acme/app"])
        let shared = SharedScans(registry)
        let name = try ImageRepositoryName(parsing: "ghcr.io/acme/app")
        let callers = CountingExecutor()
        let results = await withTaskGroup(of: Result<TagListing, RegistryError>.self) { group in
            for _ in 0..<2 { group.addTask(executorPreference: callers) { await outcome(shared, name) } }
            await waitUntil { registry.waiting() == 1 && callers.isQuiet(afterRunning: 2) }
            registry.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 2)
        #expect(registry.calls.withLock { $0 }.count == 1, "the two callers shared one listing")
        for result in results {
            #expect(throws: RegistryError.self) { try result.get() }
        }
        async let later = outcome(shared, name)
        await waitUntil { registry.waiting() == 1 }
        registry.open()
        _ = await later
        #expect(registry.calls.withLock { $0 }.count == 2)
    }
}
