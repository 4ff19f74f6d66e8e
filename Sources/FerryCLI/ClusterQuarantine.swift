import FerryCore

/// The quarantine of an ImagePolicy in a cluster: the `ferry.dev/quarantined-tags` annotation
/// (``PolicyQuarantineAnnotation``), read from the API and written by merge patch together with
/// `reconcile.fluxcd.io/requestedAt`, so `ferry controller` reconciles the policy at once.
struct ClusterQuarantine {
    let images: ClusterImages
    let namespace: String
    let name: String

    /// The policy and its annotated quarantine.
    ///
    /// - Throws: ``CommandFailure``: invalid input for an unknown policy or an annotation that cannot be read (naming the
    ///   object, the annotation and the value), failure for the API.
    func read() async throws(CommandFailure) -> (policy: ImagePolicy, entries: [QuarantinedTag]) {
        let policy = try await images.object(ImagePolicy.self, .policy, namespace: namespace, name: name)
        switch policy.annotatedQuarantine {
        case .success(let entries): return (policy, entries)
        case .failure(let error):
            throw CommandFailure(.invalidInput, "ImagePolicy '\(namespace)/\(name)' in the cluster at \(images.server): \(error.description)")
        }
    }

    /// Writes `entries` (none: the annotation is removed) and asks for a reconcile.
    func write(_ entries: [QuarantinedTag], requestedAt: String) async throws(CommandFailure) {
        let value = entries.isEmpty ? nil : PolicyQuarantineAnnotation.render(entries)
        try await images.setAnnotations(
            ImagePolicy.self, namespace: namespace, name: name, [(PolicyQuarantineAnnotation.key, value), (ObjectMeta.requestedAtAnnotation, requestedAt)])
    }
}
