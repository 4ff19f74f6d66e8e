public import FerryCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ``GitWorkspace`` over the `git` command line: fetch, check out, let the caller change the
/// tree, commit (signed if asked), push as Flux does, and re-apply on a moved branch.
///
/// ```swift
/// let workspace = GitCommandLineWorkspace(configuration: .init(cacheDirectory: "/var/lib/ferry/git"))
/// let outcome = try await workspace.run(job) { tree in
///     try rewrite(tree.path)
///     return .changed(message: "Update from image update automation")
/// }
/// print(outcome.observedSourceRevision)  // main@sha1:…
/// ```
///
/// With a ``Configuration/cacheDirectory`` each repository keeps one clone with its working tree
/// between runs: a run fetches what changed and resets the tree instead of cloning. Runs that
/// share an entry (same URL and cache key) take turns through a file lock, across processes too.
/// Without it, every run clones into a temporary directory that is removed afterwards.
public struct GitCommandLineWorkspace: GitWorkspace {
    /// Adapter settings.
    public struct Configuration: Sendable {
        /// Where clones persist between runs; `nil` clones afresh every run.
        public var cacheDirectory: String?
        /// Where session directories (HOME, helpers, keys) and uncached clones go; default `$TMPDIR` or `/tmp`.
        public var temporaryDirectory: String?
        /// The `PATH` children search for git, ssh, gpg and ssh-keygen.
        public var searchPath: String
        /// The limit of local git operations (checkout, commit); network operations use the source's `timeout`.
        public var localTimeout: Duration
        /// How long to wait for another run holding the same cache entry.
        public var cacheLockTimeout: Duration
        /// The time commits and pushes are stamped with (`status.lastPushTime`); the system clock by default.
        public var clock: @Sendable () -> GitTimestamp
        /// Receives every command run, with scrubbed output; `nil` for none.
        public var trace: (@Sendable (GitTraceEvent) -> Void)?

        /// Creates a configuration.
        public init(
            cacheDirectory: String? = nil, temporaryDirectory: String? = nil, searchPath: String? = nil, localTimeout: Duration = .seconds(300),
            cacheLockTimeout: Duration = .seconds(600), clock: @escaping @Sendable () -> GitTimestamp = GitCommandLineWorkspace.systemTime,
            trace: (@Sendable (GitTraceEvent) -> Void)? = nil
        ) {
            self.cacheDirectory = cacheDirectory
            self.temporaryDirectory = temporaryDirectory
            self.searchPath = searchPath ?? GitCommandLineWorkspace.inheritedPath
            self.localTimeout = localTimeout
            self.cacheLockTimeout = cacheLockTimeout
            self.clock = clock
            self.trace = trace
        }
    }

    /// The settings.
    public let configuration: Configuration

    /// Creates a workspace.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func run(
        _ job: GitAutomationJob, update: @Sendable (GitWorkingTree) async throws -> GitTreeUpdate
    ) async throws -> GitAutomationOutcome {
        // Absolute paths only: git must never resolve a clone relative to the current directory.
        let temporaryRoot = LocalFiles.absolute(configuration.temporaryDirectory ?? LocalFiles.temporaryRoot)
        let session = try GitSession.create(
            for: job, temporaryRoot: temporaryRoot, basePath: configuration.searchPath, localTimeout: configuration.localTimeout,
            trace: configuration.trace
        )
        defer { session.close() }
        let pass = AutomationPass(job: job, session: session, clock: configuration.clock)
        guard let cacheDirectory = configuration.cacheDirectory.map(LocalFiles.absolute) else {
            return try await pass.run(in: "\(session.root)/repo", cached: false, update: update)
        }
        try LocalFiles.makeDirectories(cacheDirectory)
        let entry = "\(cacheDirectory)/\(Self.cacheEntryName(url: job.source.url, key: job.cacheKey))"
        return try await CacheLock.withLock("\(entry).lock", timeout: configuration.cacheLockTimeout) {
            try await pass.run(in: entry, cached: true, update: update)
        }
    }

    public func deleteBranch(_ job: GitAutomationJob, expectedHead: String) async throws -> Bool {
        let temporaryRoot = LocalFiles.absolute(configuration.temporaryDirectory ?? LocalFiles.temporaryRoot)
        let session = try GitSession.create(
            for: job, temporaryRoot: temporaryRoot, basePath: configuration.searchPath, localTimeout: configuration.localTimeout,
            trace: configuration.trace
        )
        defer { session.close() }
        return try await AutomationPass(job: job, session: session, clock: configuration.clock).deleteBranch(
            in: "\(session.root)/repo", expectedHead: expectedHead)
    }

    /// The directory name of a cache entry: a readable prefix from the URL and a hash of URL and key.
    static func cacheEntryName(url: GitURL, key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(url.withoutCredentials)\n\(key)".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let readable = String((url.host + url.path).map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }.suffix(48))
        let digits = String(hash, radix: 16)
        return readable + "-" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The system's wall-clock time.
    @Sendable public static func systemTime() -> GitTimestamp {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return GitTimestamp(seconds: Int64(now.tv_sec), nanoseconds: Int32(now.tv_nsec))
    }

    /// This process's `PATH`, or a default.
    static var inheritedPath: String {
        if let value = getenv("PATH"), value.pointee != 0 { return String(cString: value) }
        return "/usr/local/bin:/usr/bin:/bin"
    }
}
