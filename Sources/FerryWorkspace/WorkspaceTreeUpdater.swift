public import FerryCore

/// The ``ManifestTreeUpdater`` port over ``ManifestUpdater``: reads, rewrites and writes a
/// checkout's manifests on disk.
public struct WorkspaceTreeUpdater: ManifestTreeUpdater {
    /// Creates the updater.
    public init() {}

    public func apply(policies: [PolicyLatestRef], root: String, updatePath: String) async throws -> UpdateResult {
        try ManifestUpdater.update(root: root, updatePath: updatePath.isEmpty ? "." : updatePath, policies: policies, dryRun: false).rewrite.result
    }

    public func read(root: String, path: String) async throws -> [ManifestFile] {
        try ManifestTree(root: root, updatePath: path.isEmpty ? "." : path).readCandidates().files
    }
}
