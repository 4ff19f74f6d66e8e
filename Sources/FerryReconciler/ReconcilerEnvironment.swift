public import FerryCore

/// Everything the reconcilers use, as ports: they never name an adapter. The composition root
/// (`ferry run`, `ferry controller`) fills it with FerryRegistry, FerryGit, FerryStore and the
/// rest; tests fill it with in-memory versions.
public struct ReconcilerEnvironment: Sendable {
    /// Where objects come from.
    public var objects: any ObjectSource
    /// Where status and events go.
    public var status: any ObjectStatusSink
    /// Tags and state that must survive restarts.
    public var store: any StateStore
    /// The registries.
    public var registry: any RegistryClient
    /// Registry options from an ImageRepository's Secrets.
    public var registryAccess: any RegistryAccessResolver
    /// Git.
    public var git: any GitWorkspace
    /// Marker rewriting in a checkout.
    public var manifests: any ManifestTreeUpdater
    /// Notifications.
    public var notifications: any EventRecorder
    /// Reconcile timings.
    public var metrics: any ReconcileMetrics
    /// The current time.
    public var now: @Sendable () -> Timestamp
    /// Settings that Flux takes as controller flags.
    public var options: Options
    /// Opens and updates the pull requests of automations with `ferry.dev/pull-request: "true"`; `nil` for none
    /// (the automation then pushes as Flux does).
    public var pullRequests: (any ChangeRequestPublisher)?

    /// Flux's controller flags that the reconcilers honour.
    public struct Options: Sendable {
        /// `--requeue-dependency`: how soon a policy whose repository has no tags retries (30s).
        public var requeueDependency: GoDuration = .seconds(30)
        /// `--no-cross-namespace-refs`.
        public var noCrossNamespaceRefs = false
        /// Whether to add and honour Flux's finalizer (cluster mode).
        public var finalizers = false
        /// The name events and notifications report as their controller.
        public var reflectorController = "image-reflector-controller"
        /// The name for ImageUpdateAutomation events.
        public var automationController = "image-automation-controller"
        /// The template fields commit messages may use (Ferry's, with `.Updated`, by default).
        public var templateFields: CommitTemplateData.Fields = .ferry
        /// Whether a policy may move back to an older tag while its spec is unchanged (Flux: yes;
        /// Ferry: no, unless this is set).
        public var allowDowngrades = false
        /// The `reportingInstance` of notifications (the host name).
        public var instance = ""

        /// The defaults.
        public init() {}
    }

    /// Creates an environment.
    public init(
        objects: any ObjectSource, status: any ObjectStatusSink, store: any StateStore, registry: any RegistryClient,
        registryAccess: any RegistryAccessResolver, git: any GitWorkspace, manifests: any ManifestTreeUpdater, notifications: any EventRecorder,
        metrics: any ReconcileMetrics = DiscardingReconcileMetrics(), now: @escaping @Sendable () -> Timestamp, options: Options = Options(),
        pullRequests: (any ChangeRequestPublisher)? = nil
    ) {
        self.objects = objects
        self.status = status
        self.store = store
        self.registry = registry
        self.registryAccess = registryAccess
        self.git = git
        self.manifests = manifests
        self.notifications = notifications
        self.metrics = metrics
        self.now = now
        self.options = options
        self.pullRequests = pullRequests
    }
}

/// What one reconcile did: the object as written back, what the work queue should do next, and
/// the events to emit.
public struct ReconcileReport<Object: APIObject>: Sendable {
    /// The object after the reconcile (status written), or `nil` when it went away.
    public var object: Object?
    /// When to run again.
    public var outcome: WorkSchedule.Outcome
    /// The events of the reconcile, in order.
    public var events: [ReconcileEvent]
    /// The error Flux would return (retried with backoff), if any.
    public var error: String?

    /// Creates a report.
    public init(object: Object?, outcome: WorkSchedule.Outcome, events: [ReconcileEvent] = [], error: String? = nil) {
        self.object = object
        self.outcome = outcome
        self.events = events
        self.error = error
    }
}

extension ReconcilerEnvironment {
    /// Writes `object`'s status when it changed from `previous`.
    func write<Object: APIObject>(_ object: Object, previous: Object.Status) async throws -> Object {
        guard object.status != previous else { return object }
        return try await status.writeStatus(object, previous: previous)
    }

    /// Emits `event` about `object`: to the object's event stream, and for `Normal` and
    /// `Warning` to the notifications (C-07), with the object's `event.toolkit.fluxcd.io/`
    /// annotations as metadata.
    func emit<Object: APIObject>(_ event: ReconcileEvent, about object: Object, controller: String, metadata: [String: String] = [:]) async {
        let time = now()
        let type: ObjectEventType
        switch event.type {
        case .normal: type = .normal
        case .warning: type = .warning
        case .trace: type = .trace
        }
        let annotations = object.metadata.annotations.filter { $0.key.hasPrefix("event.toolkit.fluxcd.io/") }
        await status.record(
            ObjectEvent(regarding: object.reference, type: type, reason: event.reason, message: event.message, annotations: annotations, reportingController: controller, time: time))
        guard event.type != .trace else { return }
        var merged = metadata
        for (key, value) in annotations { merged[key] = value }
        notifications.record(
            FluxEvent(
                involvedObject: object.reference, severity: event.type == .warning ? .error : .info,
                timestamp: EventTimestamp(secondsSinceEpoch: time.secondsSinceEpoch), message: event.message, reason: event.reason, metadata: merged,
                reportingController: controller, reportingInstance: options.instance))
    }
}

extension APIObject {
    /// The object's identity for the work queue and the store.
    public var id: ObjectID { ObjectID(kind: Self.resource.kind, namespace: metadata.namespace, name: metadata.name) }

    /// The object's generation (1 for objects without one, as a new object's).
    var generation: Int64 { metadata.generation ?? 1 }
}
