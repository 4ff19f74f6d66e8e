public import FerryCore
import FerryForge
import FerryGit
public import FerryManifests
import FerryNotify
public import FerryReconciler
import FerryRegistry
public import FerryServer
import FerryStandalone
import FerryStore
import FerryWorkspace
import Foundation
public import Logging
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The composition root of standalone mode (`ferry run`): a folder of manifests, SQLite state,
/// the OCI registry client, the `git` command line, the notification dispatcher and the HTTP
/// server, wired into one ``PipelineController``. The only place that names the adapters.
public enum StandaloneRuntime {
    /// What `ferry run` was asked to do.
    public struct Configuration: Sendable {
        /// The manifests folder (or file).
        public var manifests: String
        /// The Secrets folder (or file).
        public var secrets: String?
        /// The SQLite state file.
        public var state: String
        /// Where the HTTP server listens (`nil`: no server).
        public var listen: ListenAddress?
        /// Reconciles running at once, per kind.
        public var concurrent = 4
        /// Scans running at once per registry.
        public var perRegistry = 2
        /// Whether a policy may move back to an older tag with its spec unchanged (Flux does).
        public var allowDowngrades = false
        /// How often the folders are looked at for changes.
        public var pollInterval: Duration = .milliseconds(500)
        /// Where Git checkouts are cached (default: next to the state file).
        public var gitCache: String?
        /// The process environment (registry proxies and cloud credentials come from it).
        public var environment: [String: String] = [:]
        /// `reportingInstance` of notifications.
        public var instance = ""
        /// Called with the HTTP server's port once it listens.
        public var onListening: (@Sendable (Int) async -> Void)?

        /// A configuration with the defaults.
        public init(manifests: String, secrets: String? = nil, state: String) {
            self.manifests = manifests
            self.secrets = secrets
            self.state = state
        }
    }

    /// What one `--once` pass did.
    public struct OnceReport: Sendable {
        /// Each object, whether it ended Ready, and its Ready message, in the order reconciled.
        public var results: [(id: ObjectID, ready: Bool, message: String)]
        /// Where each object was read from (`file:line`).
        public var locations: [ObjectID: String]
        /// The pushes made, as the automations' events say them (`pushed commit '…' to branch '…'`).
        public var pushes: [(id: ObjectID, message: String)]
        /// The manifests that could not be read or are invalid (those objects did not run).
        public var manifestErrors: [ManifestError]
        /// Notifications that were still queued when the pass gave up waiting for them.
        public var undeliveredNotifications: Bool
        /// Whether everything ran and ended Ready.
        public var succeeded: Bool { manifestErrors.isEmpty && results.allSatisfy(\.ready) }
    }

    /// The state file's default: `ferry.db` in the current folder.
    public static let defaultState = "ferry.db"

    /// Reconciles every object once, in dependency order, delivers the notifications, returns.
    public static func runOnce(_ configuration: Configuration, logger: Logger) async throws -> OnceReport {
        try await withPipeline(configuration, logger: logger) { parts in
            let group = ServiceGroup(configuration: .init(services: [.init(service: parts.notifications)], logger: logger))
            async let services: Void = group.run()
            let summary = try await parts.controller.runOnce()
            let drained = await parts.notifications.drain(timeout: .seconds(30))
            await group.triggerGracefulShutdown()
            try await services
            let errors = try await parts.source.errors()
            var locations: [ObjectID: String] = [:]
            for result in summary.results {
                if let location = try await parts.source.location(of: result.id) { locations[result.id] = "\(location.file):\(location.line)" }
            }
            let pushes = parts.events.normalEvents.filter { $0.message.hasPrefix("pushed commit ") }.map { event in
                (id: ObjectID(kind: event.regarding.kind, namespace: event.regarding.namespace ?? "", name: event.regarding.name), message: event.message)
            }
            return OnceReport(
                results: summary.results, locations: locations, pushes: pushes, manifestErrors: errors, undeliveredNotifications: !drained)
        }
    }

    /// Runs until SIGTERM or SIGINT: watches the folders, reconciles on intervals and triggers,
    /// serves the Receivers, `/metrics` and the status page; on shutdown, lets reconciles in
    /// progress see the cancellation (Git work is abandoned cleanly) and returns.
    public static func run(_ configuration: Configuration, logger: Logger) async throws {
        try await withPipeline(configuration, logger: logger) { parts in
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(service: ControllerService(controller: parts.controller)),
                .init(service: parts.notifications),
                .init(service: NotificationWatcher(source: parts.source, dispatcher: parts.notifications, logger: logger)),
            ]
            if let address = configuration.listen {
                let server = FerryHTTPServer(
                    configuration: HTTPServerConfiguration(address: address, onListening: configuration.onListening), control: parts.controller,
                    metrics: parts.metrics, logger: logger)
                services.append(.init(service: server))
            }
            let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }

