public import FerryCore
import Synchronization

/// One scan shared by every ImageRepository that needs the same image (a Ferry improvement
/// over Flux, which lists the tags once per object): a ``RegistryClient`` in front of another
/// that joins calls for the same repository and the same access options that are in flight,
/// so when several objects name one image only one tag listing reaches the registry, and every
/// caller gets its result (or its error).
///
/// Results are not kept once the listing finishes: a scan that starts later asks the registry
/// again, so a new tag is never hidden behind a cached answer.
public final class SharedScans: RegistryClient {
    private struct Key: Hashable {
        var repository: String
        var insecure: Bool
        var access: RegistryAccess
    }

    private typealias Waiter = CheckedContinuation<Result<TagListing, RegistryError>, Never>

    private let upstream: any RegistryClient
    private let inFlight = Mutex<[Key: [Waiter]]>([:])
    private let upstreamCalls = Atomic<Int>(0)

    /// Shares the listings of `upstream`.
    public init(_ upstream: any RegistryClient) {
        self.upstream = upstream
    }

    /// How many listings reached the upstream client (for tests and metrics).
    public var listingsStarted: Int { upstreamCalls.load(ordering: .relaxed) }

    public func listTags(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing {
        let key = Key(repository: repository.canonicalName, insecure: repository.insecure, access: access)
        let result: Result<TagListing, RegistryError> = await withCheckedContinuation { (waiter: Waiter) in
            let leads = inFlight.withLock { table -> Bool in
                if table[key] != nil {
                    table[key]?.append(waiter)
                    return false
                }
                table[key] = [waiter]
                return true
            }
            guard leads else { return }
            upstreamCalls.add(1, ordering: .relaxed)
            Task {
                let outcome: Result<TagListing, RegistryError>
                do throws(RegistryError) {
                    outcome = .success(try await upstream.listTags(in: repository, access: access))
                } catch {
                    outcome = .failure(error)
                }
                let waiters = inFlight.withLock { $0.removeValue(forKey: key) ?? [] }
                for waiter in waiters { waiter.resume(returning: outcome) }
            }
        }
        return try result.get()
    }

    public func digest(of tag: String, in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> String {
        try await upstream.digest(of: tag, in: repository, access: access)
    }
}
