public import FerryCore
public import Logging
public import ServiceLifecycle
import Synchronization

/// Delivers Flux events to Alerts' Providers without ever blocking the reconcilers that record them.
///
/// - ``record(_:)`` (the ``EventRecorder`` port) returns at once: it applies Flux's duplicate-event rate limit
///   (windows measured on the injected `clock`) and the event joins a bounded queue (by default the oldest waiting
///   event is dropped when it is full, and counted).
/// - ``run()`` (a `Service`) runs a fixed set of workers in a task group. Each takes an event, routes it to
///   matching Alerts, builds each Provider's requests and sends them, retrying with capped exponential backoff on
///   the injected `clock` (so tests do not sleep).
/// - ``status()`` returns counts and per-provider outcomes for the status and metrics code; error texts are
///   redacted of every secret the provider's settings hold.
///
/// It stops on graceful shutdown or cancellation: workers finish the request in hand, queued events are counted
/// as dropped.
public final class NotificationDispatcher<C: Clock>: EventRecorder, Service where C.Duration == Duration {
    private struct Shared {
        var router: NotificationRouter
        var configuration: NotificationConfiguration
        var limiter: EventRateLimiter
        var status = NotificationStatus()
    }

    private let options: DispatcherOptions
    private let transport: any NotificationTransport
    private let clock: C
    private let origin: C.Instant
    private let logger: Logger
    private let queue: EventQueue
    private let shared: Mutex<Shared>
    private let inFlight = Atomic<Int>(0)

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - configuration: Alerts, Providers, Secrets and labels.
    ///   - options: Queue, workers, retries, rate limit.
    ///   - transport: Sends requests (``AsyncHTTPClientTransport`` in production).
    ///   - clock: Measures rate-limit windows and paces retries.
    ///   - logger: Receives one line per delivery outcome, with `notification.*` metadata and no secrets.
    public init(
        configuration: NotificationConfiguration, options: DispatcherOptions = DispatcherOptions(), transport: any NotificationTransport,
        clock: C, logger: Logger
    ) {
        self.options = options
        self.transport = transport
        self.clock = clock
        origin = clock.now
        self.logger = logger
        queue = EventQueue(capacity: options.queueCapacity, overflow: options.overflow)
        let router = NotificationRouter(alerts: configuration.alerts, providers: configuration.providers,
                                        noCrossNamespaceRefs: options.noCrossNamespaceRefs)
        var initial = Shared(router: router, configuration: configuration, limiter: EventRateLimiter(interval: options.rateLimitInterval))
        initial.status.recentDiagnostics = Array(router.configurationDiagnostics.suffix(options.diagnosticsKept))
        shared = Mutex(initial)
    }

    /// Replaces the Alerts, Providers, Secrets and labels; events already being delivered keep the old ones.
    public func update(_ configuration: NotificationConfiguration) {
        let router = NotificationRouter(alerts: configuration.alerts, providers: configuration.providers,
                                        noCrossNamespaceRefs: options.noCrossNamespaceRefs)
        shared.withLock { shared in
            shared.router = router
            shared.configuration = configuration
            Self.remember(router.configurationDiagnostics, in: &shared.status, keep: options.diagnosticsKept)
        }
    }

    /// Records an event without waiting. As Flux's event server does on receipt, it cleans the metadata and
    /// applies the duplicate-event rate limit here, so duplicates never take room in the queue; the event then
    /// joins the queue, or is counted as dropped when the queue is full.
    public func record(_ event: FluxEvent) {
        if event.severity == .trace {
            shared.withLock {
                $0.status.received += 1
                $0.status.skippedTrace += 1
            }
            return
        }
        let cleaned = EventMetadataFilter.cleaned(event)
        let key = EventKey.of(cleaned)
        let elapsed = origin.duration(to: clock.now)
        let admitted = shared.withLock { shared -> Bool in
            shared.status.received += 1
            guard case .accepted = shared.limiter.admit(key: key, now: elapsed) else {
                shared.status.rateLimited += 1
                return false
            }
            return true
        }
        guard admitted else {
            logger.debug("duplicate event dropped by the rate limit", metadata: Self.eventMetadata(event))
            return
        }
        switch queue.push(cleaned) {
        case .accepted: break
        case .droppedOldest, .rejected: shared.withLock { $0.status.droppedQueueFull += 1 }
        }
    }