    struct Parts {
        var source: FolderObjectSource
        var events: EventTap
        var controller: PipelineController
        var notifications: NotificationDispatcher<ContinuousClock>
        var metrics: PrometheusReconcileMetrics
    }

    static func withPipeline<Result: Sendable>(_ configuration: Configuration, logger: Logger, _ body: (Parts) async throws -> Result) async throws -> Result {
        let store = try SQLiteStateStore(path: configuration.state)
        let source = FolderObjectSource(
            configuration: .init(manifests: configuration.manifests, secrets: configuration.secrets, pollInterval: configuration.pollInterval), store: store,
            logger: logger)
        let registryConfiguration = RegistryClientConfiguration(environment: configuration.environment)
        return try await OCIRegistryClient.withClient(configuration: registryConfiguration, logger: logger) { registry in
            try await AsyncHTTPClientTransport.withTransport { transport in
                let notifications = NotificationDispatcher(
                    configuration: try await notificationConfiguration(source), transport: transport, clock: ContinuousClock(), logger: logger)
                let metrics = PrometheusReconcileMetrics(registry: PrometheusCollectorRegistry())
                var options = ReconcilerEnvironment.Options()
                options.allowDowngrades = configuration.allowDowngrades
                options.instance = configuration.instance
                let cache = configuration.gitCache ?? (configuration.state + ".git-cache")
                let now: @Sendable () -> Timestamp = HTTPServerConfiguration.wallClock
                let events = EventTap(source)
                let env = ReconcilerEnvironment(
                    objects: source, status: events, store: store, registry: SharedScans(registry), registryAccess: SecretRegistryAccessResolver(),
                    git: GitCommandLineWorkspace(configuration: .init(cacheDirectory: cache)), manifests: WorkspaceTreeUpdater(),
                    notifications: notifications, metrics: metrics, now: now, options: options, pullRequests: ForgePublisher(logger: logger))
                var pipeline = PipelineController.Configuration()
                pipeline.concurrent = configuration.concurrent
                pipeline.perRegistry = configuration.perRegistry
                pipeline.receivers = { ReceiverEndpoints.endpoints(from: (try? await source.notifications()) ?? NotificationManifests()) }
                pipeline.annotate = { id, value in try await store.requestReconcile(id, value: value, at: now()) }
                let controller = PipelineController(environment: env, configuration: pipeline)
                return try await body(Parts(source: source, events: events, controller: controller, notifications: notifications, metrics: metrics))
            }
        }
    }

    static func notificationConfiguration(_ source: FolderObjectSource) async throws -> NotificationConfiguration {
        try await notificationConfiguration(source.notifications(), source)
    }

    /// The dispatcher's configuration: the Alerts, Providers and their Secrets, and the labels of
    /// the image objects (for `eventSources[].matchLabels`), keyed `Kind/namespace/name`.
    static func notificationConfiguration(_ manifests: NotificationManifests, _ source: FolderObjectSource) async throws -> NotificationConfiguration {
        var labels: [String: [String: String]] = [:]
        func add<Object: APIObject>(_ objects: [Object]) {
            for object in objects where !object.metadata.labels.isEmpty {
                labels["\(Object.resource.kind)/\(object.metadata.namespace)/\(object.metadata.name)"] = object.metadata.labels
            }
        }
        add(try await source.list(ImageRepository.self, namespace: nil, selector: nil))
        add(try await source.list(ImagePolicy.self, namespace: nil, selector: nil))
        add(try await source.list(ImageUpdateAutomation.self, namespace: nil, selector: nil))
        return NotificationConfiguration(alerts: manifests.alerts, providers: manifests.providers, secrets: manifests.secrets, objectLabels: labels)
    }
}

/// The controller's work loop as a service of the group.
struct ControllerService: Service {
    let controller: PipelineController

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await controller.run()
        }
    }
}

/// Hands the dispatcher each new set of Alerts and Providers the folder holds.
struct NotificationWatcher: Service {
    let source: FolderObjectSource
    let dispatcher: NotificationDispatcher<ContinuousClock>
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await manifests in source.notificationChanges() {
                guard let configuration = try? await StandaloneRuntime.notificationConfiguration(manifests, source) else { continue }
                dispatcher.update(configuration)
            }
        }
    }
}
