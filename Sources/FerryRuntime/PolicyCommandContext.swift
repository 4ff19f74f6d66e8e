public import FerryCore
import FerryGit
import FerryReconciler
import FerryRegistry
import FerryServer
import FerryStandalone
import FerryStore
import FerryWorkspace
import Foundation
import Logging

/// Where a policy's quarantine lives and how a change to it reaches the reconciler: the state file in standalone mode
/// (with a reconcile request a running `ferry run` picks up), the `ferry.dev/quarantined-tags` annotation in a cluster
/// (written by merge patch with `reconcile.fluxcd.io/requestedAt`).
public protocol PolicyQuarantineKeeper: Sendable {
    /// The quarantine the policy honours now.
    func entries(for policy: ImagePolicy) async throws -> [QuarantinedTag]
    /// Puts `entry` in the quarantine (replacing an entry for the same tag), asks for a reconcile of the policy, and
    /// returns the whole quarantine.
    func add(_ entry: QuarantinedTag, to policy: ImagePolicy, at time: Timestamp) async throws -> [QuarantinedTag]
}

/// What `ferry rollback` and `ferry explain policy` work on, in standalone mode or against a cluster: the objects and
/// Secrets, a status sink, the state store (tags, first-seen times), the quarantine, and the environment the reconcilers'
/// Git job builder needs. ``standalone(manifests:secrets:state:createState:now:)`` makes the standalone one; the
/// command line makes the cluster one from its Kubernetes object source.
public struct PolicyCommandContext: Sendable {
    /// The objects and Secrets.
    public var objects: any ObjectSource
    /// Where status goes.
    public var status: any ObjectStatusSink
    /// Tags, first-seen times.
    public var store: any StateStore
    /// The quarantine.
    public var quarantine: any PolicyQuarantineKeeper
    /// Where the objects come from, for messages: `in --manifests ./clusters/staging`, `in the cluster at https://…`.
    public var location: String
    /// Whether the repository's `status.lastScanResult.latestTags` stand in for the store's tags when it has none (a
    /// cluster, whose controller keeps its tags in its own state).
    public var tagsFromStatus: Bool
    /// Whether a rollback points the policy's status back at the earlier tag itself (a status merge patch in a cluster),
    /// so no automation run writes the rolled-back tag again before the policy's next reconcile.
    public var pointsStatusBack: Bool
    /// The clock.
    public var now: @Sendable () -> Timestamp

    /// Creates a context.
    public init(
        objects: any ObjectSource, status: any ObjectStatusSink, store: any StateStore, quarantine: any PolicyQuarantineKeeper, location: String,
        tagsFromStatus: Bool = false, pointsStatusBack: Bool = true, now: @escaping @Sendable () -> Timestamp
    ) {
        self.pointsStatusBack = pointsStatusBack
        self.objects = objects
        self.status = status
        self.store = store
        self.quarantine = quarantine
        self.location = location
        self.tagsFromStatus = tagsFromStatus
        self.now = now
    }

    /// The standalone context: the folder of manifests (and Secrets) and the SQLite state file. Without `createState` a
    /// missing state file is an empty in-memory store (`ferry explain` on a folder never scanned).
    public static func standalone(
        manifests: String, secrets: String?, state: String, createState: Bool, now: @escaping @Sendable () -> Timestamp
    ) throws -> PolicyCommandContext {
        let store = createState || FileManager.default.fileExists(atPath: state) ? try SQLiteStateStore(path: state) : try SQLiteStateStore()
        let source = FolderObjectSource(
            configuration: .init(manifests: manifests, secrets: secrets), store: store,
            logger: Logger(label: "ferry.policy", factory: { _ in SwiftLogNoOpLogHandler() }))
        return PolicyCommandContext(
            objects: source, status: source, store: store, quarantine: StoreQuarantineKeeper(store: store), location: "in --manifests \(manifests)",
            now: now)
    }

    /// The environment for ``ImageUpdateAutomationReconciler/gitJob(for:_:)``: nothing is scanned or notified.
    var environment: ReconcilerEnvironment {
        ReconcilerEnvironment(
            objects: objects, status: status, store: store, registry: UnusedRegistry(), registryAccess: SecretRegistryAccessResolver(),
            git: GitCommandLineWorkspace(), manifests: WorkspaceTreeUpdater(), notifications: DiscardingEventRecorder(), now: now)
    }

    /// The policy, or the error naming it and where it was looked for.
    func policy(namespace: String, name: String) async throws -> ImagePolicy {
        guard let policy = try await objects.get(ImagePolicy.self, ObjectKey(namespace: namespace, name: name)) else {
            throw RollbackError("no ImagePolicy \(namespace)/\(name) \(location)", kind: .invalidInput)
        }
        return policy
    }

    /// The automations in the policy's namespace that select it, by name.
    func automations(selecting policy: ImagePolicy) async throws -> [ImageUpdateAutomation] {
        try await objects.list(ImageUpdateAutomation.self, namespace: policy.metadata.namespace, selector: nil)
            .filter { $0.spec.policySelector?.matches(policy.metadata.labels) ?? true }
            .sorted { $0.metadata.name < $1.metadata.name }
    }
}

/// The state file's quarantine (standalone mode), with the policy's annotation honoured as the reconciler does.
struct StoreQuarantineKeeper: PolicyQuarantineKeeper {
    let store: SQLiteStateStore

    func entries(for policy: ImagePolicy) async throws -> [QuarantinedTag] {
        try policy.quarantine(stored: try await store.quarantinedTags(for: policy.id)).get()
    }

    func add(_ entry: QuarantinedTag, to policy: ImagePolicy, at time: Timestamp) async throws -> [QuarantinedTag] {
        try await store.quarantine(entry, for: policy.id)
        try await store.requestReconcile(policy.id, value: time.rfc3339Nano, at: time)
        return try await entries(for: policy)
    }
}