    /// The current counts and per-provider outcomes.
    public func status() -> NotificationStatus {
        let depth = queue.depth
        return shared.withLock { shared in
            var status = shared.status
            status.queueDepth = depth.current
            status.queueHighWater = depth.highWater
            return status
        }
    }

    /// Runs the workers until graceful shutdown or cancellation. At graceful shutdown the queue closes (what is
    /// still queued is dropped and counted) and deliveries in progress are cancelled, their retry waits included:
    /// a Provider that keeps failing cannot hold the process past SIGTERM for its whole backoff (up to 30 s).
    public func run() async throws {
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await withDiscardingTaskGroup { group in
                    for _ in 0..<self.options.workers {
                        group.addTask { await self.work() }
                    }
                }
            }
        } onGracefulShutdown: {
            self.stop()
        }
        stop()
    }

    /// Waits until every event recorded so far has been delivered (or has failed for good), or
    /// until `timeout` passes; for `ferry run --once`, which must not exit with notifications
    /// still queued. Returns whether the queue drained.
    @discardableResult
    public func drain(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        // Idle twice in a row: a worker that just took an event counts itself in flight a moment later.
        var idleChecks = 0
        while idleChecks < 2 {
            let idle = queue.depth.current == 0 && inFlight.load(ordering: .sequentiallyConsistent) == 0
            idleChecks = idle ? idleChecks + 1 : 0
            guard ContinuousClock.now < deadline else { return idle }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    private func stop() {
        let dropped = queue.close()
        if dropped > 0 { shared.withLock { $0.status.droppedAtShutdown += dropped } }
    }

    private func work() async {
        while let event = await queue.next() {
            inFlight.add(1, ordering: .sequentiallyConsistent)
            await handle(event)
            inFlight.subtract(1, ordering: .sequentiallyConsistent)
        }
    }

    /// Routes one event (already cleaned and admitted by ``record(_:)``) and delivers its notifications.
    func handle(_ cleaned: FluxEvent) async {
        let (router, configuration) = shared.withLock { ($0.router, $0.configuration) }
        let result = router.route(cleaned) { reference in
            configuration.objectLabels["\(reference.kind)/\(reference.namespace)/\(reference.name)"]
        }
        shared.withLock { shared in
            if result.routes.isEmpty { shared.status.unmatched += 1 }
            Self.remember(result.diagnostics, in: &shared.status, keep: options.diagnosticsKept)
        }
        for route in result.routes {
            await deliver(route, configuration: configuration)
        }
    }

    private static func remember(_ diagnostics: [NotificationDiagnostic], in status: inout NotificationStatus, keep: Int) {
        guard !diagnostics.isEmpty, keep > 0 else { return }
        status.recentDiagnostics += diagnostics
        if status.recentDiagnostics.count > keep { status.recentDiagnostics.removeFirst(status.recentDiagnostics.count - keep) }
    }

    static func eventMetadata(_ event: FluxEvent) -> Logger.Metadata {
        [
            "notification.event.kind": .string(event.involvedObject.kind), "notification.event.name": .string(event.involvedObject.name),
            "notification.event.namespace": .string(event.involvedObject.namespace), "notification.event.reason": .string(event.reason),
        ]
    }

    // MARK: - Delivery

    private func deliver(_ route: NotificationRouter.Route, configuration: NotificationConfiguration) async {
        let provider = route.provider
        let key = provider.metadata.qualifiedName
        var metadata = Self.eventMetadata(route.event)
        metadata["notification.alert"] = .string(route.alert.metadata.qualifiedName)
        metadata["notification.provider"] = .string(key)
        metadata["notification.provider.type"] = .string(provider.spec.type.rawValue)
        let settings: ProviderSettings
        let requests: [NotificationRequest]
        do {
            var resolved = try ProviderSettings.resolve(provider) { name in configuration.secrets[provider.metadata.namespace + "/" + name] }
            resolved.apiBaseOverride = configuration.apiBaseOverrides[provider.spec.type]
            settings = resolved
            requests = try ProviderPayloads.requests(for: route.event, settings: resolved, commitStatus: route.commitStatus)
        } catch {
            // Configuration and build errors name fields, never secret values.
            finish(route, key: key, type: provider.spec.type, error: "\(error)", metadata: metadata, attempts: 0)
            return
        }
        let transportSettings = TransportSettings(timeout: settings.timeout.duration, tls: settings.tls, proxy: settings.proxy)
        var attempts = 0
        for request in requests {
            let (failure, used) = await send(request, settings: transportSettings)
            attempts += used
            if let failure {
                finish(route, key: key, type: provider.spec.type, error: settings.redact(failure), metadata: metadata, attempts: attempts)
                return
            }
        }
        finish(route, key: key, type: provider.spec.type, error: nil, metadata: metadata, attempts: attempts)
    }

    /// Sends one request with retries; returns the final failure (nil on success) and the attempts made.
    private func send(_ request: NotificationRequest, settings: TransportSettings) async -> (String?, Int) {
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { return ("delivery cancelled at shutdown", attempt - 1) }
            let outcome: DeliveryRetryPolicy.Outcome
            let failure: String
            do {
                let response = try await transport.send(request, settings: settings)
                if (200..<300).contains(response.status) {
                    guard request.responseCheck == .slackAPI else { return (nil, attempt) }
                    if let problem = Self.slackAPIProblem(response.body) { return ("\(request): Slack responded with error: \(problem)", attempt) }
                    return (nil, attempt)
                }
                outcome = .status(response.status, retryAfterSeconds: response.retryAfterSeconds)
                let snippet = String(decoding: response.body.prefix(512), as: UTF8.self)
                failure = "\(request): request failed with status code \(response.status)" + (snippet.isEmpty ? "" : ": \(snippet)")
            } catch {
                switch error.kind {
                case .connection: outcome = .connectionFailed
                case .tls: outcome = .tlsFailed
                case .timeout: outcome = .timedOut
                case .configuration: return ("\(request): \(error.message)", attempt)
                }
                failure = "\(request): \(error.message)"
            }
            switch options.retry.decide(afterAttempt: attempt, outcome: outcome) {
            case .giveUp:
                return (failure, attempt)
            case .retry(let wait):
                do {
                    try await clock.sleep(for: wait)
                } catch {
                    return (failure, attempt)
                }
            }
        }
    }

    /// `nil` when a chat.postMessage body says `"ok": true`, else the `error` it gives.
    static func slackAPIProblem(_ body: [UInt8]) -> String? {
        let text = String(decoding: body, as: UTF8.self)
        let compact = text.filter { !$0.isWhitespace }
        if compact.contains("\"ok\":true") { return nil }
        if let range = compact.firstRange(of: "\"error\":\"") {
            let rest = compact[range.upperBound...]
            return String(rest.prefix { $0 != "\"" })
        }
        return "unable to unmarshal response body"
    }

    private func finish(
        _ route: NotificationRouter.Route, key: String, type: ProviderType, error: String?, metadata: Logger.Metadata, attempts: Int
    ) {
        shared.withLock { shared in
            var provider = shared.status.providers[key] ?? ProviderDeliveryStatus(type: type)
            provider.attempts += attempts
            provider.retries += max(0, attempts - 1)
            if let error {
                provider.failed += 1
                provider.failing = true
                provider.lastError = error
                shared.status.failed += 1
                let diagnostic = NotificationDiagnostic(
                    reason: "NotificationDispatchFailed", object: route.alert.objectName,
                    message: "failed to send notification for \(route.event.involvedObject.kind)/\(route.event.involvedObject.namespace)/"
                        + "\(route.event.involvedObject.name): \(error)")
                Self.remember([diagnostic], in: &shared.status, keep: options.diagnosticsKept)
            } else {
                provider.delivered += 1
                provider.failing = false
                shared.status.delivered += 1
            }
            shared.status.providers[key] = provider
        }
        var metadata = metadata
        metadata["notification.attempts"] = .stringConvertible(attempts)
        if let error {
            metadata["notification.error"] = .string(error)
            logger.info("notification failed", metadata: metadata)
        } else {
            logger.debug("notification delivered", metadata: metadata)
        }
    }
}
