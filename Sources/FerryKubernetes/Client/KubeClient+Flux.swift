public import FerryCore

extension KubeClient {
    /// Sets Flux's `reconcile.fluxcd.io/requestedAt` annotation by merge patch, as `flux
    /// reconcile` and a Receiver do (N-34, CLI-06).
    public func requestReconcile(_ resource: APIResourceKind, name: String, namespace: String, value: String, fieldManager: String) async throws {
        let patch: JSONValue = ["metadata": ["annotations": .object([(ObjectMeta.requestedAtAnnotation, .string(value))])]]
        _ = try await self.patch(JSONValue.self, resource, name: name, namespace: namespace, patch: patch, patchType: .merge, fieldManager: fieldManager)
    }

    /// Sets `spec.suspend` by merge patch, as `flux suspend` and `flux resume` do (CLI-07).
    public func setSuspend(_ resource: APIResourceKind, name: String, namespace: String, _ suspend: Bool, fieldManager: String) async throws {
        let patch: JSONValue = ["spec": ["suspend": .bool(suspend)]]
        _ = try await self.patch(JSONValue.self, resource, name: name, namespace: namespace, patch: patch, patchType: .merge, fieldManager: fieldManager)
    }

    /// Sets (a value) or removes (`nil`) annotations by merge patch, in one request.
    public func setAnnotations(
        _ resource: APIResourceKind, name: String, namespace: String, _ annotations: [(String, String?)], fieldManager: String
    ) async throws {
        let values: [(String, JSONValue)] = annotations.map { ($0.0, $0.1.map(JSONValue.string) ?? .null) }
        let patch: JSONValue = ["metadata": ["annotations": .object(values)]]
        _ = try await self.patch(JSONValue.self, resource, name: name, namespace: namespace, patch: patch, patchType: .merge, fieldManager: fieldManager)
    }
}
