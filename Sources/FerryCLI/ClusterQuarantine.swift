import FerryCore
import FerryKubernetes
import FerryRuntime
import FerryStore

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

/// The cluster's quarantine for ``PolicyCommandContext``: the annotation, merge-patched.
struct ClusterQuarantineKeeper: PolicyQuarantineKeeper {
    let images: ClusterImages

    func entries(for policy: ImagePolicy) async throws -> [QuarantinedTag] {
        try policy.annotatedQuarantine.get()
    }

    func add(_ entry: QuarantinedTag, to policy: ImagePolicy, at time: Timestamp) async throws -> [QuarantinedTag] {
        let quarantine = ClusterQuarantine(images: images, namespace: policy.metadata.namespace, name: policy.metadata.name)
        let (_, current) = try await quarantine.read()
        let entries = current.filter { $0.tag != entry.tag } + [entry]
        try await quarantine.write(entries, requestedAt: time.rfc3339Nano)
        return entries
    }
}

extension ClusterImages {
    /// The context `ferry rollback` and `ferry explain policy` use against the cluster: its objects and Secrets through
    /// the API, an empty in-memory state (the repository's `status.lastScanResult.latestTags` stand in for the tags), and
    /// the annotation's quarantine.
    func policyContext() throws(CommandFailure) -> PolicyCommandContext {
        let store: SQLiteStateStore
        do {
            store = try SQLiteStateStore()
        } catch {
            throw CommandFailure(.failure, "cannot open an in-memory state: \(error)")
        }
        let source = KubernetesObjectSource(client: client, fieldManager: "ferry", reportingInstance: "ferry-cli")
        return PolicyCommandContext(
            objects: source, status: source, store: store, quarantine: ClusterQuarantineKeeper(images: self), location: "in the cluster at \(server)",
            tagsFromStatus: true, now: { SystemClock.now() })
    }
}
