public import FerryCore
import Crypto
import Logging

/// Leader election on a `coordination.k8s.io/v1` Lease, with client-go's rules and
/// controller-runtime's timings as Flux sets them (lease 35 s, renew deadline 30 s, retry
/// 5 s, release on cancel).
///
/// A candidate takes the Lease when it is missing, released, or has not changed for a
/// whole lease duration as measured on the candidate's own clock (never by comparing the
/// holder's timestamps with local time, so clock skew does not matter). Every write is
/// guarded by resourceVersion: two candidates racing get one 200 and one 409.
public actor LeaderElector<C: Clock> where C.Duration == Duration {
    /// The Lease resource.
    public static var resource: APIResourceKind {
        APIResourceKind(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases")
    }

    /// The settings.
    public let configuration: LeaderElectionConfiguration
    private let client: KubeClient
    private let clock: C
    private let wallClock: @Sendable () -> Timestamp
    private var observed: (record: Lease.Spec, version: String?, at: C.Instant)?
    /// Whether this candidate held the Lease after its last attempt.
    public private(set) var isLeader = false

    /// Creates a candidate.
    ///
    /// - Parameters:
    ///   - clock: measures the lease duration, renew deadline and retry period.
    ///   - wallClock: the time written into `acquireTime`/`renewTime`.
    public init(client: KubeClient, configuration: LeaderElectionConfiguration, clock: C, wallClock: @escaping @Sendable () -> Timestamp) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.wallClock = wallClock
    }

    /// One attempt to acquire or renew the Lease (client-go's `tryAcquireOrRenew`).
    ///
    /// - Returns: whether this candidate is the leader now.
    /// - Throws: errors other than a lost race (401, 403, transport); a 409 is a `false`.
    @discardableResult
    public func tryAcquireOrRenew() async throws -> Bool {
        let now = wallClock()
        let mine = Lease.Spec(
            holderIdentity: configuration.identity, leaseDurationSeconds: Int(configuration.leaseDuration.components.seconds), acquireTime: now,
            renewTime: now, leaseTransitions: 0)
        let existing: Lease
        do {
            existing = try await client.get(Lease.self, Self.resource, name: configuration.leaseName, namespace: configuration.namespace)
        } catch let error as KubeAPIError where error.isNotFound && !error.isResourceNotServed {
            let lease = Lease(metadata: ObjectMeta(name: configuration.leaseName, namespace: configuration.namespace), spec: mine)
            do {
                let created = try await client.create(lease, Self.resource, namespace: configuration.namespace)
                observed = (created.spec, created.metadata.resourceVersion, clock.now)
                isLeader = true
            } catch let error as KubeAPIError where error.code == 409 {
                isLeader = false
            }
            return isLeader
        }
        if observed == nil || observed?.record != existing.spec || observed?.version != existing.metadata.resourceVersion {
            observed = (existing.spec, existing.metadata.resourceVersion, clock.now)
        }
        let holder = existing.spec.holderIdentity ?? ""
        let duration = Duration.seconds(existing.spec.leaseDurationSeconds ?? Int(configuration.leaseDuration.components.seconds))
        if !holder.isEmpty, holder != configuration.identity, let observed, observed.at.advanced(by: duration) > clock.now {
            isLeader = false
            return false
        }
        var record = mine
        if holder == configuration.identity {
            record.acquireTime = existing.spec.acquireTime ?? now
            record.leaseTransitions = existing.spec.leaseTransitions ?? 0
        } else {
            record.leaseTransitions = (existing.spec.leaseTransitions ?? 0) + 1
        }
        var lease = existing
        lease.spec = record
        do {
            let updated = try await client.update(lease, Self.resource, name: configuration.leaseName, namespace: configuration.namespace)
            observed = (updated.spec, updated.metadata.resourceVersion, clock.now)
            isLeader = true
        } catch let error as KubeAPIError where error.isConflict {
            isLeader = false
        }
        return isLeader
    }

    /// Gives the Lease up if this candidate holds it: a merge patch, guarded by
    /// resourceVersion, that removes `holderIdentity` and shortens the lease to one second,
    /// so another candidate can take over at once.
    public func release() async throws {
        guard isLeader, let observed, observed.record.holderIdentity == configuration.identity else { return }
        var metadata: [(String, JSONValue)] = []
        if let version = observed.version { metadata.append(("resourceVersion", .string(version))) }
        let patch: JSONValue = [
            "metadata": .object(metadata),
            "spec": ["holderIdentity": nil, "leaseDurationSeconds": 1, "renewTime": .string(wallClock().rfc3339Micro)],
        ]
        do {
            let released = try await client.patch(
                Lease.self, Self.resource, name: configuration.leaseName, namespace: configuration.namespace, patch: patch)
            self.observed = (released.spec, released.metadata.resourceVersion, clock.now)
        } catch let error as KubeAPIError where error.isConflict || error.isNotFound {
            client.logger.info("the lease changed before it could be released", metadata: ["lease.name": "\(configuration.leaseName)"])
        }
        isLeader = false
    }

    /// Campaigns until elected, then runs `work` while renewing every retry period. When a
    /// renewal has not succeeded for the renew deadline, leadership is lost: `work` is
    /// cancelled and ``LeaderElectionLost`` is thrown. When the calling task is cancelled the
    /// Lease is released (if ``LeaderElectionConfiguration/releaseOnCancel``).
    public func run(_ work: @escaping @Sendable () async throws -> Void) async throws {
        while !(try await attempt()) { try await clock.sleep(for: configuration.retryPeriod) }
        client.logger.info("became the leader", metadata: ["lease.name": "\(configuration.leaseName)", "lease.holder": "\(configuration.identity)"])
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await work() }
                group.addTask { try await self.renewUntilLost() }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            if configuration.releaseOnCancel, Task.isCancelled { try? await releaseUncancelled() }
            throw error
        }
        if configuration.releaseOnCancel { try? await releaseUncancelled() }
    }

    private func releaseUncancelled() async throws {
        try await Task { try await self.release() }.value
    }

    private func attempt() async throws -> Bool {
        do {
            return try await tryAcquireOrRenew()
        } catch let error as KubeAPIError where error.isAuthorizationFailure {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            client.logger.info("leader election attempt failed", metadata: ["lease.name": "\(configuration.leaseName)", "kube.error": "\(error)"])
            return false
        }
    }

    private func renewUntilLost() async throws {
        var lastRenewal = clock.now
        while true {
            try await clock.sleep(for: configuration.retryPeriod)
            if try await attempt() {
                lastRenewal = clock.now
            } else if !isLeader || lastRenewal.duration(to: clock.now) >= configuration.renewDeadline {
                isLeader = false
                throw LeaderElectionLost(leaseName: configuration.leaseName, identity: configuration.identity)
            }
        }
    }
}

