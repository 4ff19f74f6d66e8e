/// What the HTTP server (receivers, health, status page) asks of the running pipeline. The
/// reconciler's controller implements it; the server knows nothing else about the pipeline.
public protocol PipelineControl: Sendable {
    /// The Receivers the pipeline knows, each with the webhook path its token gives.
    func receiverEndpoints() async -> [ReceiverEndpoint]

    /// Asks for an immediate reconcile of the objects `resources` name, as Flux's receiver does
    /// by setting `reconcile.fluxcd.io/requestedAt` (N-34).
    ///
    /// - Parameters:
    ///   - resources: A Receiver's `spec.resources`.
    ///   - namespace: The Receiver's namespace, for references without one.
    ///   - requestedAt: The value to record as the request.
    /// - Returns: How many objects were asked to reconcile.
    /// - Throws: When a reference cannot be resolved (`name: '*'` without `matchLabels`).
    func requestReconcile(of resources: [EventSourceReference], in namespace: String, requestedAt: Timestamp) async throws -> Int

    /// Every object's state, for the status page.
    func snapshot() async -> PipelineSnapshot

    /// Whether the pipeline has loaded its objects at least once (for `/readyz`).
    func isReady() async -> Bool
}

/// A Receiver as the server serves it.
public struct ReceiverEndpoint: Sendable, Hashable {
    /// The Receiver.
    public var receiver: Receiver
    /// `/hook/<sha256 of token, name and namespace>`; empty when the token is missing.
    public var path: String
    /// The Secret's `token`; `nil` when the Secret or the key is missing (Flux: `TokenNotFound`).
    public var token: String?
    /// The Secret's `email`: for type `gcr`, the service account the Pub/Sub push token must name.
    public var email: String?
    /// The Secret's `audience`: for type `gcr`, the audience the Pub/Sub push token must carry.
    public var audience: String?

    /// Creates an endpoint.
    public init(receiver: Receiver, path: String, token: String?, email: String? = nil, audience: String? = nil) {
        self.receiver = receiver
        self.path = path
        self.token = token
        self.email = email
        self.audience = audience
    }
}

/// The pipeline's objects at one moment.
public struct PipelineSnapshot: Sendable, Hashable {
    /// One entry per object, sorted by kind, namespace and name.
    public var objects: [ObjectSnapshot]

    /// Creates a snapshot.
    public init(objects: [ObjectSnapshot]) {
        self.objects = objects
    }
}

/// One object's state for the status page and `ferry get`.
public struct ObjectSnapshot: Sendable, Hashable {
    /// The object.
    public var id: ObjectID
    /// `Ready`'s status (Unknown when there is none yet).
    public var ready: Condition.Status
    /// `Ready`'s reason.
    public var reason: String
    /// `Ready`'s message.
    public var message: String
    /// Whether `spec.suspend` is set.
    public var suspended: Bool
    /// For a policy: `latestRef` as `name:tag[@digest]`.
    public var latestImage: String?
    /// For a repository: `lastScanResult.scanTime`.
    public var lastScan: Timestamp?
    /// For an automation: `lastPushCommit` and `lastPushTime`.
    public var lastPush: (commit: String, time: Timestamp)?

    /// Creates a snapshot.
    public init(
        id: ObjectID, ready: Condition.Status, reason: String, message: String, suspended: Bool, latestImage: String? = nil, lastScan: Timestamp? = nil,
        lastPush: (commit: String, time: Timestamp)? = nil
    ) {
        self.id = id
        self.ready = ready
        self.reason = reason
        self.message = message
        self.suspended = suspended
        self.latestImage = latestImage
        self.lastScan = lastScan
        self.lastPush = lastPush
    }

    public static func == (lhs: ObjectSnapshot, rhs: ObjectSnapshot) -> Bool {
        lhs.id == rhs.id && lhs.ready == rhs.ready && lhs.reason == rhs.reason && lhs.message == rhs.message && lhs.suspended == rhs.suspended
            && lhs.latestImage == rhs.latestImage && lhs.lastScan == rhs.lastScan && lhs.lastPush?.commit == rhs.lastPush?.commit
            && lhs.lastPush?.time == rhs.lastPush?.time
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(message)
    }
}

/// Where reconcilers report their timings: Flux's `gotk_reconcile_duration_seconds` and
/// controller-runtime's `controller_runtime_reconcile_total` (RT-08). The server exposes them.
public protocol ReconcileMetrics: Sendable {
    /// Records one reconcile of `id` that took `duration` and ended with `result`.
    func recordReconcile(_ id: ObjectID, duration: Duration, result: ReconcileMetricResult)
}

/// How a reconcile ended, as controller-runtime labels it.
public enum ReconcileMetricResult: String, Sendable, Hashable {
    case success
    case error
    case requeue
    case requeueAfter = "requeue_after"
}

/// Metrics that go nowhere.
public struct DiscardingReconcileMetrics: ReconcileMetrics {
    /// Creates the sink.
    public init() {}

    public func recordReconcile(_ id: ObjectID, duration: Duration, result: ReconcileMetricResult) {}
}
