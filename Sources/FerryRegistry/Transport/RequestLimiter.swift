/// At most `limit` requests in flight per registry host, across every scan sharing the client; the rest wait in
/// order of arrival.
actor RequestLimiter {
    private let limit: Int
    private var inUse: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` holding one of the host's permits.
    nonisolated func withPermit<T: Sendable, E: Error>(
        for host: String, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        await acquire(host)
        let result: Result<T, E>
        do throws(E) {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        await release(host)
        return try result.get()
    }

    private func acquire(_ host: String) async {
        let used = inUse[host, default: 0]
        if used < limit {
            inUse[host] = used + 1
            return
        }
        await withCheckedContinuation { continuation in waiters[host, default: []].append(continuation) }
    }

    private func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            let used = inUse[host, default: 1] - 1
            inUse[host] = used > 0 ? used : nil
        }
    }

    /// Requests in flight for a host (tests).
    func inFlight(_ host: String) -> Int { inUse[host, default: 0] }
}
