import FerryCore
import FerryForge
public import FerryKubernetes
public import FerryReconciler
public import FerryNotify
import ServiceLifecycle
import FerryGit
import FerryRegistry
import FerryStore
import FerryWorkspace
import Foundation
public import Logging

/// Controller mode's composition root: the reconcilers of ``PipelineController`` over the
/// Kubernetes API. Objects come from watches (``KubernetesObjectSource``, sharded by the watch
/// label selector), status goes to the status subresources, Events to `events.k8s.io/v1`,
/// finalizers are added as Flux adds them, tags are kept in SQLite, and with leader election
/// only the holder of the Lease reconciles.
///
/// ```swift
/// var configuration = ClusterRuntime.Configuration(connection: try ClusterConnection.resolve(environment: env))
/// configuration.electLeader(inNamespace: "flux-system")
/// try await ClusterRuntime.run(configuration, logger: logger) { controller in [httpServer(controller)] }
/// ```
///
/// Notifications come from the cluster too (``ClusterNotifications``): the reconcilers' events
/// go to the Providers of the matching Alerts, and the Receivers are served at `/hook/<digest>`.
public final class ClusterRuntime: Sendable {
    /// The configuration it was built from.
    public let configuration: Configuration
    /// The Kubernetes API client.
    public let client: KubeClient
    /// The objects and the status sink.
    public let source: KubernetesObjectSource
    /// The work loop; hand it to the HTTP server as its ``PipelineControl``.
    public let controller: PipelineController
    /// The candidate for the Lease, when leader election is on.
    public let elector: LeaderElector<ContinuousClock>?
    /// The Alerts, Providers and Receivers of the cluster, and the dispatcher of notifications.
    public let notifications: ClusterNotifications
    let logger: Logger

    private init(
        configuration: Configuration, client: KubeClient, store: any StateStore, registry: any RegistryClient, transport: any NotificationTransport,
        logger: Logger
    ) {
        self.configuration = configuration
        self.client = client
        self.logger = logger
        let elector = configuration.leaderElection.map {
            LeaderElector(client: client, configuration: $0, clock: ContinuousClock(), wallClock: configuration.now)
        }
        self.elector = elector
        var dispatcherOptions = configuration.dispatcher
        dispatcherOptions.noCrossNamespaceRefs = dispatcherOptions.noCrossNamespaceRefs || configuration.noCrossNamespaceRefs
        let dispatcher = NotificationDispatcher(
            configuration: NotificationConfiguration(), options: dispatcherOptions, transport: transport, clock: ContinuousClock(), logger: logger)
        let notifications = ClusterNotifications(
            client: client, namespace: configuration.watchNamespace, fieldManager: configuration.fieldManager, dispatcher: dispatcher,
            resyncInterval: configuration.notificationResync, now: configuration.now,
            writesStatus: { await elector?.isLeader ?? true }, logger: logger)
        self.notifications = notifications
        let recorder: any EventRecorder
        if configuration.notifications { recorder = dispatcher } else { recorder = DiscardingEventRecorder() }
        let source = KubernetesObjectSource(
            client: client, namespace: configuration.watchNamespace, watchLabelSelector: configuration.watchLabelSelector,
            fieldManager: configuration.fieldManager, reportingInstance: configuration.instance)
        self.source = source
        var options = ReconcilerEnvironment.Options()
        options.noCrossNamespaceRefs = configuration.noCrossNamespaceRefs
        options.finalizers = configuration.finalizers
        options.instance = configuration.instance
        let environment = ReconcilerEnvironment(
            objects: source, status: source, store: store, registry: SharedScans(registry), registryAccess: SecretRegistryAccessResolver(),
            git: GitCommandLineWorkspace(configuration: .init(cacheDirectory: configuration.gitCacheDirectory)), manifests: WorkspaceTreeUpdater(),
            notifications: recorder, metrics: configuration.metrics, now: configuration.now, options: options,
            pullRequests: ForgePublisher(logger: logger))
        var pipeline = PipelineController.Configuration()
        pipeline.concurrent = max(1, configuration.concurrent)
        pipeline.receivers = { notifications.receiverEndpoints }
        pipeline.onReconcile = configuration.onReconcile
        let fieldManager = configuration.fieldManager
        pipeline.annotate = { id, value in try await ClusterRuntime.annotate(client, id, requestedAt: value, fieldManager: fieldManager) }
        pipeline.namespaceLabels = { namespace in await ClusterRuntime.labels(client, namespace: namespace, logger: logger) }
        controller = PipelineController(environment: environment, configuration: pipeline)
    }

    /// Builds a runtime, runs `body` with it, and closes the registry client's connections and
    /// the state store afterwards, whether `body` throws or not.
    ///
    /// - Throws: ``ClusterRuntimeError`` when the state store cannot be opened, ``KubeClientError``
    ///   when the connection's TLS material is not usable, and what `body` throws.
    public static func withRuntime<Result: Sendable>(
        _ configuration: Configuration, logger: Logger, _ body: (ClusterRuntime) async throws -> Result
    ) async throws -> Result {
        var client = try KubeClient(connection: configuration.connection, retry: configuration.retry, logger: logger)
        client.requestTimeout = configuration.requestTimeout
        let store = try openStore(configuration.statePath)
        return try await OCIRegistryClient.withClient(configuration: configuration.registry, logger: logger) { registry in
            try await AsyncHTTPClientTransport.withTransport { transport in
                try await body(
                    ClusterRuntime(configuration: configuration, client: client, store: store, registry: registry, transport: transport, logger: logger))
            }
        }
    }

