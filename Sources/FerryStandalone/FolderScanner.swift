import FerryCore
import FerryManifests
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the manifests and secrets folders, re-reading only what changed: a file is read again
/// when its size, modification time or inode differ from the last scan, and parsed again only
/// when its content digest differs too. Blocking file I/O: callers run ``scan()`` off the
/// cooperative pool (``FolderObjectSource`` uses a dispatch queue).
///
/// Files are the `.yaml` and `.yml` files below each folder, at any depth; names that start with
/// `.` (`.git`, an editor's swap file, a Kubernetes volume's `..data`) are skipped, and symbolic
/// links are followed to files but not to directories. A file is parsed only if it mentions
/// `toolkit.fluxcd.io` (manifests) or `Secret` (secrets), so Helm templates and other YAML that
/// cannot hold Ferry's kinds are never read as manifests.
final class FolderScanner: Sendable {
    /// The manifests folder (or a single file).
    let manifests: String
    /// The secrets folder, if any.
    let secrets: String?
    private let decoder: FolderDecoder
    private let cache = Mutex<[String: CachedFile]>([:])

    private struct Stamp: Hashable {
        var size: Int64
        var seconds: Int64
        var nanoseconds: Int64
        var inode: UInt64
    }

    private struct CachedFile {
        var stamp: Stamp
        var digest: [UInt8]
        var contents: FileContents
    }

    /// Creates a scanner.
    init(manifests: String, secrets: String?, defaultNamespace: String) {
        self.manifests = manifests
        self.secrets = secrets
        self.decoder = FolderDecoder(defaultNamespace: defaultNamespace)
    }

    /// Both folders.
    func scan() -> FolderScan {
        var scan = FolderScan()
        switch files(under: manifests) {
        case .success(let paths):
            scan.manifests = paths.map { path in
                let (contents, digest) = read(path, in: .manifests)
                scan.manifestsFingerprint.append(FolderScan.FileFingerprint(path: path, digest: digest))
                return (path, contents)
            }
        case .failure(let error): scan.manifestsError = error
        }
        if let secrets {
            (scan.secrets, scan.secretsError) = scanSecrets(secrets, fingerprint: &scan.secretsFingerprint)
        }
        return scan
    }

    /// The secrets folder alone (Secrets are read when asked for, so a rotated one is seen at once).
    func scanSecrets() -> (files: [(path: String, contents: FileContents)], error: ManifestError?, fingerprint: [FolderScan.FileFingerprint]) {
        guard let secrets else { return ([], nil, []) }
        var fingerprint: [FolderScan.FileFingerprint] = []
        let (files, error) = scanSecrets(secrets, fingerprint: &fingerprint)
        return (files, error, fingerprint)
    }

    private func scanSecrets(
        _ root: String, fingerprint: inout [FolderScan.FileFingerprint]
    ) -> (files: [(path: String, contents: FileContents)], error: ManifestError?) {
        switch files(under: root) {
        case .success(let paths):
            var files: [(path: String, contents: FileContents)] = []
            for path in paths {
                let (contents, digest) = read(path, in: .secrets)
                fingerprint.append(FolderScan.FileFingerprint(path: path, digest: digest))
                files.append((path, contents))
            }
            return (files, nil)
        case .failure(let error):
            return ([], error)
        }
    }

    // MARK: Files

    /// The file's objects, and the digest of its bytes (`nil` when it could not be read).
    private func read(_ path: String, in folder: FolderDecoder.Folder) -> (FileContents, [UInt8]?) {
        guard let before = Self.stamp(path) else {
            return (FileContents(fileError: ManifestError(file: path, reason: "cannot read the file: \(Self.errorText(errno))")), nil)
        }
        if let cached = cache.withLock({ $0[path] }), cached.stamp == before { return (cached.contents, cached.digest) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (FileContents(fileError: ManifestError(file: path, reason: "cannot read the file")), nil)
        }
        let bytes = [UInt8](data)
        let digest = SHA256.hash(bytes)
        if let cached = cache.withLock({ $0[path] }), cached.digest == digest {
            cache.withLock { $0[path]?.stamp = before }
            return (cached.contents, digest)
        }
        let contents: FileContents
        if let text = String(validating: bytes, as: UTF8.self) {
            contents = Self.mayHoldKinds(text, folder) ? decoder.contents(of: text, file: path, in: folder) : FileContents()
        } else {
            contents = FileContents(fileError: ManifestError(file: path, reason: "the file is not UTF-8 text"))
        }
        // A file still being written is read again at the next scan.
        if Self.stamp(path) == before {
            cache.withLock { $0[path] = CachedFile(stamp: before, digest: digest, contents: contents) }
        } else {
            cache.withLock { $0[path] = nil }
        }
        return (contents, digest)
    }

    private static func mayHoldKinds(_ text: String, _ folder: FolderDecoder.Folder) -> Bool {
        switch folder {
        case .manifests: text.contains("toolkit.fluxcd.io")
        case .secrets: text.contains("Secret")
        }
    }

    /// The YAML files under `root` in path order (`root` itself when it is a file), forgetting
    /// cached files that are gone.
    private func files(under root: String) -> Result<[String], ManifestError> {
        var info = stat()
        guard stat(root, &info) == 0 else {
            return .failure(ManifestError(file: root, reason: errno == ENOENT ? "no such directory" : "cannot read: \(Self.errorText(errno))"))
        }
        var found: [String] = []
        if (info.st_mode & S_IFMT) == S_IFDIR {
            walk(root, into: &found)
        } else {
            found = [root]
        }
        found.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let present = Set(found)
        cache.withLock { cache in
            for path in cache.keys where (path == root || path.hasPrefix(prefix)) && !present.contains(path) { cache[path] = nil }
        }
        return .success(found)
    }

    private func walk(_ directory: String, into found: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var link = stat()
            guard lstat(path, &link) == 0 else { continue }
            var target = stat()
            guard stat(path, &target) == 0 else { continue }
            if (target.st_mode & S_IFMT) == S_IFDIR {
                if (link.st_mode & S_IFMT) != S_IFLNK { walk(path, into: &found) }
            } else if (target.st_mode & S_IFMT) == S_IFREG, name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.append(path)
            }
        }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Stamp(size: Int64(info.st_size), seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec), inode: UInt64(info.st_ino))
    }

    private static func errorText(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}
