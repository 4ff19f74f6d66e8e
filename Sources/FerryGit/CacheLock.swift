#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock on a file (`flock`), shared by every process and task that uses
/// the same clone cache entry. Waiting polls with short sleeps, so no thread of the cooperative
/// pool blocks, and a cancelled task stops waiting.
enum CacheLock {
    /// Runs `body` while holding the lock on `path` (created if missing).
    ///
    /// - Parameters:
    ///   - path: The lock file.
    ///   - timeout: How long to wait for another holder before giving up.
    ///   - body: The work that needs the cache entry to itself.
    static func withLock<Result: Sendable>(
        _ path: String, timeout: Duration, _ body: () async throws -> Result
    ) async throws -> Result {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw GitError.local("could not open the clone cache lock \(path): \(LocalFiles.errorText())") }
        defer { close(descriptor) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var pause = Duration.milliseconds(2)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw GitError.local("could not lock the clone cache \(path): \(LocalFiles.errorText())")
            }
            if clock.now >= deadline { throw GitError.timedOut(operation: "waiting for the clone cache lock", after: timeout) }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(100))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
