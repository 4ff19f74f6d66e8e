import Hummingbird

/// Answers 405 with `Allow: GET` to any other method on the server's read-only pages (`/`,
/// `/api/status`, `/healthz`, `/readyz`, `/metrics`), where the router alone would answer 404 as if
/// the page did not exist. `/hook/` paths never reach it: Flux serves Receivers on any method.
struct MethodMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The paths served with GET only.
    static var readOnlyPaths: Set<String> { ["/", "/api/status", "/healthz", "/readyz", "/metrics"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, Self.readOnlyPaths.contains(request.uri.path) else { return try await next(request, context) }
        var headers = HTTPFields()
        headers[.allow] = "GET"
        return Response(status: .methodNotAllowed, headers: headers)
    }
}
