public import FerryReconciler
public import Logging
public import ServiceLifecycle
import UnixSignals

extension ClusterRuntime {
    /// Runs the controller until SIGTERM or SIGINT: checks the API server, then runs, as one
    /// ServiceLifecycle group, the reconciling service (``ClusterRuntime/reconcile()``, under
    /// leader election when configured) and the services `extraServices` makes from the
    /// controller (the HTTP server with `/metrics`, `/healthz`, `/readyz` and the receivers).
    ///
    /// On SIGTERM the group shuts down gracefully: reconciles in progress are cancelled and
    /// awaited (Git work is abandoned cleanly), the Lease is released, then the extra services
    /// are told to stop. When any service ends or fails the others are stopped too.
    ///
    /// - Throws: ``ClusterRuntimeError`` when the API server is unreachable or does not serve
    ///   the image kinds; ``LeaderElectionLost`` when the Lease could not be renewed in time.
    public static func run(
        _ configuration: Configuration, logger: Logger, extraServices: (PipelineController) -> [any Service] = { _ in [] }
    ) async throws {
        try await withRuntime(configuration, logger: logger) { runtime in
            try await runtime.checkConnection()
            // Graceful shutdown reaches services in reverse order: reconciling stops first.
            var notifications: [ServiceGroupConfiguration.ServiceConfiguration] = []
            if configuration.notifications {
                notifications = [.init(service: runtime.notifications.dispatcher), .init(service: NotificationWatchService(notifications: runtime.notifications))]
            }
            let services: [ServiceGroupConfiguration.ServiceConfiguration] =
                extraServices(runtime.controller).map { .init(service: $0) } + notifications + [.init(service: ReconcileService(runtime: runtime))]
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}

/// ``ClusterRuntime/reconcile()`` as a Service: graceful shutdown cancels it.
public struct ReconcileService: Service {
    /// The runtime whose controller it runs.
    public let runtime: ClusterRuntime

    /// Creates the service.
    public init(runtime: ClusterRuntime) {
        self.runtime = runtime
    }

    public func run() async throws {
        let runtime = runtime
        try await cancelWhenGracefulShutdown { try await runtime.reconcile() }
        runtime.logger.info("stopped reconciling")
    }
}

/// ``ClusterNotifications/watch()`` as a Service: graceful shutdown cancels it.
public struct NotificationWatchService: Service {
    /// The notifications it keeps current.
    public let notifications: ClusterNotifications

    /// Creates the service.
    public init(notifications: ClusterNotifications) {
        self.notifications = notifications
    }

    public func run() async throws {
        let notifications = notifications
        await cancelWhenGracefulShutdown { await notifications.watch() }
    }
}