/// The settings of leader election.
public struct LeaderElectionConfiguration: Sendable, Hashable {
    /// The Lease name.
    public var leaseName: String
    /// The Lease namespace (the controller's own).
    public var namespace: String
    /// This candidate's identity, unique per process: `<hostname>_<random>`.
    public var identity: String
    /// `--leader-election-lease-duration` (35 s).
    public var leaseDuration: Duration
    /// `--leader-election-renew-deadline` (30 s).
    public var renewDeadline: Duration
    /// `--leader-election-retry-period` (5 s).
    public var retryPeriod: Duration
    /// `--leader-election-release-on-cancel` (true).
    public var releaseOnCancel: Bool

    /// Creates settings with Flux's defaults.
    public init(
        leaseName: String, namespace: String, identity: String, leaseDuration: Duration = .seconds(35), renewDeadline: Duration = .seconds(30),
        retryPeriod: Duration = .seconds(5), releaseOnCancel: Bool = true
    ) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnCancel = releaseOnCancel
    }

    /// The Lease name Flux derives (flux-spec RT-05): `<controller>-leader-election`, or with a
    /// watch label selector `<controller>-leader-election-<first 8 hex digits of sha256(selector)>`
    /// so that each shard elects its own leader.
    public static func leaseName(controller: String, watchLabelSelector: String?) -> String {
        guard let selector = watchLabelSelector, !selector.isEmpty else { return "\(controller)-leader-election" }
        let digest = SHA256.hash(data: Array(selector.utf8))
        let hex = digest.prefix(4).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        return "\(controller)-leader-election-\(hex)"
    }
}

/// Leadership was lost: the Lease could not be renewed within the renew deadline, or another
/// candidate holds it.
public struct LeaderElectionLost: Error, Hashable, Sendable, CustomStringConvertible {
    /// The Lease.
    public var leaseName: String
    /// This candidate.
    public var identity: String

    public var description: String {
        "Leadership of Lease \(leaseName) was lost by \(identity): it could not be renewed within the renew deadline."
    }
}
