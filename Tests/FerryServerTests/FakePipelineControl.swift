import FerryCore

/// A `PipelineControl` the tests set up: its Receivers, objects and readiness, and what it was asked.
actor FakePipelineControl: PipelineControl {
    /// One `requestReconcile` call.
    struct ReconcileRequest: Sendable, Equatable {
        var resources: [EventSourceReference]
        var namespace: String
        var requestedAt: Timestamp
    }

    /// The error `requestReconcile` throws when ``failReconcile`` is set.
    struct ReconcileFailure: Error, CustomStringConvertible {
        var description: String { "ImagePolicy 'flux-system/*' needs matchLabels" }
    }

    private(set) var endpoints: [ReceiverEndpoint]
    private(set) var requests: [ReconcileRequest] = []
    var objects: [ObjectSnapshot]
    var ready: Bool
    var failReconcile = false
    /// `requestReconcile` waits until cancelled (for the request timeout).
    var hangReconcile = false
    /// When set, `requestReconcile` opens ``reconcileEntered`` and waits for this latch.
    var reconcileGate: Latch?
    /// Opened when a gated `requestReconcile` has started.
    let reconcileEntered = Latch()

    init(endpoints: [ReceiverEndpoint] = [], objects: [ObjectSnapshot] = [], ready: Bool = true) {
        self.endpoints = endpoints
        self.objects = objects
        self.ready = ready
    }

    func set(ready: Bool) { self.ready = ready }
    func set(failReconcile: Bool) { self.failReconcile = failReconcile }
    func set(hangReconcile: Bool) { self.hangReconcile = hangReconcile }
    func set(reconcileGate: Latch?) { self.reconcileGate = reconcileGate }

    func receiverEndpoints() async -> [ReceiverEndpoint] { endpoints }

    func requestReconcile(of resources: [EventSourceReference], in namespace: String, requestedAt: Timestamp) async throws -> Int {
        if hangReconcile { try await Task.sleep(for: .seconds(3600)) }
        if let reconcileGate {
            await reconcileEntered.open()
            await reconcileGate.wait()
        }
        if failReconcile { throw ReconcileFailure() }
        requests.append(ReconcileRequest(resources: resources, namespace: namespace, requestedAt: requestedAt))
        return resources.count
    }

    func snapshot() async -> PipelineSnapshot { PipelineSnapshot(objects: objects) }

    func isReady() async -> Bool { ready }
}

/// A one-shot signal: ``wait()`` returns once ``open()`` has been called.
actor Latch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}
