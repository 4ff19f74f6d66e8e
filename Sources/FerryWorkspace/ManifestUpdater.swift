public import FerryCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What ``ManifestUpdater/update(root:updatePath:policies:dryRun:)`` did.
public struct ManifestUpdate: Sendable {
    /// The update path's tree.
    public var tree: ManifestTree
    /// The rewrite: changed files (new bytes), the result per file and object, and the diagnostics.
    public var rewrite: SetterRewriteResult
    /// The original bytes of each changed file, by path, for diffs.
    public var originals: [String: [UInt8]]
    /// Notes from the walk (skipped symbolic links), before the rewrite's diagnostics.
    public var diagnostics: [SetterDiagnostic]
    /// How many files with a candidate name were read.
    public var filesRead: Int
    /// How many of them contained the marker key.
    public var filesScreened: Int
    /// Whether the changed files were written (false for a dry run or when nothing changed).
    public var written: Bool
}

/// Applies policy results to the markers under a directory: Flux's `UpdateWithSetters` on a local checkout.
public enum ManifestUpdater {
    /// Reads the candidate files under `updatePath`, rewrites their markers, and unless `dryRun` writes the changed
    /// files atomically (all or nothing).
    ///
    /// - Parameters:
    ///   - root: The checkout the update path must stay inside.
    ///   - updatePath: Flux's `spec.update.path`, relative to `root`.
    ///   - policies: The policy results, `latestRef` per policy.
    ///   - dryRun: Compute the changes without writing anything.
    /// - Throws: ``WorkspaceError``: an invalid policy reference, a path outside the root, a read or write failure.
    public static func update(root: String, updatePath: String = ".", policies: [PolicyLatestRef], dryRun: Bool) throws(WorkspaceError)
        -> ManifestUpdate
    {
        let rewriter: SetterRewriter
        do {
            rewriter = try SetterRewriter(policies: policies)
        } catch {
            throw WorkspaceError(.invalidPolicy, path: error.policy, message: error.description)
        }
        let tree = try ManifestTree(root: root, updatePath: updatePath)
        return try update(tree, with: rewriter, dryRun: dryRun)
    }

    /// The same for a directory, or a single file, given directly: a directory is the root and the update path; a
    /// file is updated on its own, relative to its directory (as Flux treats an update path naming a file).
    public static func update(path: String, policies: [PolicyLatestRef], dryRun: Bool) throws(WorkspaceError) -> ManifestUpdate {
        var info = stat()
        guard stat(path, &info) == 0, Posix.isRegular(info) else { return try update(root: path, policies: policies, dryRun: dryRun) }
        let trimmed = path.utf8.last == UInt8(ascii: "/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return try update(root: ".", updatePath: trimmed, policies: policies, dryRun: dryRun) }
        let directory = slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
        return try update(root: directory, updatePath: String(trimmed[trimmed.index(after: slash)...]), policies: policies, dryRun: dryRun)
    }

    /// The same on a tree already resolved.
    public static func update(_ tree: ManifestTree, with rewriter: SetterRewriter, dryRun: Bool) throws(WorkspaceError) -> ManifestUpdate {
        let scan = try tree.readCandidates()
        let rewrite = rewriter.rewrite(scan.files)
        var originals: [String: [UInt8]] = [:]
        let changed = Set(rewrite.changedFiles.map(\.path))
        for file in scan.files where changed.contains(file.path) { originals[file.path] = file.bytes }
        let write = !dryRun && !rewrite.changedFiles.isEmpty
        if write { try tree.write(rewrite.changedFiles) }
        return ManifestUpdate(
            tree: tree, rewrite: rewrite, originals: originals, diagnostics: scan.diagnostics, filesRead: scan.filesRead,
            filesScreened: scan.files.count,
            written: write)
    }
}
