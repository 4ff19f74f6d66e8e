public import FerryCore
public import FerryKubernetes
public import FerryNotify
public import FerryRegistry
import Foundation

extension ClusterRuntime {
    /// How `ferry controller` runs: where the cluster is, what to watch, and Flux's controller
    /// flags (flux-spec RT-01, RT-02, RT-05).
    public struct Configuration: Sendable {
        /// The API server and credentials (``ClusterConnection/resolve(kubeconfig:context:environment:)``).
        public var connection: ClusterConnection
        /// The namespace watched, or nil for every namespace (Flux's `--watch-all-namespaces`, the default).
        public var watchNamespace: String?
        /// `--watch-label-selector`: only ImageRepositories, ImagePolicies and ImageUpdateAutomations
        /// with these labels are reconciled (sharding); it also names the Lease.
        public var watchLabelSelector: String?
        /// `--concurrent`: reconciles at once, per kind (4).
        public var concurrent: Int
        /// Leader election, or nil to reconcile without it (`--leader-elect` off).
        public var leaderElection: LeaderElectionConfiguration?
        /// `--state` / `--storage-path`: the SQLite file keeping scanned tags across restarts (on a
        /// volume), or nil for an in-memory store.
        public var statePath: String?
        /// Where Git clones persist between runs, or nil to clone afresh every run.
        public var gitCacheDirectory: String?
        /// `--no-cross-namespace-refs`.
        public var noCrossNamespaceRefs: Bool
        /// Whether to add and honour Flux's finalizer `finalizers.fluxcd.io` (on, as Flux).
        public var finalizers: Bool
        /// The `reportingInstance` of Events and the host part of the leader identity (the pod name).
        public var instance: String
        /// The registry client's endpoints and limits.
        public var registry: RegistryClientConfiguration
        /// The deadline of one Kubernetes API request (not watches).
        public var requestTimeout: Duration
        /// The deadline of each attempt of the check made before starting (5 s): an API server
        /// that cannot be reached fails the start within twice this.
        public var connectionCheckTimeout: Duration
        /// The retry policy of Kubernetes API requests for 429, 5xx and transport errors.
        public var retry: RetryPolicy
        /// The field manager of status, finalizer and annotation writes.
        public var fieldManager: String
        /// Called after every reconcile with the object, its outcome and the error Flux would
        /// return (logs, tests).
        public var onReconcile: @Sendable (ObjectID, WorkSchedule.Outcome, String?) async -> Void
        /// Whether Alerts, Providers and Receivers are read from the cluster (on): the
        /// reconcilers' events go to the Alerts' Providers, the Receivers are served.
        public var notifications: Bool
        /// How often the notification objects and their Secrets are read again without a change
        /// being seen (60 s).
        public var notificationResync: Duration
        /// The notification dispatcher's queue, workers, retries and rate limit.
        public var dispatcher: DispatcherOptions
        /// The current time.
        public var now: @Sendable () -> Timestamp
        /// Where reconcile timings go (the HTTP server's Prometheus registry).
        public var metrics: any ReconcileMetrics = DiscardingReconcileMetrics()

        /// A configuration with Flux's defaults: every namespace, four reconciles at once, no
        /// leader election, an in-memory state store, finalizers on.
        public init(connection: ClusterConnection) {
            self.connection = connection
            watchNamespace = nil
            watchLabelSelector = nil
            concurrent = 4
            leaderElection = nil
            statePath = nil
            gitCacheDirectory = nil
            noCrossNamespaceRefs = false
            finalizers = true
            instance = ClusterRuntime.hostName()
            registry = RegistryClientConfiguration()
            requestTimeout = .seconds(30)
            connectionCheckTimeout = .seconds(5)
            retry = .standard
            fieldManager = ClusterRuntime.controllerName
            onReconcile = { _, _, _ in }
            notifications = true
            notificationResync = .seconds(60)
            dispatcher = DispatcherOptions()
            now = { ClusterRuntime.wallClock() }
        }

        /// Turns leader election on with Flux's timings (lease 35 s, renew deadline 30 s, retry
        /// 5 s, release on cancel) and the Lease name Flux derives from the controller name and
        /// the watch label selector (RT-05): `ferry-controller-leader-election`, or
        /// `ferry-controller-leader-election-<8 hex digits>` for a shard.
        ///
        /// - Parameter namespace: the Lease's namespace: the controller's own (`RUNTIME_NAMESPACE`).
        public mutating func electLeader(inNamespace namespace: String) {
            leaderElection = LeaderElectionConfiguration(
                leaseName: LeaderElectionConfiguration.leaseName(controller: ClusterRuntime.controllerName, watchLabelSelector: watchLabelSelector),
                namespace: namespace, identity: "\(instance)_\(UUID().uuidString.lowercased())")
        }
    }

    /// The controller name: the field manager, and the stem of the Lease name.
    public static let controllerName = "ferry-controller"

    /// The host name (the pod name in a cluster), as Flux's recorders report it.
    static func hostName() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["POD_NAME"] ?? environment["HOSTNAME"], !name.isEmpty { return name }
        return ProcessInfo.processInfo.hostName
    }

    /// The wall clock.
    static func wallClock() -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1_000_000_000).rounded()))
    }
}
