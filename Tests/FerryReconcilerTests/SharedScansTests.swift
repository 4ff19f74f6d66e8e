import FerryCore
import FerryReconciler
import Synchronization
import Testing

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

    func waitUntil(_ condition: () -> Bool) async {
        for _ in 0..<2000 where !condition() { try? await Task.sleep(for: .milliseconds(1)) }
    }

    @Test("Concurrent listings of one image reach the registry once and all get the tags")
    func joins() async throws {
        let registry = GatedRegistry()
        let shared = SharedScans(registry)
        let name = try ImageRepositoryName(parsing: "ghcr.io/acme/app")
        async let first = shared.listTags(in: name, access: .anonymous)
        async let second = shared.listTags(in: name, access: .anonymous)
        async let third = shared.listTags(in: name, access: .anonymous)
        await waitUntil { registry.waiting() == 1 }
        try await Task.sleep(for: .milliseconds(20))
        registry.open()
        let results = try await [first, second, third]
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
        async let first = outcome(shared, name)
        async let second = outcome(shared, name)
        await waitUntil { registry.waiting() == 1 }
        try await Task.sleep(for: .milliseconds(20))
        registry.open()
        for result in await [first, second] {
            #expect(throws: RegistryError.self) { try result.get() }
        }
        async let later = outcome(shared, name)
        await waitUntil { registry.waiting() == 1 }
        registry.open()
        _ = await later
        #expect(registry.calls.withLock { $0 }.count == 2)
    }
}