    /// Checks that the API server answers and serves the image kinds, before anything is
    /// started: one list of ImagePolicies with `limit=1`, tried at most twice within
    /// ``Configuration/connectionCheckTimeout`` each, so a wrong
    /// address fails within seconds (the pod is restarted; the running controller retries longer).
    ///
    /// - Throws: ``ClusterRuntimeError`` naming the server and what went wrong.
    public func checkConnection() async throws {
        var probe = client
        probe.retry.maxRetries = min(probe.retry.maxRetries, 1)
        probe.requestTimeout = min(probe.requestTimeout, configuration.connectionCheckTimeout)
        do {
            _ = try await probe.list(
                ImagePolicy.self, ImagePolicy.resource, namespace: configuration.watchNamespace, options: ListOptions(limit: 1))
        } catch let error as KubeAPIError where error.isResourceNotServed {
            throw ClusterRuntimeError(
                "The API server \(client.connection.server) does not serve \(ImagePolicy.resource.plural).\(ImagePolicy.resource.group): "
                    + "install the CRDs first (ferry install)")
        } catch let error as KubeAPIError {
            throw ClusterRuntimeError("The API server \(client.connection.server) refused to list ImagePolicies: \(error.description)")
        } catch let error as KubeClientError {
            throw ClusterRuntimeError("The API server \(client.connection.server) (\(client.connection.origin)) is not usable: \(error.description)")
        }
    }

    /// Reconciles until the calling task is cancelled: with leader election, campaigns for the
    /// Lease first and reconciles only while holding it; cancelling releases the Lease. Returns
    /// normally when cancelled.
    ///
    /// - Throws: ``LeaderElectionLost`` when the Lease could not be renewed in time (reconciles
    ///   in progress have been cancelled and awaited: the process should exit, as Flux's does);
    ///   ``KubeAPIError`` when the Lease may not be read or written (401, 403).
    public func reconcile() async throws {
        let controller = controller
        do {
            if let elector {
                logger.info("campaigning for the lease", metadata: leaseMetadata)
                try await elector.run { try await controller.run() }
            } else {
                try await controller.run()
            }
        } catch is CancellationError {
            return
        }
    }

    /// Reconciles every object once, now, in dependency order (``PipelineController/runOnce()``).
    /// With leader election it first takes the Lease (one attempt) and releases it afterwards.
    ///
    /// - Throws: ``ClusterRuntimeError`` when another candidate holds the Lease.
    public func runOnce() async throws -> PipelineController.OnceSummary {
        guard let elector, let election = configuration.leaderElection else { return try await notifyingRunOnce() }
        guard try await elector.tryAcquireOrRenew() else {
            throw ClusterRuntimeError("Another candidate holds the Lease \(election.namespace)/\(election.leaseName): not reconciling")
        }
        let result: Swift.Result<PipelineController.OnceSummary, any Error>
        do {
            result = .success(try await notifyingRunOnce())
        } catch {
            result = .failure(error)
        }
        try? await elector.release()
        return try result.get()
    }

    /// One pass with the notifications read first and delivered before returning (30 s at most).
    private func notifyingRunOnce() async throws -> PipelineController.OnceSummary {
        guard configuration.notifications else { return try await controller.runOnce() }
        do {
            try await notifications.refresh()
        } catch {
            logger.error("could not read the notification objects; no notifications are sent", metadata: ["kube.error": "\(error)"])
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: notifications.dispatcher)], logger: logger))
        async let services: Void = group.run()
        let result: Swift.Result<PipelineController.OnceSummary, any Error>
        do {
            result = .success(try await controller.runOnce())
        } catch {
            result = .failure(error)
        }
        if !(await notifications.dispatcher.drain(timeout: .seconds(30))) { logger.warning("notifications still queued after 30 s were dropped") }
        await group.triggerGracefulShutdown()
        try await services
        return try result.get()
    }

    private var leaseMetadata: Logger.Metadata {
        guard let election = configuration.leaderElection else { return [:] }
        return ["lease.name": "\(election.namespace)/\(election.leaseName)", "lease.holder": "\(election.identity)"]
    }

    // MARK: Adapters

    static func openStore(_ path: String?) throws -> any StateStore {
        guard let path else {
            do {
                return try SQLiteStateStore()
            } catch {
                throw ClusterRuntimeError("Cannot open an in-memory state store: \(error)")
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        do {
            return try SQLiteStateStore(path: path)
        } catch {
            throw ClusterRuntimeError("Cannot open the state store \(path) (--state): \(error)")
        }
    }

    /// Writes Flux's `reconcile.fluxcd.io/requestedAt` annotation on an object (a Receiver's request).
    static func annotate(_ client: KubeClient, _ id: ObjectID, requestedAt value: String, fieldManager: String) async throws {
        let resources = [ImageRepository.resource, ImagePolicy.resource, ImageUpdateAutomation.resource]
        guard let resource = resources.first(where: { $0.kind == id.kind }) else { return }
        try await client.requestReconcile(resource, name: id.name, namespace: id.namespace, value: value, fieldManager: fieldManager)
    }

    /// A Namespace's labels, for ImagePolicy `accessFrom`; none when it cannot be read.
    static func labels(_ client: KubeClient, namespace: String, logger: Logger) async -> [String: String] {
        let resource = APIResourceKind(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)
        do {
            let object = try await client.get(JSONValue.self, resource, name: namespace, namespace: nil)
            var labels: [String: String] = [:]
            for (key, value) in object[path: ["metadata", "labels"]]?.objectMembers ?? [] { labels[key] = value.stringValue ?? "" }
            return labels
        } catch {
            logger.info("could not read the labels of a namespace", metadata: ["namespace": "\(namespace)", "kube.error": "\(error)"])
            return [:]
        }
    }
}

/// Controller mode could not start or go on.
public struct ClusterRuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The full sentence.
    public var description: String

    init(_ description: String) {
        self.description = description.hasSuffix(".") ? description : description + "."
    }
}
