import FerryCore
import Hummingbird
import NIOCore
import Prometheus

/// `/healthz` and `/readyz` as controller-runtime serves them (`pkg/healthz`): `ok` when every check
/// passes; `?verbose` lists the checks (`[+]ping ok`); a failing check gives 500 and the list.
func addHealthRoutes(to router: Router<BasicRequestContext>, control: any PipelineControl, timeout: Duration) {
    router.get("/healthz") { request, _ in
        healthResponse(checks: [("ping", true)], verbose: request.uri.queryParameters["verbose"] != nil)
    }
    router.get("/readyz") { request, _ in
        let ready = (try? await withDeadline(timeout) { await control.isReady() }) ?? false
        return healthResponse(checks: [("ping", true), ("pipeline", ready)], verbose: request.uri.queryParameters["verbose"] != nil)
    }
}

/// The body controller-runtime's health handler writes for `checks`.
func healthResponse(checks: [(name: String, passed: Bool)], verbose: Bool) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/plain; charset=utf-8"
    headers[.xContentTypeOptions] = "nosniff"
    let list = checks.map { $0.passed ? "[+]\($0.name) ok\n" : "[-]\($0.name) failed: reason withheld\n" }.joined()
    guard checks.allSatisfy(\.passed) else {
        return Response(status: .internalServerError, headers: headers, body: .init(byteBuffer: ByteBuffer(string: list + "healthz check failed\n")))
    }
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: verbose ? list + "healthz check passed\n" : "ok")))
}

/// `/metrics`: the registry in Prometheus' text exposition format (version 0.0.4).
func addMetricsRoute(to router: Router<BasicRequestContext>, metrics: PrometheusReconcileMetrics) {
    router.get("/metrics") { _, _ in
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
    }
}

/// `/` (the HTML status page) and `/api/status` (its data as JSON).
func addStatusRoutes(to router: Router<BasicRequestContext>, control: any PipelineControl, timeout: Duration) {
    router.get("/") { _, _ in
        let (snapshot, ready) = try await pipelineState(control, timeout: timeout)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = StatusPage.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: StatusPage.html(snapshot, ready: ready))))
    }
    router.get("/api/status") { _, _ in
        let (snapshot, ready) = try await pipelineState(control, timeout: timeout)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: StatusPage.json(snapshot, ready: ready))))
    }
}

/// The pipeline's objects and readiness, or 503 when it does not answer within `timeout`.
private func pipelineState(_ control: any PipelineControl, timeout: Duration) async throws -> (PipelineSnapshot, Bool) {
    do {
        return try await withDeadline(timeout) { (await control.snapshot(), await control.isReady()) }
    } catch let error as RequestTimeout {
        throw HTTPError(.serviceUnavailable, message: "The pipeline did not answer: \(error.description).")
    }
}
