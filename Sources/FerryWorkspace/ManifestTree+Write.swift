public import FerryCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ManifestTree {
    /// A file ready to replace its original: new content in a temporary file next to it.
    private struct Staged {
        var directory: Int32
        var name: String
        var relative: String
        var temporary: String
        var backup: String
        /// Set once the original is kept under ``backup`` (a hard link).
        var linked = false
        /// The original bytes, kept when a hard link is not possible.
        var original: [UInt8]?
    }

    /// Replaces each file's content with `files[i].bytes`, atomically and all or nothing.
    ///
    /// Every new content is first written to a temporary file in the same directory (same mode, and owner where
    /// allowed) and flushed. Then each original is kept under a hard link and the temporary file renamed over it. If
    /// anything fails, the originals already replaced are put back and the temporary files removed, so the tree is
    /// as it was.
    ///
    /// - Parameter files: Paths relative to the update path, as ``readCandidates()`` returns them.
    /// - Throws: ``WorkspaceError`` of kind ``WorkspaceError/Kind/io`` naming the file that failed.
    public func write(_ files: [ManifestFile]) throws(WorkspaceError) {
        guard !files.isEmpty else { return }
        var staged: [Staged] = []
        defer { for item in staged { close(item.directory) } }
        for (index, file) in files.enumerated() {
            do {
                staged.append(try stage(file, index: index))
            } catch {
                discard(staged)
                throw WorkspaceError(.io, path: error.path, message: "\(error.message); no file was changed")
            }
        }
        var replaced: [Staged] = []
        for var item in staged {
            if let code = replace(&item) {
                let problems = restore(replaced)
                discard(staged)
                var message = "cannot replace \(item.relative): \(Posix.message(code))"
                if problems.isEmpty {
                    message +=
                        replaced.isEmpty
                        ? "; no file was changed" : "; the \(replaced.count) file(s) already replaced were restored, so no file was changed"
                } else {
                    message += "; restoring failed for \(problems.joined(separator: ", ")): check these files"
                }
                throw WorkspaceError(.io, path: item.relative, message: message)
            }
            replaced.append(item)
        }
        for item in replaced where item.linked { unlinkat(item.directory, item.backup, 0) }
    }

    private func stage(_ file: ManifestFile, index: Int) throws(WorkspaceError) -> Staged {
        let relative = file.path
        var components = relative.split(separator: "/").map(String.init)
        guard let name = components.popLast(), !components.contains("..") else {
            throw WorkspaceError(.io, path: relative, message: "cannot write \(relative): not a path inside the update path")
        }
        let directory = try openParent(of: components, relative: relative)
        guard let info = Posix.status(directory, name), Posix.isRegular(info) else {
            close(directory)
            throw WorkspaceError(.io, path: relative, message: "cannot write \(relative): it is no longer a regular file")
        }
        let process = getpid()
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<16 {
            temporary = ".\(name).ferry-\(process)-\(index)-\(attempt).tmp"
            descriptor = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            let code = errno
            close(directory)
            throw WorkspaceError(.io, path: relative, message: "cannot write \(relative): \(Posix.message(code))")
        }
        var failure = faults.write[relative] ?? Posix.writeAll(descriptor, file.bytes)
        if failure == nil && fchmod(descriptor, info.st_mode & 0o7777) != 0 { failure = errno }
        if failure == nil { _ = fchown(descriptor, info.st_uid, info.st_gid) }  // kept where allowed
        if failure == nil && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == nil { failure = errno }
        if let failure {
            unlinkat(directory, temporary, 0)
            close(directory)
            throw WorkspaceError(.io, path: relative, message: "cannot write \(relative): \(Posix.message(failure))")
        }
        return Staged(directory: directory, name: name, relative: relative, temporary: temporary, backup: ".\(name).ferry-\(process)-\(index).orig")
    }

    /// Opens the directory holding a file, one component at a time without following symbolic links.
    private func openParent(of components: [String], relative: String) throws(WorkspaceError) -> Int32 {
        let base: String
        if startIsDirectory {
            base = start
        } else {
            let slash = start.utf8.lastIndex(of: UInt8(ascii: "/")) ?? start.utf8.startIndex
            base = slash == start.utf8.startIndex ? "/" : String(start[..<slash])
        }
        var directory = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw WorkspaceError(.io, path: relative, message: "cannot write \(relative): \(Posix.message(errno))") }
        for component in components {
            let next = Posix.openDirectory(directory, component)
            let code = errno
            close(directory)
            guard next >= 0 else { throw WorkspaceError(.io, path: relative, message: "cannot write \(relative): \(Posix.message(code))") }
            directory = next
        }
        return directory
    }

    /// Keeps the original (hard link, or its bytes) and renames the new content over it; the error number on failure.
    private func replace(_ item: inout Staged) -> Int32? {
        if let code = faults.rename[item.relative] { return code }
        if linkat(item.directory, item.name, item.directory, item.backup, 0) == 0 {
            item.linked = true
        } else {
            guard let bytes = readAll(item.directory, item.name) else { return errno }
            item.original = bytes
        }
        guard renameat(item.directory, item.temporary, item.directory, item.name) == 0 else {
            let code = errno
            if item.linked { unlinkat(item.directory, item.backup, 0) }
            item.linked = false
            return code
        }
        return nil
    }

    /// Puts back the originals of `replaced`, last first; the files that could not be restored.
    private func restore(_ replaced: [Staged]) -> [String] {
        var problems: [String] = []
        for item in replaced.reversed() {
            if item.linked {
                if renameat(item.directory, item.backup, item.directory, item.name) != 0 {
                    problems.append("\(item.relative) (\(Posix.message(errno)))")
                }
            } else if let original = item.original {
                let temporary = item.temporary + ".restore"
                let descriptor = openat(item.directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                let failed =
                    descriptor < 0 || Posix.writeAll(descriptor, original) != nil
                    || renameat(item.directory, temporary, item.directory, item.name) != 0
                if descriptor >= 0 { close(descriptor) }
                if failed {
                    unlinkat(item.directory, temporary, 0)
                    problems.append(item.relative)
                }
            }
        }
        return problems
    }

    /// Removes the temporary files and backups left behind.
    private func discard(_ staged: [Staged]) {
        for item in staged {
            unlinkat(item.directory, item.temporary, 0)
        }
    }

    private func readAll(_ directory: Int32, _ name: String) -> [UInt8]? {
        let descriptor = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                return nil
            }
        }
    }
}
