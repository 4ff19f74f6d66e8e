#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tree of manifests on disk: a root (the repository checkout) and the update path inside it (Flux's
/// `spec.update.path`), read and written the way Flux's setters read and write, with these rules:
///
/// - The update path is joined to the root securely. A path that leaves the root, lexically (`../x`, an absolute
///   path elsewhere) or through a symbolic link among its components, is rejected (Flux's `securejoin` silently clamps
///   it into the root instead). Symbolic links among the update path's components are followed while they stay inside
///   the root.
/// - Below the update path, symbolic links are never followed, to files or directories, inside the root or not:
///   a link's target is either in the tree already (and read under its own name) or outside it. Flux does not follow
///   symbolic links to directories either, but it does read files through symbolic links, even outside the checkout.
/// - Directories named `.git` are skipped (Flux walks them).
/// - Only regular files named `*.yaml`, `*.yml` or `Kustomization` are read, and only those containing the marker key
///   are kept (``MarkerScreen``).
/// - Writes are atomic per file (a temporary file in the same directory, then a rename; the mode and, where allowed,
///   the owner are kept), and a failure part-way restores the files already replaced, so the tree is either fully
///   updated or unchanged.
public struct ManifestTree: Sendable {
    /// The root, absolute and with symbolic links resolved.
    public let root: String
    /// The update path as given.
    public let updatePath: String
    /// The update path, absolute and resolved: a directory or a single file inside ``root``.
    public let start: String
    /// Whether ``start`` is a directory (else it is a single file).
    public let startIsDirectory: Bool
    /// Failures to simulate, for tests.
    package var faults = WorkspaceFaults()

    /// Resolves `updatePath` inside `root`.
    ///
    /// - Parameters:
    ///   - root: The repository checkout (any path; it is resolved).
    ///   - updatePath: A path relative to the root (`.`, `./apps`, `clusters/prod/app.yaml`); an absolute path is
    ///     accepted when it lies inside the root.
    /// - Throws: ``WorkspaceError`` of kind ``WorkspaceError/Kind/invalidPath`` when the root is missing or not a
    ///   directory, or the update path is missing or leaves the root.
    public init(root: String, updatePath: String = ".") throws(WorkspaceError) {
        let resolvedRoot: String
        switch Posix.realPath(root) {
        case .success(let path): resolvedRoot = path
        case .failure(let error): throw WorkspaceError(.invalidPath, path: root, message: "the root \"\(root)\" cannot be used: \(error.message)")
        }
        var info = stat()
        guard stat(resolvedRoot, &info) == 0, Posix.isDirectory(info) else {
            throw WorkspaceError(.invalidPath, path: root, message: "the root \"\(root)\" is not a directory")
        }
        self.root = resolvedRoot
        self.updatePath = updatePath
        let joined = try Self.join(resolvedRoot, updatePath)
        let resolved: String
        switch Posix.realPath(joined) {
        case .success(let path): resolved = path
        case .failure(let error):
            throw WorkspaceError(.invalidPath, path: updatePath, message: "the update path \"\(updatePath)\" cannot be used: \(error.message)")
        }
        guard Self.contains(resolvedRoot, resolved) else {
            throw WorkspaceError(
                .invalidPath, path: updatePath,
                message:
                    "the update path \"\(updatePath)\" resolves to \"\(resolved)\", outside the root \"\(resolvedRoot)\", through a symbolic link")
        }
        guard stat(resolved, &info) == 0, Posix.isDirectory(info) || Posix.isRegular(info) else {
            throw WorkspaceError(
                .invalidPath, path: updatePath, message: "the update path \"\(updatePath)\" is neither a directory nor a regular file")
        }
        self.start = resolved
        self.startIsDirectory = Posix.isDirectory(info)
    }

    /// Joins lexically: `.` and empty components vanish, `..` removes the previous component and may not go above
    /// the root; an absolute path must lie inside the root.
    static func join(_ root: String, _ path: String) throws(WorkspaceError) -> String {
        var relative = Substring(path)
        if path.hasPrefix("/") {
            var normalized = normalize(path)
            if !contains(root, normalized), case .success(let resolved) = Posix.realPath(normalized) { normalized = resolved }
            guard contains(root, normalized) else {
                throw WorkspaceError(
                    .invalidPath, path: path, message: "the update path \"\(path)\" is an absolute path outside the root \"\(root)\"")
            }
            relative = normalized.dropFirst(root.count)
        }
        var components: [Substring] = []
        for component in relative.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                guard components.popLast() != nil else {
                    throw WorkspaceError(.invalidPath, path: path, message: "the update path \"\(path)\" leaves the root \"\(root)\" with \"..\"")
                }
                continue
            }
            components.append(component)
        }
        return components.isEmpty ? root : root + "/" + components.joined(separator: "/")
    }

    /// An absolute path with `.`, `..` and repeated slashes removed lexically.
    static func normalize(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                _ = components.popLast()
                continue
            }
            components.append(component)
        }
        return "/" + components.joined(separator: "/")
    }

    /// Whether `path` is `root` or lies below it.
    static func contains(_ root: String, _ path: String) -> Bool {
        path == root || root == "/" || path.hasPrefix(root + "/")
    }
}

/// Failures a test can make the workspace meet (`package` access: only this package's tests use it).
package struct WorkspaceFaults: Sendable {
    /// Makes reading the file with this relative path fail with the error number.
    package var read: [String: Int32] = [:]
    /// Makes writing the temporary file for this relative path fail with the error number.
    package var write: [String: Int32] = [:]
    /// Makes the rename onto this relative path fail with the error number.
    package var rename: [String: Int32] = [:]

    package init() {}
}
