public import FerryCore
import Hummingbird
public import Logging
public import ServiceLifecycle

/// Ferry's HTTP server: the standalone daemon's (`ferry run --listen ADDR`) and the cluster
/// controller's. It talks to the pipeline only through ``FerryCore/PipelineControl`` and serves
/// the registry of the ``PrometheusReconcileMetrics`` the reconcilers record into.
///
/// | path | answers |
/// | --- | --- |
/// | `/hook/<digest>` | the Receivers (N-32, N-33), any method |
/// | `/healthz` | `ok`: the process serves requests (controller-runtime's ping check) |
/// | `/readyz` | `ok` once ``FerryCore/PipelineControl/isReady()``, else 500 |
/// | `/metrics` | the registry of `metrics` in Prometheus' text format |
/// | `/` | the status page (HTML) |
/// | `/api/status` | the status page's data as JSON |
///
/// The server is a `Service`: run it in the pipeline's `ServiceGroup`, whose graceful shutdown
/// (SIGTERM) stops it accepting connections, lets the requests in progress finish, then returns.
///
/// ```swift
/// let metrics = PrometheusReconcileMetrics(registry: PrometheusCollectorRegistry())
/// let server = FerryHTTPServer(
///     configuration: HTTPServerConfiguration(address: try ListenAddress(parsing: ":9292")),
///     control: controller, metrics: metrics, logger: logger)
/// let group = ServiceGroup(services: [pipeline, server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// ```
public struct FerryHTTPServer: Service {
    /// The Hummingbird application behind the server (tests drive it with HummingbirdTesting).
    let application: Application<RouterResponder<BasicRequestContext>>

    /// Creates the server; nothing listens until ``run()``.
    /// - Parameters:
    ///   - configuration: Where to listen, the request limits, the token-info endpoint for `gcr`.
    ///   - control: The running pipeline, asked for Receivers, reconciles, its objects and readiness.
    ///   - metrics: The reconcile metrics the reconcilers record; the receiver metrics join its registry.
    ///   - logger: The server's logger; each request's carries `hb.request.id`.
    public init(
        configuration: HTTPServerConfiguration, control: any PipelineControl, metrics: PrometheusReconcileMetrics,
        logger: Logger = Logger(label: "ferry.server")
    ) {
        self.application = buildHTTPApplication(configuration: configuration, control: control, metrics: metrics, logger: logger)
    }

    /// Serves until the enclosing `ServiceGroup` shuts down gracefully (requests in progress are
    /// answered first) or the task is cancelled.
    /// - Throws: When the address cannot be bound (in use, not an address of this machine).
    public func run() async throws {
        try await application.run()
    }
}
