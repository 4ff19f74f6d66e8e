/// Turns an ImageRepository's spec into the registry options for it (IR-22): credentials from
/// `secretRef` (a Docker config Secret) or the cloud `provider`, TLS from `certSecretRef`, the
/// proxy from `proxySecretRef`, and `spec.timeout`. Implemented by `FerryRegistry`, which knows
/// the Docker configuration format.
public protocol RegistryAccessResolver: Sendable {
    /// The options for `repository`, reading its Secrets through `secret` (by name, in the
    /// repository's namespace; `nil` when there is no such Secret).
    ///
    /// - Throws: An error whose description says what is missing or malformed, never a
    ///   credential; Flux reports it as `failed to configure authentication options: …`.
    func access(for repository: ImageRepository, secret: @escaping @Sendable (String) async throws -> Secret?) async throws -> RegistryAccess
}

/// Applies policy results to the `$imagepolicy` markers of a checked-out tree (the `Setters`
/// strategy), writing the changed files atomically. Implemented by `FerryWorkspace`.
public protocol ManifestTreeUpdater: Sendable {
    /// Rewrites the markers under `updatePath` (relative to `root`, which it cannot leave).
    ///
    /// - Returns: What changed, per file and object; empty when nothing did.
    /// - Throws: An error naming the path or the policy at fault (Flux: `failed to apply policies: …`).
    func apply(policies: [PolicyLatestRef], root: String, updatePath: String) async throws -> UpdateResult

    /// Reads the files under `path` (relative to `root`, which it cannot leave) that may carry markers, unchanged:
    /// what promotion reads (``PromotionValues``).
    ///
    /// - Throws: An error naming the path when it cannot be read.
    func read(root: String, path: String) async throws -> [ManifestFile]
}
