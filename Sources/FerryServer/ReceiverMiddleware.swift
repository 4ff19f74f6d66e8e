import Hummingbird
import Logging
import Prometheus

/// Answers every request under `/hook/` (any method, as Flux's mux does) with the ``ReceiverHandler``,
/// within the request timeout, and records the `gotk_receiver_http_*` metrics; other requests go on
/// to the routes.
struct ReceiverMiddleware<Context: RequestContext>: RouterMiddleware {
    let handler: ReceiverHandler
    let metrics: ReceiverHTTPMetrics
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/hook/") else { return try await next(request, context) }
        let clock = ContinuousClock()
        let start = clock.now
        let inflight = metrics.inflightGauge
        inflight.increment()
        defer { inflight.decrement() }
        let handler = self.handler
        let logger = context.logger
        let status: Int
        do {
            status = try await withDeadline(timeout) { await handler.status(for: request, logger: logger) }
        } catch {
            logger.info("the request timed out", metadata: ["timeout": "\(timeout)"])
            status = 503
        }
        metrics.record(method: request.method.rawValue, status: status, duration: clock.now - start, responseBytes: 0)
        return Response(status: HTTPResponse.Status(code: status))
    }
}
