import FerryCore
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Builds the Hummingbird application behind ``FerryHTTPServer``: the routes, the receiver
/// middleware, the HTTP/1.1 limits and the listen address.
func buildHTTPApplication(
    configuration: HTTPServerConfiguration,
    control: any PipelineControl,
    metrics: PrometheusReconcileMetrics,
    logger: Logger
) -> Application<RouterResponder<BasicRequestContext>> {
    let router = Router(context: BasicRequestContext.self)
    let handler = ReceiverHandler(
        control: control, tokenInfo: GoogleTokenInfoClient(endpoint: configuration.googleTokenInfoURL, timeout: configuration.googleTokenInfoTimeout),
        maxBodySize: configuration.maxBodySize, now: configuration.now)
    router.add(
        middleware: ReceiverMiddleware<BasicRequestContext>(
            handler: handler, metrics: ReceiverHTTPMetrics(registry: metrics.registry), timeout: configuration.requestTimeout))
    router.add(middleware: MethodMiddleware<BasicRequestContext>())
    addHealthRoutes(to: router, control: control, timeout: configuration.requestTimeout)
    addMetricsRoute(to: router, metrics: metrics)
    addStatusRoutes(to: router, control: control, timeout: configuration.requestTimeout)

    let address = configuration.address
    let channel = HTTP1Channel.Configuration(
        idleTimeout: TimeAmount(configuration.idleTimeout),
        httpDecoderConfiguration: .init(
            maxHeaderFieldSize: configuration.maxHeaderSize, maxHeaderListSize: configuration.maxHeaderSize, maxHeaderFieldCount: 1000))
    let onListening = configuration.onListening
    return Application(
        router: router,
        server: .http1(configuration: channel),
        configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: "ferry"),
        onServerRunning: { channel in
            guard let onListening, let port = channel.localAddress?.port else { return }
            await onListening(port)
        },
        logger: logger
    )
}

extension TimeAmount {
    /// `duration` in nanoseconds (clamped).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self = .nanoseconds(overflow ? .max : whole &+ attoseconds / 1_000_000_000)
    }
}
