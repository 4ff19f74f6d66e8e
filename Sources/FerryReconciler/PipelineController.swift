public import FerryCore

/// The pipeline's work loop: it watches the three image kinds through the ``ObjectSource``,
/// keeps the latest version of each object, and runs the reconcilers as the ``WorkSchedule``
/// says, at most a few at a time. A scan whose tags changed runs the policies of its repository
/// at once, and a policy whose latest image changed runs the automations of its namespace, so a
/// pushed image reaches Git without waiting for intervals.
///
/// ```swift
/// let controller = PipelineController(environment: env)
/// try await controller.run()            // until cancelled (a Service's run)
/// let summary = await controller.runOnce()  // `ferry run --once`
/// ```
public actor PipelineController: PipelineControl {
    /// How the controller runs.
    public struct Configuration: Sendable {
        /// Reconciles at once, per kind (Flux's `--concurrent`).
        public var concurrent = 4
        /// Scans at once per registry host.
        public var perRegistry = 2
        /// The Receivers to serve, with their tokens (supplied by the object source's owner).
        public var receivers: @Sendable () async -> [ReceiverEndpoint] = { [] }
        /// Records a reconcile request as Flux's `reconcile.fluxcd.io/requestedAt` annotation
        /// where the objects live (the API server), besides the controller's own view.
        public var annotate: @Sendable (ObjectID, String) async throws -> Void = { _, _ in }
        /// The labels of a namespace, for ImagePolicy `accessFrom` across namespaces.
        public var namespaceLabels: @Sendable (String) async -> [String: String] = { _ in [:] }
        /// Called after every reconcile (tests, logs).
        public var onReconcile: @Sendable (ObjectID, WorkSchedule.Outcome, String?) async -> Void = { _, _, _ in }

        /// The defaults.
        public init() {}
    }

    private let env: ReconcilerEnvironment
    private let configuration: Configuration
    private var repositories: [ObjectKey: ImageRepository] = [:]
    private var policies: [ObjectKey: ImagePolicy] = [:]
    private var automations: [ObjectKey: ImageUpdateAutomation] = [:]
    private var schedule: WorkSchedule
    private var syncedKinds: Set<String> = []
    private var deleted: [ObjectID] = []
    /// Automations waiting for their batch window to end, with its end.
    private var batches: [ObjectID: Timestamp] = [:]
    private let wake = WakeSignal()

    /// A controller over `environment`.
    public init(environment: ReconcilerEnvironment, configuration: Configuration = Configuration()) {
        self.env = environment
        self.configuration = configuration
        self.schedule = WorkSchedule(limits: .init(perKind: configuration.concurrent, perGroup: configuration.perRegistry))
    }

    // MARK: Running

    /// Watches and reconciles until the task is cancelled. Reconciles in progress when it is
    /// cancelled see the cancellation (Git work is abandoned cleanly by the Git adapter) and are
    /// awaited before this returns.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await self.watch(ImageRepository.self) }
            group.addTask { try await self.watch(ImagePolicy.self) }
            group.addTask { try await self.watch(ImageUpdateAutomation.self) }
            while !Task.isCancelled {
                for id in self.takeDeleted() {
                    let store = env.store
                    group.addTask { try? await store.deleteObject(id) }
                }
                let now = env.now()
                for id in self.startDue(now: now) {
                    group.addTask { await self.reconcileAndFinish(id) }
                }
                // What is due now and did not start waits for a run to finish, which signals `wake`.
                let timeout = schedule.nextDue(after: now).map { due in max(.zero, (due - env.now()).duration) }
                await wake.wait(timeout: timeout)
            }
            group.cancelAll()
        }
    }

    /// What ``runOnce()`` did.
    public struct OnceSummary: Sendable {
        /// Each object and whether it ended Ready, in the order reconciled.
        public var results: [(id: ObjectID, ready: Bool, message: String)]
        /// Whether every object ended Ready.
        public var allReady: Bool { results.allSatisfy(\.ready) }
    }

    /// Reconciles every object once, now, regardless of intervals, in dependency order
    /// (repositories, then policies, then automations), as `flux reconcile` would; scans ignore
    /// their interval (as a requested reconcile).
    public func runOnce() async throws -> OnceSummary {
        let requested = env.now().rfc3339Nano
        for repository in try await env.objects.listReconciled(ImageRepository.self) {
            var marked = repository
            marked.metadata.annotations[ObjectMeta.requestedAtAnnotation] = requested
            repositories[ObjectKey(namespace: repository.metadata.namespace, name: repository.metadata.name)] = marked
        }
        for policy in try await env.objects.listReconciled(ImagePolicy.self) {
            policies[ObjectKey(namespace: policy.metadata.namespace, name: policy.metadata.name)] = policy
        }
        for automation in try await env.objects.listReconciled(ImageUpdateAutomation.self) {
            automations[ObjectKey(namespace: automation.metadata.namespace, name: automation.metadata.name)] = automation
        }
        syncedKinds = [ImageRepository.kind, ImagePolicy.kind, ImageUpdateAutomation.kind]
        var results: [(ObjectID, Bool, String)] = []
        // Promotions run after the other automations, so they read what those just pushed.
        let promotes = { (automation: ImageUpdateAutomation) in automation.metadata.annotations[PromotionAnnotations.promoteFrom] != nil }
        for phase in 0..<4 {
            let ids: [ObjectID]
            switch phase {
            case 0: ids = repositories.values.map(\.id).sorted()
            case 1: ids = policies.values.map(\.id).sorted()
            case 2: ids = automations.values.filter { !promotes($0) }.map(\.id).sorted()
            default: ids = automations.values.filter(promotes).map(\.id).sorted()
            }
            let limit = max(1, configuration.concurrent)
            var finished: [(ObjectID, Bool, String)] = []
            await withTaskGroup(of: (ObjectID, Bool, String).self) { group in
                var pending = ids[...]
                var running = 0
                while running < limit, let id = pending.popFirst() {
                    group.addTask { await self.reconcileForSummary(id) }
                    running += 1
                }
                while let done = await group.next() {
                    finished.append(done)
                    if let id = pending.popFirst() { group.addTask { await self.reconcileForSummary(id) } }
                }
            }
            results += finished.sorted { $0.0 < $1.0 }
        }
        return OnceSummary(results: results.map { (id: $0.0, ready: $0.1, message: $0.2) })
    }

    private func reconcileForSummary(_ id: ObjectID) async -> (ObjectID, Bool, String) {
        _ = await reconcile(id)
        let state = snapshotEntry(id)
        return (id, state?.ready == .true || state?.suspended == true, state?.message ?? "not found")
    }

    // MARK: Watching

    private func watch<Object: APIObject>(_ type: Object.Type) async throws {
        var attempt = 0
        while !Task.isCancelled {
            do {
                for try await change in env.objects.changes(of: type) {
                    attempt = 0
                    apply(change)
                }
                return
            } catch is CancellationError {
                return
            } catch {
                attempt += 1
                try await Task.sleep(for: .milliseconds(min(30_000, 500 * (1 << min(attempt, 6)))))
            }
        }
    }

    private func apply<Object: APIObject>(_ change: ObjectChange<Object>) {
        switch change {
        case .added(let object), .modified(let object):
            let key = ObjectKey(namespace: object.metadata.namespace, name: object.metadata.name)
            let previous = cached(Object.self, key)
            store(object, key)
            if needsReconcile(object, previous: previous) {
                schedule.trigger(object.id, group: registryGroup(object), now: env.now())
                wake.signal()
            }
        case .deleted(let object):
            let key = ObjectKey(namespace: object.metadata.namespace, name: object.metadata.name)
            remove(Object.self, key)
            schedule.remove(object.id)
            deleted.append(object.id)
            wake.signal()
        case .synced:
            syncedKinds.insert(Object.resource.kind)
        }
    }

    /// Flux's predicates (C-04): a new object, a new generation, a new `requestedAt` value, or
    /// a resume.
    private func needsReconcile<Object: APIObject>(_ object: Object, previous: Object?) -> Bool {
        guard let previous else { return true }
        if object.metadata.generation != previous.metadata.generation { return true }
        if object.metadata.reconcileRequestedAt != previous.metadata.reconcileRequestedAt,
            object.metadata.reconcileRequestedAt != object.status.lastHandledReconcileAt
        {
            return true
        }
        if object.metadata.isBeingDeleted && !previous.metadata.isBeingDeleted { return true }
        return false
    }

    private func registryGroup<Object: APIObject>(_ object: Object) -> String? {
        guard let repository = object as? ImageRepository else { return nil }
        return (try? ImageRepositoryName(parsing: repository.spec.image))?.registry.description
    }

    // MARK: Reconciling

    private func takeDeleted() -> [ObjectID] {
        defer { deleted.removeAll() }
        return deleted
    }

    private func startDue(now: Timestamp) -> [ObjectID] {
        var started: [ObjectID] = []
        while let id = schedule.start(now: now) { started.append(id) }
        return started
    }

    private func reconcileAndFinish(_ id: ObjectID) async {
        let (outcome, error) = await reconcile(id)
        schedule.finish(id, outcome, now: env.now(), jitter: Self.jitter(for: id))
        await configuration.onReconcile(id, outcome, error)
        wake.signal()
    }

    /// Runs the reconciler for `id` on its latest version and triggers what depends on it.
    private func reconcile(_ id: ObjectID) async -> (WorkSchedule.Outcome, String?) {
        let key = ObjectKey(namespace: id.namespace, name: id.name)
        switch id.kind {
        case ImageRepository.kind:
            guard let repository = repositories[key] else { return (.stalled, nil) }
            let report = await ImageRepositoryReconciler.reconcile(repository, env)
            if let written = report.object {
                let latest = merge(written, into: repositories[key])
                repositories[key] = latest
                if written.status.lastScanResult?.revision != repository.status.lastScanResult?.revision, written.status.lastScanResult != nil {
                    for policy in policies.values where policy.repositoryKey == written.id { schedule.trigger(policy.id, now: env.now()) }
                }
            }
            return (report.outcome, report.error)
        case ImagePolicy.kind:
            guard let policy = policies[key] else { return (.stalled, nil) }
            let labels = configuration.namespaceLabels
            let report = await ImagePolicyReconciler.reconcile(policy, env, namespaceLabels: labels)
            if let written = report.object {
                policies[key] = merge(written, into: policies[key])
                if let latest = written.status.latestRef, latest != policy.status.latestRef {
                    for automation in automations.values where automation.metadata.namespace == written.metadata.namespace {
                        triggerDependent(automation)
                    }
                }
            }
            return (report.outcome, report.error)
        case ImageUpdateAutomation.kind:
            guard let automation = automations[key] else { return (.stalled, nil) }
            batches[id] = nil
            let report = await ImageUpdateAutomationReconciler.reconcile(automation, env)
            if let written = report.object {
                automations[key] = merge(written, into: automations[key])
                // A push may change what a promotion of the same namespace reads: run those again.
                if written.status.lastPushCommit != automation.status.lastPushCommit, written.status.lastPushCommit != nil {
                    for other in automations.values
                    where other.id != written.id && other.metadata.namespace == written.metadata.namespace
                        && other.metadata.annotations[PromotionAnnotations.promoteFrom] != nil
                    {
                        triggerDependent(other)
                    }
                }
            }
            return (report.outcome, report.error)
        default:
            return (.stalled, nil)
        }
    }

    /// Runs `automation` after a policy it may use changed (or, for a promotion, after another automation pushed): at once, or, with `ferry.dev/batch-window`, when the window
    /// that the first change of a batch opened has passed, so the changes arriving meanwhile go into the same commit.
    private func triggerDependent(_ automation: ImageUpdateAutomation) {
        let now = env.now()
        guard let window = (try? PromotionAnnotations.batchWindow(automation.metadata.annotations)) ?? nil else {
            schedule.trigger(automation.id, now: now)
            return
        }
        if batches[automation.id] != nil { return }
        let due = now + window
        batches[automation.id] = due
        schedule.trigger(automation.id, at: due)
    }

    /// The reconciled status on top of the newest version of the object, which may have
    /// changed while the reconcile ran (the next run picks that change up).
    private func merge<Object: APIObject>(_ written: Object, into current: Object?) -> Object {
        guard var current else { return written }
        current.status = written.status
        current.metadata.finalizers = written.metadata.finalizers
        if let version = written.metadata.resourceVersion, current.metadata.generation == written.metadata.generation {
            current.metadata.resourceVersion = version
        }
        return current
    }

    private static func jitter(for id: ObjectID) -> Double {
        var hasher = Hasher()
        hasher.combine(id)
        return Double(hasher.finalize() % 2001) / 1000 - 1
    }

    // MARK: Caches

    private func cached<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) -> Object? {
        switch Object.resource.kind {
        case ImageRepository.kind: return repositories[key] as? Object
        case ImagePolicy.kind: return policies[key] as? Object
        case ImageUpdateAutomation.kind: return automations[key] as? Object
        default: return nil
        }
    }

    private func store<Object: APIObject>(_ object: Object, _ key: ObjectKey) {
        if let repository = object as? ImageRepository { repositories[key] = repository }
        if let policy = object as? ImagePolicy { policies[key] = policy }
        if let automation = object as? ImageUpdateAutomation { automations[key] = automation }
    }

    private func remove<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) {
        switch Object.resource.kind {
        case ImageRepository.kind: repositories[key] = nil
        case ImagePolicy.kind: policies[key] = nil
        case ImageUpdateAutomation.kind: automations[key] = nil
        default: break
        }
    }

    // MARK: PipelineControl

    public func receiverEndpoints() async -> [ReceiverEndpoint] {
        await configuration.receivers()
    }

    public func requestReconcile(of resources: [EventSourceReference], in namespace: String, requestedAt: Timestamp) async throws -> Int {
        let value = requestedAt.rfc3339Nano
        var targets: [ObjectID] = []
        var failure: RequestError?
        for resource in resources {
            let resourceNamespace = resource.namespace.isEmpty ? namespace : resource.namespace
            let matches = { (id: ObjectID, labels: [String: String]) -> Bool in
                guard id.namespace == resourceNamespace else { return false }
                if resource.name == "*" { return (resource.matchLabels ?? [:]).allSatisfy { labels[$0.key] == $0.value } }
                return id.name == resource.name
            }
            // Flux logs this one, goes on with the other resources, and answers 500 at the end.
            if resource.name == "*" && resource.matchLabels == nil {
                failure = failure ?? RequestError(description: "matchLabels field not set when using wildcard '*' as name")
                continue
            }
            switch resource.kind {
            case ImageRepository.kind:
                for (key, repository) in repositories where matches(repository.id, repository.metadata.labels) {
                    repositories[key]?.metadata.annotations[ObjectMeta.requestedAtAnnotation] = value
                    targets.append(repository.id)
                }
            case ImagePolicy.kind:
                for (key, policy) in policies where matches(policy.id, policy.metadata.labels) {
                    policies[key]?.metadata.annotations[ObjectMeta.requestedAtAnnotation] = value
                    targets.append(policy.id)
                }
            case ImageUpdateAutomation.kind:
                for (key, automation) in automations where matches(automation.id, automation.metadata.labels) {
                    automations[key]?.metadata.annotations[ObjectMeta.requestedAtAnnotation] = value
                    targets.append(automation.id)
                }
            default:
                continue
            }
        }
        for id in targets {
            try await configuration.annotate(id, value)
            schedule.trigger(id, now: env.now())
        }
        wake.signal()
        if let failure { throw failure }
        return targets.count
    }

    /// A reference a Receiver cannot resolve.
    public struct RequestError: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    public func snapshot() async -> PipelineSnapshot {
        let ids = repositories.values.map(\.id) + policies.values.map(\.id) + automations.values.map(\.id)
        return PipelineSnapshot(objects: ids.sorted().compactMap(snapshotEntry))
    }

    private func snapshotEntry(_ id: ObjectID) -> ObjectSnapshot? {
        let key = ObjectKey(namespace: id.namespace, name: id.name)
        func base(_ conditions: [Condition], suspended: Bool?) -> ObjectSnapshot {
            let ready = conditions.condition(Condition.ready)
            return ObjectSnapshot(
                id: id, ready: ready?.status ?? .unknown, reason: ready?.reason ?? "", message: ready?.message ?? "waiting to be reconciled",
                suspended: suspended ?? false)
        }
        switch id.kind {
        case ImageRepository.kind:
            guard let repository = repositories[key] else { return nil }
            var entry = base(repository.status.conditions, suspended: repository.spec.suspend)
            entry.lastScan = repository.status.lastScanResult?.scanTime.flatMap(Timestamp.init(rfc3339:))
            return entry
        case ImagePolicy.kind:
            guard let policy = policies[key] else { return nil }
            var entry = base(policy.status.conditions, suspended: policy.spec.suspend)
            entry.latestImage = policy.status.latestRef?.description
            return entry
        case ImageUpdateAutomation.kind:
            guard let automation = automations[key] else { return nil }
            var entry = base(automation.status.conditions, suspended: automation.spec.suspend)
            if let commit = automation.status.lastPushCommit, let time = automation.status.lastPushTime.flatMap(Timestamp.init(rfc3339:)) {
                entry.lastPush = (commit, time)
            }
            return entry
        default:
            return nil
        }
    }

    public func isReady() async -> Bool {
        syncedKinds.isSuperset(of: [ImageRepository.kind, ImagePolicy.kind, ImageUpdateAutomation.kind])
    }
}
